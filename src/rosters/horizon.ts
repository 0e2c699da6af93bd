import { addDays, shanghaiDate } from '../common/shanghai-time.js';

/** The booking horizon: today (Asia/Shanghai) and the days after it, `days` dates in all. */
export function horizonDays(now: number, days: number): string[] {
  const today = shanghaiDate(now);
  return Array.from({ length: days }, (_, i) => addDays(today, i));
}

/**
 * Advisory lock class of one facility's capacity writes (the object is the facility id's hash).
 * The city-wide run is claimed in job_ticks instead, like every scheduled job.
 */
export const LOCK_CAPACITY_FACILITY = 727_100_301;
