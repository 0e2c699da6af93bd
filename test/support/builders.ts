/**
 * Test data builders: request bodies that pass validation, with unique codes and valid ID
 * numbers, and helpers that put a facility, a resident, a caregiver or an account of any role
 * into a spec's database. Override only what the spec is about.
 */
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../src/auth/password.js';
import type { Role } from '../../src/common/auth/roles.js';
import type { CreateFacilityDto } from '../../src/network/dto/facility.dto.js';
import type { CreateCaregiverDto } from '../../src/people/dto/caregiver.dto.js';
import type { CreateResidentDto } from '../../src/people/dto/resident.dto.js';
import { makeIdNumber } from '../../src/people/id-number.js';
import type { TestApp } from './test-app.js';

export const TEST_USER_PASSWORD = 'password-for-test-users';

let counter = 0;
/** A number unique within this test process. */
export function nextSeq(): number {
  counter += 1;
  return counter;
}
const RUN = randomBytes(2).toString('hex');

/** Chenzhou city centre, and a point a little way off it. */
export const CHENZHOU = { lat: 25.77, lng: 113.01 };
export function near(base = CHENZHOU, n = nextSeq()): { lat: number; lng: number } {
  return { lat: +(base.lat + (n % 50) * 0.001).toFixed(6), lng: +(base.lng + (n % 37) * 0.001).toFixed(6) };
}

/** A unique, well-formed mobile number. */
export function aPhone(): string {
  return `139${String((Number.parseInt(RUN, 16) * 1000 + nextSeq()) % 100_000_000).padStart(8, '0')}`;
}

export type FacilityBody = Omit<CreateFacilityDto, 'location' | 'openingHours'> & {
  location: { lat: number; lng: number };
  openingHours: { weekdays: number[]; open: string; close: string };
};

export function aFacility(overrides: Partial<FacilityBody> = {}): FacilityBody {
  const n = nextSeq();
  return {
    code: `T${RUN.toUpperCase()}-${n}`,
    name: `测试街道综合养老服务中心 ${n}`,
    type: 'street_centre',
    district: '北湖区',
    street: '人民路街道',
    address: `郴州市北湖区人民西路 ${n} 号`,
    location: near(),
    services: ['meal.dine_in', 'meal.delivery', 'cleaning.home'],
    openingHours: { weekdays: [1, 2, 3, 4, 5, 6], open: '07:30', close: '19:00' },
    phone: '0735-2222333',
    ...overrides,
  };
}

export type ResidentBody = Omit<CreateResidentDto, 'location'> & { location?: { lat: number; lng: number } | null };

/**
 * A resident whose ID number, birth date and gender agree. Give birthDate and/or gender to get an
 * ID number that encodes them; give idNumber to test one as it is.
 */
export function aResident(overrides: Partial<ResidentBody> & { homeFacilityId: string }): ResidentBody {
  const n = nextSeq();
  const birthDate = overrides.birthDate ?? `19${40 + (n % 15)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  const gender = overrides.gender ?? (n % 2 === 0 ? 'female' : 'male');
  // The sequence's last digit is odd for men, even for women; n keeps it unique per birth date.
  const sequence = ((n * 2) % 1000) + (gender === 'male' ? 1 : 0);
  return {
    name: `测试老人${n}`,
    idNumber: makeIdNumber('431002', birthDate, sequence % 1000),
    birthDate,
    gender,
    phone: aPhone(),
    address: `郴州市北湖区人民西路 ${n} 号`,
    location: near(),
    district: '北湖区',
    street: '人民路街道',
    careLevel: 1,
    subsidyCategory: 'none',
    dietaryNeeds: [],
    ...overrides,
  };
}

export type CaregiverBody = Omit<CreateCaregiverDto, 'homeBase'> & { homeBase: { lat: number; lng: number } };

export function aCaregiver(overrides: Partial<CaregiverBody> & { facilityId: string }): CaregiverBody {
  const n = nextSeq();
  return {
    name: `测试护理员${n}`,
    gender: n % 2 === 0 ? 'female' : 'male',
    phone: aPhone(),
    skills: ['meal', 'cleaning'],
    level: 4,
    homeBase: near(),
    maxWeeklyMinutes: 2400,
    ...overrides,
  };
}

const adminTokens = new WeakMap<TestApp, Promise<string>>();
/** The admin's bearer header, signed in once per app. */
export function adminAuth(t: TestApp): Promise<string> {
  let token = adminTokens.get(t);
  if (!token) {
    token = t.login('admin');
    adminTokens.set(t, token);
  }
  return token;
}

async function created<T>(what: string, res: { status: number; body: unknown }): Promise<T> {
  if (res.status !== 201) throw new Error(`creating ${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

export interface Created {
  id: string;
  [field: string]: unknown;
}

/** A facility made through the API as admin; returns the response body. */
export async function createFacility(t: TestApp, overrides: Partial<FacilityBody> = {}): Promise<Created> {
  const res = await t.http().post('/api/v1/facilities').set('Authorization', await adminAuth(t)).send(aFacility(overrides));
  return created('facility', res);
}

export async function createResident(t: TestApp, overrides: Partial<ResidentBody> & { homeFacilityId: string }): Promise<Created> {
  const res = await t.http().post('/api/v1/residents').set('Authorization', await adminAuth(t)).send(aResident(overrides));
  return created('resident', res);
}

export async function createCaregiver(t: TestApp, overrides: Partial<CaregiverBody> & { facilityId: string }): Promise<Created> {
  const res = await t.http().post('/api/v1/caregivers').set('Authorization', await adminAuth(t)).send(aCaregiver(overrides));
  return created('caregiver', res);
}

export interface UserSpec {
  role: Role;
  username?: string;
  phone?: string | null;
  displayName?: string;
  facilityId?: string | null;
  residentId?: string | null;
  caregiverId?: string | null;
}

export interface TestUser {
  id: string;
  username: string;
  role: Role;
  password: string;
  /** Signs in and returns the bearer header value. */
  auth(): Promise<string>;
}

let passwordHash: Promise<string> | undefined;

/** An account inserted straight into the database (users has its own API, not needed here). */
export async function createUser(t: TestApp, spec: UserSpec): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_USER_PASSWORD);
  const username = spec.username ?? `${spec.role.replace('_', '-')}-${RUN}-${nextSeq()}`;
  const rows = (await t.db.query(
    `INSERT INTO users (username, phone, password_hash, role, display_name, facility_id, resident_id, caregiver_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      username,
      spec.phone ?? null,
      await passwordHash,
      spec.role,
      spec.displayName ?? `测试${spec.role}`,
      spec.facilityId ?? null,
      spec.residentId ?? null,
      spec.caregiverId ?? null,
    ],
  )) as { id: string }[];
  let token: Promise<string> | undefined;
  return {
    id: rows[0].id,
    username,
    role: spec.role,
    password: TEST_USER_PASSWORD,
    auth: () => (token ??= t.login(username, TEST_USER_PASSWORD)),
  };
}

/** Signs in as a new account of the role and returns its bearer header value. */
export async function authAs(t: TestApp, spec: UserSpec): Promise<string> {
  return (await createUser(t, spec)).auth();
}
