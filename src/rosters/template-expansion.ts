import { dayStart, isoWeekday, minutesOf, MINUTE_MS, overlaps, shanghaiDate, subtract, type Interval } from '../common/shanghai-time.js';
import { weekOf } from './weekly-minutes.js';

/** One line of a facility's weekly roster template, times as minutes after Shanghai midnight. */
export interface TemplateEntry {
  id: string;
  caregiverId: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export interface CaregiverInterval extends Interval {
  caregiverId: string;
}

export interface ExpansionInput {
  entries: readonly TemplateEntry[];
  /** The horizon's dates (Asia/Shanghai), in order. */
  days: readonly string[];
  /** Template shifts that would start before this instant are not generated. */
  notBefore: number;
  /**
   * Shifts that stay as they are: manual ones, and template ones that have already started.
   * They win over the template and count towards the weekly limits.
   */
  fixedShifts: readonly CaregiverInterval[];
  /** Days a person edited by hand (added or removed a shift): the template leaves them alone. */
  editedDays: readonly { caregiverId: string; day: string }[];
  leaves: readonly CaregiverInterval[];
  weeklyLimits: ReadonlyMap<string, number>;
}

export interface PlannedShift extends CaregiverInterval {
  templateId: string;
}

export interface ExpansionResult {
  shifts: PlannedShift[];
  /** Template shifts left out because they would pass the caregiver's weekly limit. */
  overLimit: { caregiverId: string; day: string; minutes: number }[];
}

/**
 * Applies a weekly template day by day to the horizon. A caregiver's day edited by hand takes
 * nothing from the template; leave and fixed shifts are cut out of the template's times (what is
 * left of a shift is kept); a shift that would take the caregiver's week past their limit is left
 * out. The result depends only on the input, so running it twice plans the same shifts.
 */
export function expandTemplate(input: ExpansionInput): ExpansionResult {
  const edited = new Set(input.editedDays.map((e) => `${e.caregiverId}|${e.day}`));
  const blockedBy = new Map<string, Interval[]>();
  const weekMinutes = new Map<string, number>();
  for (const s of input.fixedShifts) {
    push(blockedBy, s.caregiverId, s);
    const key = `${s.caregiverId}|${weekOf(s)}`;
    weekMinutes.set(key, (weekMinutes.get(key) ?? 0) + minutesOf(s));
  }
  for (const l of input.leaves) push(blockedBy, l.caregiverId, l);

  const entries = [...input.entries].sort(
    (a, b) =>
      a.weekday - b.weekday || a.caregiverId.localeCompare(b.caregiverId) || a.startMinute - b.startMinute || a.id.localeCompare(b.id),
  );
  const shifts: PlannedShift[] = [];
  const overLimit: ExpansionResult['overLimit'] = [];
  for (const day of [...input.days].sort()) {
    const weekday = isoWeekday(day);
    const midnight = dayStart(day);
    for (const entry of entries) {
      if (entry.weekday !== weekday || edited.has(`${entry.caregiverId}|${day}`)) continue;
      const whole = { start: midnight + entry.startMinute * MINUTE_MS, end: midnight + entry.endMinute * MINUTE_MS };
      const blocks = (blockedBy.get(entry.caregiverId) ?? []).filter((b) => overlaps(b, whole));
      for (const piece of subtract(whole, blocks)) {
        if (piece.start < input.notBefore) continue;
        const key = `${entry.caregiverId}|${weekOf(piece)}`;
        const used = weekMinutes.get(key) ?? 0;
        const limit = input.weeklyLimits.get(entry.caregiverId) ?? 0;
        if (used + minutesOf(piece) > limit) {
          overLimit.push({ caregiverId: entry.caregiverId, day: shanghaiDate(piece.start), minutes: minutesOf(piece) });
          continue;
        }
        weekMinutes.set(key, used + minutesOf(piece));
        // Two entries of one caregiver never overlap (the template is checked), but a piece must
        // also not collide with one planned earlier from an overlapping entry: block it.
        push(blockedBy, entry.caregiverId, piece);
        shifts.push({ caregiverId: entry.caregiverId, templateId: entry.id, start: piece.start, end: piece.end });
      }
    }
  }
  return { shifts, overLimit };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
