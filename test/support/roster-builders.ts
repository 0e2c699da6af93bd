import type { DataSource } from 'typeorm';
import type { Role } from '../../src/common/auth/roles.js';
import { addDays, dayStart, isoWeekday, MINUTE_MS, shanghaiDate, toShanghaiIso } from '../../src/common/shanghai-time.js';
import { TEST_PASSWORD, insertAccount, insertCaregiver, insertFacility, insertResident, type AccountLinks } from './accounts.js';
import type { TestApp } from './test-app.js';

/** Small builders for roster specs: the rows come from accounts.ts; these set roster defaults. */

export interface FacilityOptions {
  services?: string[];
  openingHours?: { weekdays: number[]; open: string; close: string };
  active?: boolean;
}

export function aFacility(db: DataSource, options: FacilityOptions = {}): Promise<string> {
  return insertFacility(db, {
    services: options.services ?? ['cleaning.home', 'meal.delivery', 'meal.dine_in'],
    openingHours: options.openingHours ?? { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '08:00', close: '18:00' },
    active: options.active,
  });
}

export interface CaregiverOptions {
  skills?: string[];
  level?: number;
  maxWeeklyMinutes?: number;
  name?: string;
}

export function aCaregiver(db: DataSource, facilityId: string, options: CaregiverOptions = {}): Promise<string> {
  return insertCaregiver(db, facilityId, options.skills ?? ['cleaning'], options.level ?? 4, options);
}

export function aResident(db: DataSource, facilityId: string): Promise<string> {
  return insertResident(db, facilityId);
}

/** A user of the role, signed in: returns the Authorization header value. */
export async function signedIn(t: TestApp, role: Role, links: AccountLinks = {}): Promise<string> {
  const { username } = await insertAccount(t.db, role, links);
  return t.login(username, TEST_PASSWORD);
}

/** Dates and times in Asia/Shanghai, as the API speaks them. */
export const today = () => shanghaiDate(Date.now());
export const tomorrow = () => addDays(today(), 1);
/** The first Monday after today: with the day after it, two dates in one week, inside the horizon. */
export const nextMonday = () => {
  let d = tomorrow();
  while (isoWeekday(d) !== 1) d = addDays(d, 1);
  return d;
};
export const at = (date: string, hhmm: string) =>
  toShanghaiIso(dayStart(date) + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * MINUTE_MS);
