import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password.js';
import type { Role } from '../../src/common/auth/roles.js';
import { makeIdNumber } from '../../src/people/id-number.js';
import { addDays } from '../../src/common/shanghai-time.js';

export const TEST_PASSWORD = 'test-password-1';
let passwordHash: Promise<string> | undefined;
const unique = () => randomBytes(4).toString('hex');

export interface FacilityOverrides {
  code?: string;
  type?: string;
  services?: string[];
  openingHours?: { weekdays: number[]; open: string; close: string };
  active?: boolean;
}

/** Inserts a facility row straight into the database; returns its id. */
export async function insertFacility(db: DataSource, overrides: FacilityOverrides = {}): Promise<string> {
  const code = overrides.code ?? `T-${unique().toUpperCase()}`;
  const hours = overrides.openingHours ?? { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '07:30', close: '19:00' };
  const [{ id }] = (await db.query(
    `INSERT INTO facilities (code, name, type, district, street, address, lat, lng, opening_hours, active)
     VALUES ($1, $2, $3, '北湖区', '人民路街道', '人民西路1号', 25.79, 113.03, $4, $5)
     RETURNING id`,
    [code, `测试中心 ${code}`, overrides.type ?? 'street_centre', JSON.stringify(hours), overrides.active ?? true],
  )) as { id: string }[];
  for (const service of overrides.services ?? []) {
    await db.query('INSERT INTO facility_services (facility_id, service_code) VALUES ($1, $2)', [id, service]);
  }
  return id;
}

let sequence = 0;
/** Each call a new woman born in the 1940s: the birth day and the even sequence make the ID unique. */
export async function insertResident(db: DataSource, homeFacilityId: string, overrides: { careLevel?: number; subsidyCategory?: string } = {}): Promise<string> {
  sequence += 1;
  const birthDate = addDays('1940-01-01', Math.floor(sequence / 500));
  const [{ id }] = (await db.query(
    `INSERT INTO residents (name, id_number, birth_date, gender, phone, address, lat, lng, district, street, care_level, subsidy_category, home_facility_id)
     VALUES ('张秀英', $1, $2, 'female', '13807350000', '人民西路8号', 25.791, 113.031, '北湖区', '人民路街道', $3, $4, $5)
     RETURNING id`,
    [makeIdNumber('431002', birthDate, (sequence % 500) * 2), birthDate, overrides.careLevel ?? 1, overrides.subsidyCategory ?? 'none', homeFacilityId],
  )) as { id: string }[];
  return id;
}

export async function insertCaregiver(
  db: DataSource,
  facilityId: string,
  skills: string[] = ['cleaning', 'meal'],
  level = 3,
  more: { name?: string; maxWeeklyMinutes?: number } = {},
): Promise<string> {
  const [{ id }] = (await db.query(
    `INSERT INTO caregivers (name, facility_id, gender, skills, level, home_lat, home_lng, max_weekly_minutes)
     VALUES ($4, $1, 'female', $2, $3, 25.78, 113.02, $5) RETURNING id`,
    [facilityId, skills, level, more.name ?? '李红梅', more.maxWeeklyMinutes ?? 2400],
  )) as { id: string }[];
  return id;
}

export interface AccountLinks {
  facilityId?: string;
  residentId?: string;
  caregiverId?: string;
}

/** Inserts an account of a role with the shared test password; returns its username and id. */
export async function insertAccount(db: DataSource, role: Role, links: AccountLinks = {}, username = `${role.replace('_', '-')}.${unique()}`) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const [{ id }] = (await db.query(
    `INSERT INTO users (username, password_hash, role, display_name, facility_id, resident_id, caregiver_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [username, await passwordHash, role, `测试 ${role}`, links.facilityId ?? null, links.residentId ?? null, links.caregiverId ?? null],
  )) as { id: string }[];
  return { id, username };
}

export async function linkFamily(db: DataSource, userId: string, residentId: string, canBook = true): Promise<void> {
  await db.query(`INSERT INTO family_links (user_id, resident_id, relationship, can_book) VALUES ($1, $2, '女儿', $3)`, [userId, residentId, canBook]);
}

/** One facility with one account of every role tied to it: the cast most access specs need. */
export async function insertCast(db: DataSource) {
  const facilityId = await insertFacility(db, { services: ['meal.dine_in', 'meal.delivery', 'cleaning.home'] });
  const residentId = await insertResident(db, facilityId);
  const caregiverId = await insertCaregiver(db, facilityId);
  const accounts = {
    admin: { username: 'admin' },
    bureau_staff: await insertAccount(db, 'bureau_staff'),
    centre_staff: await insertAccount(db, 'centre_staff', { facilityId }),
    caregiver: await insertAccount(db, 'caregiver', { caregiverId }),
    senior: await insertAccount(db, 'senior', { residentId }),
    family: await insertAccount(db, 'family'),
  };
  await linkFamily(db, accounts.family.id, residentId);
  return { facilityId, residentId, caregiverId, accounts };
}
