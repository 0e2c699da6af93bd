import {
  ceilToGrid,
  clockMinutes,
  dayStart,
  GRID_MS,
  isoWeekday,
  minuteOfDay,
  MINUTE_MS,
  shanghaiDate,
  type Interval,
} from '../common/shanghai-time.js';

/**
 * The capacity rule: how many bookings each slot may take, honestly.
 *
 * Home services (delivered by a caregiver at the senior's home): each caregiver's shift is packed,
 * in time order, with visits of the home services the facility offers and the caregiver may
 * deliver (skill, and level no lower than the service asks). A visit needs `travelMinutes` on
 * shift before it (to get there) and starts on the 30-minute grid, inside opening hours, ending
 * by the shift's end and the facility's closing time; the next visit starts no earlier than the
 * previous one's end plus the travel allowance. A caregiver who may deliver several services takes
 * them in turn (round robin, starting at a different service per caregiver and day). A slot's
 * capacity is the number of packed visits that start at it.
 *
 * So a caregiver's minutes are never counted twice, across overlapping slots or across services:
 * whatever mix of bookings the slots admit, each booking has a caregiver, a time and a travel
 * allowance of its own. The price of that honesty is that slots near a packed visit's start are
 * not offered, even when the caregiver is free then.
 *
 * Facility-based services (dine-in, health checks): the seats staff set. A meal service has fixed
 * sittings (breakfast 07:30, lunch 11:30, dinner 17:30, each the service's length) on opening days;
 * any other facility service gets back-to-back slots of its length inside opening hours, so one
 * seat serves one person at a time.
 */

export const SITTINGS = ['breakfast', 'lunch', 'dinner'] as const;
export type Sitting = (typeof SITTINGS)[number];
export const SITTING_START: Record<Sitting, number> = { breakfast: 7 * 60 + 30, lunch: 11 * 60 + 30, dinner: 17 * 60 + 30 };

export interface OpeningHours {
  weekdays: number[];
  open: string;
  close: string;
}

export interface ServiceSpec {
  code: string;
  category: string;
  place: 'facility' | 'home';
  durationMinutes: number;
  requiredSkill: string;
  /** The least qualified level (5 lowest, 1 highest) that may deliver it. */
  minCaregiverLevel: number;
}

export interface RosteredCaregiver {
  id: string;
  skills: readonly string[];
  level: number;
  /** This caregiver's shifts at the facility; they never overlap one another. */
  shifts: readonly Interval[];
}

export interface SeatSetting {
  serviceCode: string;
  sitting: Sitting | null;
  seats: number;
}

export interface CapacityInput {
  openingHours: OpeningHours;
  /** The horizon's dates (Asia/Shanghai); slots on other days are not planned. */
  days: readonly string[];
  /** Slots starting earlier are not planned (they are in the past). */
  notBefore: number;
  travelMinutes: number;
  /** The services the facility offers. */
  services: readonly ServiceSpec[];
  caregivers: readonly RosteredCaregiver[];
  seats: readonly SeatSetting[];
}

export interface PlannedSlot {
  serviceCode: string;
  start: number;
  end: number;
  sitting: Sitting | null;
  capacity: number;
}

export function planSlots(input: CapacityInput): PlannedSlot[] {
  return [...homeServiceSlots(input), ...seatSlots(input)].sort((a, b) => a.serviceCode.localeCompare(b.serviceCode) || a.start - b.start);
}

/** May this caregiver deliver the service? Level 1 is the most qualified. */
export function canDeliver(caregiver: Pick<RosteredCaregiver, 'skills' | 'level'>, service: ServiceSpec): boolean {
  return caregiver.skills.includes(service.requiredSkill) && caregiver.level <= service.minCaregiverLevel;
}

function isOpenFor(hours: OpeningHours, start: number, durationMinutes: number): boolean {
  if (!hours.weekdays.includes(isoWeekday(shanghaiDate(start)))) return false;
  const from = minuteOfDay(start);
  return from >= clockMinutes(hours.open) && from + durationMinutes <= clockMinutes(hours.close);
}

export function homeServiceSlots(input: CapacityInput): PlannedSlot[] {
  const home = input.services.filter((s) => s.place === 'home').sort((a, b) => a.code.localeCompare(b.code));
  const days = new Set(input.days);
  const travel = input.travelMinutes * MINUTE_MS;
  const counts = new Map<string, PlannedSlot>();
  const caregivers = [...input.caregivers].sort((a, b) => a.id.localeCompare(b.id));
  caregivers.forEach((caregiver, index) => {
    const eligible = home.filter((s) => canDeliver(caregiver, s));
    if (eligible.length === 0) return;
    const shortest = Math.min(...eligible.map((s) => s.durationMinutes)) * MINUTE_MS;
    for (const shift of [...caregiver.shifts].sort((a, b) => a.start - b.start)) {
      let turn = index + Math.floor(shift.start / 86_400_000);
      let cursor = shift.start + travel;
      for (;;) {
        const start = ceilToGrid(cursor);
        if (start + shortest > shift.end) break;
        let chosen: ServiceSpec | undefined;
        for (let k = 0; k < eligible.length && !chosen; k++) {
          const candidate = eligible[(turn + k) % eligible.length];
          if (
            start + candidate.durationMinutes * MINUTE_MS <= shift.end &&
            isOpenFor(input.openingHours, start, candidate.durationMinutes)
          ) {
            chosen = candidate;
            turn += k + 1;
          }
        }
        if (!chosen) {
          cursor = start + GRID_MS;
          continue;
        }
        const end = start + chosen.durationMinutes * MINUTE_MS;
        if (start >= input.notBefore && days.has(shanghaiDate(start))) {
          const key = `${chosen.code}|${start}`;
          const slot = counts.get(key);
          if (slot) slot.capacity += 1;
          else counts.set(key, { serviceCode: chosen.code, start, end, sitting: null, capacity: 1 });
        }
        cursor = end + travel;
      }
    }
  });
  return [...counts.values()];
}

export function seatSlots(input: CapacityInput): PlannedSlot[] {
  const byCode = new Map(input.services.filter((s) => s.place === 'facility').map((s) => [s.code, s]));
  const hours = input.openingHours;
  const slots: PlannedSlot[] = [];
  for (const setting of input.seats) {
    const service = byCode.get(setting.serviceCode);
    if (!service || setting.seats <= 0) continue;
    const length = service.durationMinutes * MINUTE_MS;
    for (const day of input.days) {
      if (!hours.weekdays.includes(isoWeekday(day))) continue;
      const midnight = dayStart(day);
      const starts: number[] = [];
      if (setting.sitting) {
        starts.push(midnight + SITTING_START[setting.sitting] * MINUTE_MS);
      } else {
        const step = Math.ceil(length / GRID_MS) * GRID_MS;
        const close = midnight + clockMinutes(hours.close) * MINUTE_MS;
        for (let s = ceilToGrid(midnight + clockMinutes(hours.open) * MINUTE_MS); s + length <= close; s += step) starts.push(s);
      }
      for (const start of starts) {
        if (start < input.notBefore) continue;
        slots.push({ serviceCode: service.code, start, end: start + length, sitting: setting.sitting, capacity: setting.seats });
      }
    }
  }
  return slots;
}
