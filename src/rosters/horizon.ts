import { addDays, shanghaiDate } from '../common/shanghai-time.js';

/** The booking horizon: today (Asia/Shanghai) and the days after it, `days` dates in all. */
export function horizonDays(now: number, days: number): string[] {
  const today = shanghaiDate(now);
  return Array.from({ length: days }, (_, i) => addDays(today, i));
}

/** Advisory lock keys (class, object): one class per kind of claim, so they never collide. */
export const LOCK_CAPACITY_ALL = 727_100_300;
export const LOCK_CAPACITY_FACILITY = 727_100_301;
