import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password.js';
import { DEMO_LOGINS, DEMO_PASSWORD, familyAccounts, planStaffAccounts, type UserPlan } from './accounts.js';
import { cols, textArrayLiteral } from './bulk-insert.js';
import { planCaregivers, type CaregiverPlan } from './caregivers.js';
import { planFacilities, type FacilityPlan } from './facilities.js';
import { planPopulation, type HouseholdPlan } from './population.js';
import { seedDemoRosters } from '../rosters/demo-rosters.js';
import { seedHistory } from './history.js';
import { seedDemoResidential } from './residential.js';
import { SeedRepository } from './seed.repository.js';

export interface SeedOptions {
  /** Demo residents wanted in total; the demo couple makes it at least 2. */
  residents: number;
  log: (message: string) => void;
  /** Another seed gives another population (the facilities stay the same). */
  seed?: number;
  /** Days of past orders, visits and feedback to add on a city that has none yet (src/seed/history.ts). */
  historyDays?: number;
  /** The capacity rule's travel allowance, for the history's slots (TRAVEL_ALLOWANCE_MINUTES). */
  travelMinutes?: number;
  /** The demo accounts' password; absent: the published DEMO_PASSWORD (development only). */
  password?: string;
}

export interface SeedSummary {
  facilities: number;
  caregivers: number;
  residents: number;
  residentsAdded: number;
  users: number;
  familyLinks: number;
  seconds: number;
}

/** The article's date (2021-04-01): the default seed of the demo city. */
export const DEFAULT_SEED = 20210401;
export const DEMO_FACILITY_CODE = 'BH-SC-01';
/**
 * Makes sure the demo city exists and has `residents` demo residents: what an earlier run wrote
 * stays as it is, and only missing rows are added, so running it again adds nothing.
 */
export async function seedDemoCity(ds: DataSource, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const seed = options.seed ?? DEFAULT_SEED;
  const facilities = planFacilities(seed);
  const caregivers = planCaregivers(facilities, DEMO_FACILITY_CODE, seed);
  const households = planPopulation(options.residents, facilities, DEMO_FACILITY_CODE, seed);
  const passwordHash = await hashPassword(options.password ?? DEMO_PASSWORD);
  options.log(
    `demo city planned: ${facilities.length} facilities, ${caregivers.length} caregivers, ${households.length} households (${seconds()} s)`,
  );

  const seeds = new SeedRepository(ds);
  const summary = await ds.transaction(async (m) => {
    await seeds.lockSeed(m);
    const added = { facilities: await insertFacilities(seeds, m, facilities) };
    const facilityIds = await idsByCode(seeds, m, facilities);
    const caregiversAdded = await insertCaregivers(seeds, m, caregivers, facilityIds);
    const { fresh, total, residentsAdded } = await insertResidents(seeds, m, households, facilityIds, (done, wanted) =>
      options.log(`residents ${done}/${wanted} (${seconds()} s)`),
    );
    const users = [...planStaffAccounts(facilities, caregivers, DEMO_FACILITY_CODE), ...familyAccounts(fresh.flatMap((h) => h.family))];
    const usersAdded = await insertUsers(seeds, m, users, facilityIds, passwordHash);
    const linksAdded = await insertFamilyLinks(seeds, m, fresh);
    return {
      facilities: added.facilities,
      caregivers: caregiversAdded,
      residents: total,
      residentsAdded,
      users: usersAdded,
      familyLinks: linksAdded,
      seconds: 0,
    };
  });
  // Weekly roster templates and canteen seats, so the capacity job has slots to offer at once.
  const rosters = await seedDemoRosters(ds);
  options.log(
    `demo rosters: ${rosters.templateEntries} template lines, ${rosters.seatSettings} seat settings over ${rosters.facilities} facilities`,
  );
  if (options.historyDays) {
    await seedHistory(ds, { days: options.historyDays, seed, travelMinutes: options.travelMinutes ?? 20, log: options.log });
  }
  // Beds with a year of admissions, day places with a month of attendance (issue 17).
  const residential = await seedDemoResidential(ds, { seed });
  options.log(
    `demo residential: ${residential.beds} beds in ${residential.homes} homes, ${residential.admissions} admissions, ${residential.enrolments} day-care enrolments`,
  );
  summary.seconds = Number(seconds());
  options.log(
    `demo city ready in ${summary.seconds} s: added ${summary.facilities} facilities, ${summary.caregivers} caregivers, ` +
      `${summary.residentsAdded} residents (${summary.residents} demo residents in all), ${summary.users} accounts, ${summary.familyLinks} family links`,
  );
  options.log(options.password ? 'demo logins (password in the initial-passwords file):' : `demo logins (password "${DEMO_PASSWORD}"):`);
  for (const l of DEMO_LOGINS) options.log(`  ${l.username.padEnd(15)} ${l.role.padEnd(13)} ${l.what}`);
  return summary;
}

