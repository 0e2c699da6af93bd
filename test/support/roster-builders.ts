import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password.js';
import type { Role } from '../../src/common/auth/roles.js';
import { addDays, dayStart, isoWeekday, MINUTE_MS, shanghaiDate, toShanghaiIso } from '../../src/rosters/shanghai-time.js';
import type { TestApp } from './test-app.js';

/** Small builders for roster specs: each returns what the spec needs and takes only what matters to it. */

const unique = () => randomBytes(4).toString('hex').toUpperCase();

export interface FacilityOptions {
  services?: string[];
  openingHours?: { weekdays: number[]; open: string; close: string };
  active?: boolean;
}

export async function aFacility(db: DataSource, options: FacilityOptions = {}): Promise<string> {
  const code = `T-${unique()}`;
  const hours = options.openingHours ?? { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '08:00', close: '18:00' };
  const [{ id }] = (await db.query(
    `INSERT INTO facilities (code, name, type, district, street, address, lat, lng, opening_hours, active)
     VALUES ($1, $2, 'street_centre', '北湖区', '人民路街道', '郴州市北湖区人民路1号', 25.77, 113.01, $3, $4) RETURNING id`,
    [code, `测试中心 ${code}`, JSON.stringify(hours), options.active ?? true],
  )) as { id: string }[];
  for (const service of options.services ?? ['cleaning.home', 'meal.delivery', 'meal.dine_in']) {
    await db.query('INSERT INTO facility_services (facility_id, service_code) VALUES ($1, $2)', [id, service]);
  }
  return id;
}

export interface CaregiverOptions {
  skills?: string[];
  level?: number;
  maxWeeklyMinutes?: number;
  name?: string;
}

export async function aCaregiver(db: DataSource, facilityId: string, options: CaregiverOptions = {}): Promise<string> {
  const [{ id }] = (await db.query(
    `INSERT INTO caregivers (name, facility_id, gender, skills, level, home_lat, home_lng, max_weekly_minutes)
     VALUES ($1, $2, 'female', $3, $4, 25.78, 113.02, $5) RETURNING id`,
    [options.name ?? `护理员${unique()}`, facilityId, options.skills ?? ['cleaning'], options.level ?? 4, options.maxWeeklyMinutes ?? 2400],
  )) as { id: string }[];
  return id;
}

let residentSeq = Math.floor(Math.random() * 1_000_000);

export async function aResident(db: DataSource, facilityId: string): Promise<string> {
  const idNumber = `4310021945${String(++residentSeq).padStart(8, '0')}`;
  const [{ id }] = (await db.query(
    `INSERT INTO residents (name, id_number, birth_date, gender, address, district, street, care_level, home_facility_id)
     VALUES ('测试老人', $1, '1945-01-01', 'female', '郴州市北湖区', '北湖区', '人民路街道', 1, $2) RETURNING id`,
    [idNumber, facilityId],
  )) as { id: string }[];
  return id;
}

const PASSWORD = 'roster-spec-password';

/** A user of the role, signed in: returns the Authorization header value. */
export async function signedIn(
  t: TestApp,
  role: Role,
  links: { facilityId?: string; residentId?: string; caregiverId?: string } = {},
): Promise<string> {
  const username = `${role.replace('_', '')}.${unique().toLowerCase()}`;
  await t.db.query(
    `INSERT INTO users (username, password_hash, role, display_name, facility_id, resident_id, caregiver_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [username, await hashPassword(PASSWORD), role, username, links.facilityId ?? null, links.residentId ?? null, links.caregiverId ?? null],
  );
  return t.login(username, PASSWORD);
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
