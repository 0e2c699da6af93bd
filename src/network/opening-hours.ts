/** Opening hours rules, as plain functions: a day's span is "HH:MM" to "HH:MM", Asia/Shanghai. */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes after midnight of an "HH:MM" time. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** Whether a facility opening at `open` closes after it on the same day. */
export function closesAfterOpening(open: unknown, close: unknown): boolean {
  if (typeof open !== 'string' || typeof close !== 'string') return true; // the format checks report these
  if (!CLOCK_TIME.test(open) || !CLOCK_TIME.test(close)) return true;
  return minutesOf(open) < minutesOf(close);
}
