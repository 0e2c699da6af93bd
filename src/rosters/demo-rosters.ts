import type { DataSource } from 'typeorm';
import { clockMinutes, formatClock } from '../common/shanghai-time.js';
import type { OpeningHours } from './capacity-rule.js';
import { ShiftsRepository, type NewTemplateLine } from './shifts.repository.js';
import { SlotsRepository } from './slots.repository.js';

/** Canteen seats per sitting by facility type, and places per health-check slot. */
const DINE_IN_SEATS: Record<string, Partial<Record<'breakfast' | 'lunch' | 'dinner', number>>> = {
  street_centre: { lunch: 60, dinner: 30 },
  day_care: { lunch: 30, dinner: 15 },
  rural_home: { breakfast: 20, lunch: 40, dinner: 30 },
};
const HEALTH_CHECK_PLACES = 2;
const SHIFT_MINUTES = 8 * 60;

export interface DemoRosterSummary {
  facilities: number;
  templateEntries: number;
  seatSettings: number;
}

/**
 * Gives every facility of the demo city a weekly roster template for its active caregivers and
 * seats for its facility-based services, so that the capacity job has something to turn into
 * slots. Deterministic; facilities that already have a template, and seats already set, are left
 * as they are, so it may run again safely.
 *
 * The pattern: each caregiver works up to five of the facility's opening days (their days off
 * rotate so that every day is covered) and an eight-hour shift, early caregivers from opening,
 * late ones until closing, never more than their weekly limit.
 */
export async function seedDemoRosters(ds: DataSource): Promise<DemoRosterSummary> {
  const shifts = new ShiftsRepository(ds);
  const slots = new SlotsRepository(ds);
  const summary: DemoRosterSummary = { facilities: 0, templateEntries: 0, seatSettings: 0 };
  for (const facility of await shifts.activeFacilitiesForDemo()) {
    summary.facilities++;
    if (!facility.has_template) summary.templateEntries += await templateFor(ds, shifts, facility.id, facility.opening_hours);
    summary.seatSettings += await seatsFor(ds, slots, facility.id, facility.type);
  }
  return summary;
}

async function templateFor(ds: DataSource, shifts: ShiftsRepository, facilityId: string, hours: OpeningHours): Promise<number> {
  const caregivers = await shifts.activeCaregiversOf(facilityId);
  const open = clockMinutes(hours.open);
  const close = clockMinutes(hours.close);
  const length = Math.min(SHIFT_MINUTES, close - open);
  const weekdays = [...hours.weekdays].sort();
  if (length <= 0 || weekdays.length === 0) return 0;
  const rows: NewTemplateLine[] = [];
  caregivers.forEach((c, i) => {
    const days = Math.min(5, weekdays.length, Math.floor(c.max_weekly_minutes / length));
    const start = i % 2 === 0 ? open : close - length;
    for (let k = 0; k < days; k++) {
      rows.push({
        caregiverId: c.id,
        weekday: weekdays[(i + k) % weekdays.length],
        start: formatClock(start),
        end: formatClock(start + length),
      });
    }
  });
  if (rows.length === 0) return 0;
  await shifts.insertTemplateEntries(ds.manager, facilityId, rows);
  return rows.length;
}

async function seatsFor(ds: DataSource, slots: SlotsRepository, facilityId: string, type: string): Promise<number> {
  const offered = new Set((await slots.offeredServices(ds.manager, facilityId)).map((s) => s.code));
  const settings: [string, string | null, number][] = [];
  if (offered.has('meal.dine_in')) {
    for (const [sitting, seats] of Object.entries(DINE_IN_SEATS[type] ?? DINE_IN_SEATS.day_care))
      settings.push(['meal.dine_in', sitting, seats]);
  }
  if (offered.has('medical.health_check')) settings.push(['medical.health_check', null, HEALTH_CHECK_PLACES]);
  let written = 0;
  for (const [code, sitting, seats] of settings) if (await slots.setSeatsIfUnset(facilityId, code, sitting, seats)) written++;
  return written;
}
