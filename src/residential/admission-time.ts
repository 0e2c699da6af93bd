import { DAY_MS, dayStart } from '../common/shanghai-time.js';
import { isIsoDate } from '../common/http/validators.js';

/** A date means the start of that day in Asia/Shanghai; a time with its offset means itself. */
export function instantOf(value: string): number {
  return isIsoDate(value) ? dayStart(value) : Date.parse(value);
}

/** Residential records may be entered up to a year late and planned up to 90 days ahead. */
export const RECORD_BACK_MS = 366 * DAY_MS;
export const PLAN_AHEAD_MS = 90 * DAY_MS;

export function withinRecordWindow(at: number, now: number): boolean {
  return at >= now - RECORD_BACK_MS && at <= now + PLAN_AHEAD_MS;
}
