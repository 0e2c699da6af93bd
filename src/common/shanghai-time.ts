/**
 * Calendar arithmetic in Asia/Shanghai: UTC+8 all year (no daylight saving), so a fixed offset is
 * exact. Instants are epoch milliseconds; business dates are "YYYY-MM-DD" strings.
 */
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
/** Slots start on this grid; 30 minutes divides the +08:00 offset, so it aligns with UTC too. */
export const GRID_MS = 30 * MINUTE_MS;
const OFFSET_MS = 8 * 3_600_000;

export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const CLOCK_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export function shanghaiDate(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of 00:00 in Shanghai on `date`. */
export function dayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - OFFSET_MS;
}

export function isValidDate(date: string): boolean {
  return DATE_PATTERN.test(date) && shanghaiDate(dayStart(date)) === date;
}

export function addDays(date: string, days: number): string {
  return shanghaiDate(dayStart(date) + days * DAY_MS);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday of the week `date` falls in. */
export function weekStartOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** Minutes after Shanghai midnight of the instant. */
export function minuteOfDay(ms: number): number {
  return Math.floor(((((ms + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
}

export function clockMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "2026-12-01T11:30:00+08:00": the form the API answers with. */
export function toShanghaiIso(ms: number): string {
  return `${new Date(ms + OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

export function ceilToGrid(ms: number): number {
  return Math.ceil(ms / GRID_MS) * GRID_MS;
}

export interface Interval {
  /** Inclusive start, epoch ms. */
  start: number;
  /** Exclusive end, epoch ms. */
  end: number;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** `from` minus every interval in `cuts`: zero, one or more pieces, in order. */
export function subtract(from: Interval, cuts: readonly Interval[]): Interval[] {
  let pieces: Interval[] = [from];
  for (const cut of cuts) {
    const next: Interval[] = [];
    for (const p of pieces) {
      if (!overlaps(p, cut)) {
        next.push(p);
        continue;
      }
      if (p.start < cut.start) next.push({ start: p.start, end: cut.start });
      if (cut.end < p.end) next.push({ start: cut.end, end: p.end });
    }
    pieces = next;
  }
  return pieces;
}

export function minutesOf(i: Interval): number {
  return Math.round((i.end - i.start) / MINUTE_MS);
}
