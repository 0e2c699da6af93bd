import { clockMinutes, minutesOf, shanghaiDate, weekStartOf, type Interval } from '../common/shanghai-time.js';

/**
 * Weekly minute limits. A shift counts, whole, towards the week (Monday to Sunday, Asia/Shanghai)
 * in which it starts: a Sunday-night shift that runs past midnight belongs to that Sunday's week.
 */
export function weekOf(shift: Interval): string {
  return weekStartOf(shanghaiDate(shift.start));
}

/** Minutes rostered in each week, keyed by the week's Monday. */
export function minutesByWeek(shifts: readonly Interval[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const s of shifts) totals.set(weekOf(s), (totals.get(weekOf(s)) ?? 0) + minutesOf(s));
  return totals;
}

/** How many minutes over `limit` the caregiver's week would be with `added`; 0 when it fits. */
export function minutesOverLimit(existing: readonly Interval[], added: Interval, limit: number): number {
  const week = weekOf(added);
  const already = existing.filter((s) => weekOf(s) === week).reduce((sum, s) => sum + minutesOf(s), 0);
  return Math.max(0, already + minutesOf(added) - limit);
}

export interface TemplateTimes {
  caregiverId: string;
  start: string;
  end: string;
}

/** Minutes a weekly template gives each caregiver, and by how much it passes each one's limit. */
export function templateMinutesOver(
  entries: readonly TemplateTimes[],
  limits: ReadonlyMap<string, number>,
): { caregiverId: string; minutes: number; limit: number; over: number }[] {
  const totals = new Map<string, number>();
  for (const e of entries) totals.set(e.caregiverId, (totals.get(e.caregiverId) ?? 0) + clockMinutes(e.end) - clockMinutes(e.start));
  const over: { caregiverId: string; minutes: number; limit: number; over: number }[] = [];
  for (const [caregiverId, minutes] of totals) {
    const limit = limits.get(caregiverId) ?? 0;
    if (minutes > limit) over.push({ caregiverId, minutes, limit, over: minutes - limit });
  }
  return over;
}
