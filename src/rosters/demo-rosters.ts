import type { DataSource } from 'typeorm';
import { clockMinutes, formatClock } from '../common/shanghai-time.js';
import type { OpeningHours } from './capacity-rule.js';

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
  const summary: DemoRosterSummary = { facilities: 0, templateEntries: 0, seatSettings: 0 };
  const facilities = (await ds.query(
    `SELECT f.id, f.type, f.opening_hours, EXISTS (SELECT 1 FROM roster_templates t WHERE t.facility_id = f.id) AS has_template
       FROM facilities f WHERE f.active ORDER BY f.code`,
  )) as { id: string; type: string; opening_hours: OpeningHours; has_template: boolean }[];
  for (const facility of facilities) {
    summary.facilities++;
    if (!facility.has_template) summary.templateEntries += await templateFor(ds, facility.id, facility.opening_hours);
    summary.seatSettings += await seatsFor(ds, facility.id, facility.type);
  }
  return summary;
}

async function templateFor(ds: DataSource, facilityId: string, hours: OpeningHours): Promise<number> {
  const caregivers = (await ds.query('SELECT id, max_weekly_minutes FROM caregivers WHERE facility_id = $1 AND active ORDER BY id', [facilityId])) as {
    id: string;
    max_weekly_minutes: number;
  }[];
  const open = clockMinutes(hours.open);
  const close = clockMinutes(hours.close);
  const length = Math.min(SHIFT_MINUTES, close - open);
  const weekdays = [...hours.weekdays].sort();
  if (length <= 0 || weekdays.length === 0) return 0;
  const rows: { caregiverId: string; weekday: number; start: string; end: string }[] = [];
  caregivers.forEach((c, i) => {
    const days = Math.min(5, weekdays.length, Math.floor(c.max_weekly_minutes / length));
    const start = i % 2 === 0 ? open : close - length;
    for (let k = 0; k < days; k++) {
      rows.push({ caregiverId: c.id, weekday: weekdays[(i + k) % weekdays.length], start: formatClock(start), end: formatClock(start + length) });
    }
  });
  if (rows.length === 0) return 0;
  await ds.query(
    `INSERT INTO roster_templates (facility_id, caregiver_id, weekday, start_time, end_time)
     SELECT $1, c, w, s::time, e::time FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[]) AS u(c, w, s, e)`,
    [facilityId, rows.map((r) => r.caregiverId), rows.map((r) => r.weekday), rows.map((r) => r.start), rows.map((r) => r.end)],
  );
  return rows.length;
}

async function seatsFor(ds: DataSource, facilityId: string, type: string): Promise<number> {
  const offered = new Set(
    ((await ds.query('SELECT service_code FROM facility_services WHERE facility_id = $1', [facilityId])) as { service_code: string }[]).map((r) => r.service_code),
  );
  const settings: [string, string | null, number][] = [];
  if (offered.has('meal.dine_in')) {
    for (const [sitting, seats] of Object.entries(DINE_IN_SEATS[type] ?? DINE_IN_SEATS.day_care)) settings.push(['meal.dine_in', sitting, seats]);
  }
  if (offered.has('medical.health_check')) settings.push(['medical.health_check', null, HEALTH_CHECK_PLACES]);
  let written = 0;
  for (const [code, sitting, seats] of settings) {
    const rows = (await ds.query(
      `INSERT INTO facility_seats (facility_id, service_code, sitting, seats) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT facility_seats_unique DO NOTHING RETURNING seats`,
      [facilityId, code, sitting, seats],
    )) as unknown[];
    written += rows.length;
  }
  return written;
}