async function insertFacilities(seeds: SeedRepository, m: EntityManager, facilities: FacilityPlan[]): Promise<number> {
  const added = await seeds.bulkInsert(
    m,
    {
      table: 'facilities',
      columns: cols(
        'id uuid',
        'code text',
        'name text',
        'type text',
        'district text',
        'street text',
        'address text',
        'lat float8',
        'lng float8',
        'opening_hours text jsonb',
        'phone text',
      ),
    },
    facilities.map((f) => [
      f.id,
      f.code,
      f.name,
      f.type,
      f.district,
      f.street,
      f.address,
      f.lat,
      f.lng,
      JSON.stringify(f.openingHours),
      f.phone,
    ]),
  );
  // A facility's offer is set once, when it is new: later changes by its staff are theirs to keep.
  const ids = await idsByCode(seeds, m, facilities);
  await seeds.bulkInsert(
    m,
    {
      table: 'facility_services',
      columns: cols('facility_id uuid', 'service_code text'),
      where: 'NOT EXISTS (SELECT 1 FROM facility_services fs WHERE fs.facility_id = src.facility_id)',
    },
    facilities.flatMap((f) => f.services.map((s) => [ids.get(f.code), s])),
  );
  return added;
}

/** Ids by code as stored (a facility made before the seed under a demo code keeps its own id). */
async function idsByCode(seeds: SeedRepository, m: EntityManager, facilities: FacilityPlan[]): Promise<Map<string, string>> {
  const rows = await seeds.facilitiesByCode(
    m,
    facilities.map((f) => f.code),
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

function insertCaregivers(
  seeds: SeedRepository,
  m: EntityManager,
  caregivers: CaregiverPlan[],
  facilityIds: Map<string, string>,
): Promise<number> {
  return seeds.bulkInsert(
    m,
    {
      table: 'caregivers',
      columns: cols(
        'id uuid',
        'name text',
        'facility_id uuid',
        'gender text',
        'phone text',
        'skills text text[]',
        'level int2',
        'home_lat float8',
        'home_lng float8',
        'max_weekly_minutes int4',
      ),
    },
    caregivers.map((c) => [
      c.id,
      c.name,
      facilityIds.get(c.facilityCode),
      c.gender,
      c.phone,
      textArrayLiteral(c.skills),
      c.level,
      c.homeLat,
      c.homeLng,
      c.maxWeeklyMinutes,
    ]),
  );
}

async function insertResidents(
  seeds: SeedRepository,
  m: EntityManager,
  households: HouseholdPlan[],
  facilityIds: Map<string, string>,
  progress: (done: number, total: number) => void,
): Promise<{ fresh: HouseholdPlan[]; total: number; residentsAdded: number }> {
  const all = households.flatMap((h) => h.residents);
  const rows = await seeds.existingResidents(
    m,
    all.map((r) => r.id),
  );
  const existing = new Set(rows.map((r) => r.id));
  const fresh = households.filter((h) => h.residents.some((r) => !existing.has(r.id)));
  const missing = all.filter((r) => !existing.has(r.id));
  const residentsAdded = await seeds.bulkInsert(
    m,
    {
      table: 'residents',
      columns: cols(
        'id uuid',
        'name text',
        'id_number text',
        'birth_date date',
        'gender text',
        'phone text',
        'address text',
        'lat float8',
        'lng float8',
        'district text',
        'street text',
        'care_level int2',
        'subsidy_category text',
        'dietary_needs text text[]',
        'home_facility_id uuid',
      ),
    },
    missing.map((r) => [
      r.id,
      r.name,
      r.idNumber,
      r.birthDate,
      r.gender,
      r.phone,
      r.address,
      r.lat,
      r.lng,
      r.district,
      r.street,
      r.careLevel,
      r.subsidyCategory,
      textArrayLiteral(r.dietaryNeeds),
      facilityIds.get(r.homeFacilityCode),
    ]),
    (_, done) => progress(existing.size + done, all.length),
  );
  return { fresh, total: all.length, residentsAdded };
}

function insertUsers(
  seeds: SeedRepository,
  m: EntityManager,
  users: UserPlan[],
  facilityIds: Map<string, string>,
  passwordHash: string,
): Promise<number> {
  return seeds.bulkInsert(
    m,
    {
      table: 'users',
      columns: cols(
        'id uuid',
        'username text',
        'phone text',
        'password_hash text',
        'role text',
        'display_name text',
        'facility_id uuid',
        'resident_id uuid',
        'caregiver_id uuid',
      ),
      // A resident or caregiver that an earlier, different seed left out gets no login.
      where:
        '(src.resident_id IS NULL OR EXISTS (SELECT 1 FROM residents r WHERE r.id = src.resident_id)) AND ' +
        '(src.caregiver_id IS NULL OR EXISTS (SELECT 1 FROM caregivers c WHERE c.id = src.caregiver_id))',
    },
    users.map((u) => [
      u.id,
      u.username,
      u.phone,
      passwordHash,
      u.role,
      u.displayName,
      u.facilityCode === null ? null : facilityIds.get(u.facilityCode),
      u.residentId,
      u.caregiverId,
    ]),
  );
}

function insertFamilyLinks(seeds: SeedRepository, m: EntityManager, households: HouseholdPlan[]): Promise<number> {
  const rows = households.flatMap((h) =>
    h.family.flatMap((f) => f.links.map((l) => [l.id, f.id, l.residentId, l.relationship, l.canBook])),
  );
  return seeds.bulkInsert(
    m,
    {
      table: 'family_links',
      columns: cols('id uuid', 'user_id uuid', 'resident_id uuid', 'relationship text', 'can_book bool'),
      where: 'EXISTS (SELECT 1 FROM users u WHERE u.id = src.user_id) AND EXISTS (SELECT 1 FROM residents r WHERE r.id = src.resident_id)',
    },
    rows,
  );
}
