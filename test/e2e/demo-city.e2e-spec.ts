import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { verifyPassword } from '../../src/auth/password.js';
import { createDataSource } from '../../src/database/data-source.js';
import { birthDateOf, genderOf, idNumberProblem } from '../../src/people/id-number.js';
import { seedDemoCity } from '../../src/seed/demo-city.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

const TABLES = ['facilities', 'facility_services', 'caregivers', 'residents', 'users', 'family_links'];

describe('the demo city on a real database', () => {
  let database: TestDatabase;
  let ds: DataSource;
  const quiet = { log: () => undefined };

  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => (await ds.query<T[]>(sql, params))[0];
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = (await one<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).n;
    return out;
  };
  /** A fingerprint of every row the seed writes, to see that a second run changes nothing. */
  const fingerprint = async () =>
    one<Record<string, string>>(`SELECT
      (SELECT md5(string_agg(concat_ws('|', id, code, name, lat, lng, opening_hours), ',' ORDER BY id)) FROM facilities) AS facilities,
      (SELECT md5(string_agg(concat_ws('|', id, name, facility_id, skills, level), ',' ORDER BY id)) FROM caregivers) AS caregivers,
      (SELECT md5(string_agg(concat_ws('|', id, id_number, name, care_level, home_facility_id), ',' ORDER BY id)) FROM residents) AS residents,
      (SELECT md5(string_agg(concat_ws('|', id, username, password_hash, role), ',' ORDER BY id)) FROM users) AS users,
      (SELECT md5(string_agg(concat_ws('|', id, user_id, resident_id, relationship), ',' ORDER BY id)) FROM family_links) AS links`);

  beforeAll(async () => {
    database = await createTestDatabase({ seedDemo: true, seedResidents: 300 });
    ds = createDataSource(database.url, 2);
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await database?.drop();
  });

  it('has the network: 13 street centres, 20+ day-care sites, 10+ rural homes over the 11 divisions', async () => {
    const rows = await ds.query<{ type: string; n: number }[]>('SELECT type, count(*)::int AS n FROM facilities GROUP BY type');
    const byType = Object.fromEntries(rows.map((r) => [r.type, r.n]));
    expect(byType.street_centre).toBe(13);
    expect(byType.day_care).toBeGreaterThanOrEqual(20);
    expect(byType.rural_home).toBeGreaterThanOrEqual(10);
    const districts = await ds.query<{ district: string }[]>('SELECT DISTINCT district FROM facilities ORDER BY 1');
    expect(districts.map((d) => d.district).sort()).toEqual(
      ['北湖区', '苏仙区', '资兴市', '桂阳县', '宜章县', '永兴县', '嘉禾县', '临武县', '汝城县', '桂东县', '安仁县'].sort(),
    );
    const centres = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM facilities f WHERE type = 'street_centre' AND (SELECT count(*) FROM facility_services s WHERE s.facility_id = f.id) = 8`,
    );
    expect(centres.n).toBe(13);
    const bare = await one<{ n: number }>(
      'SELECT count(*)::int AS n FROM facilities f WHERE NOT EXISTS (SELECT 1 FROM facility_services s WHERE s.facility_id = f.id)',
    );
    expect(bare.n).toBe(0);
  });

  it('has 150+ caregivers and exactly the 300 residents asked for, with valid ID numbers', async () => {
    const c = await counts();
    expect(c.caregivers).toBeGreaterThanOrEqual(150);
    expect(c.residents).toBe(300);
    expect(c.family_links).toBeGreaterThan(30);
    const residents = await ds.query<{ id_number: string; birth: string; gender: string }[]>(
      `SELECT id_number, to_char(birth_date, 'YYYY-MM-DD') AS birth, gender FROM residents`,
    );
    for (const r of residents) {
      expect(idNumberProblem(r.id_number)).toBeNull();
      expect(birthDateOf(r.id_number)).toBe(r.birth);
      expect(genderOf(r.id_number)).toBe(r.gender);
    }
  });

  it('has one demo login per role, all with the password demo1234, linked as described', async () => {
    const users = await ds.query<
      {
        username: string;
        role: string;
        password_hash: string;
        facility: string | null;
        resident_id: string | null;
        caregiver_id: string | null;
      }[]
    >(
      `SELECT u.username, u.role, u.password_hash, f.code AS facility, u.resident_id, u.caregiver_id
         FROM users u LEFT JOIN facilities f ON f.id = u.facility_id
        WHERE u.username IN ('bureau', 'staff.beihu', 'caregiver.demo', 'senior.demo', 'family.demo')`,
    );
    const by = Object.fromEntries(users.map((u) => [u.username, u]));
    expect(Object.fromEntries(users.map((u) => [u.username, u.role]))).toEqual({
      bureau: 'bureau_staff',
      'staff.beihu': 'centre_staff',
      'caregiver.demo': 'caregiver',
      'senior.demo': 'senior',
      'family.demo': 'family',
    });
    for (const u of users) expect(await verifyPassword(u.password_hash, 'demo1234')).toBe(true);
    expect(await verifyPassword(by.bureau.password_hash, 'demo12345')).toBe(false);

    const centre = await one<{ id: string; name: string }>(`SELECT id, name FROM facilities WHERE code = 'BH-SC-01'`);
    expect(centre.name).toBe('人民路街道综合养老服务中心');
    expect(by['staff.beihu'].facility).toBe('BH-SC-01');

    const caregiver = await one<{ facility_id: string; skills: string[]; level: number }>(
      'SELECT facility_id, skills, level FROM caregivers WHERE id = $1',
      [by['caregiver.demo'].caregiver_id],
    );
    expect(caregiver).toEqual({ facility_id: centre.id, skills: ['meal', 'cleaning', 'medical'], level: 3 });

    const senior = await one<{ id: string; home_facility_id: string }>('SELECT id, home_facility_id FROM residents WHERE id = $1', [
      by['senior.demo'].resident_id,
    ]);
    expect(senior.home_facility_id).toBe(centre.id);

    const links = await ds.query<{ resident_id: string; relationship: string; can_book: boolean; home_facility_id: string }[]>(
      `SELECT l.resident_id, l.relationship, l.can_book, r.home_facility_id
         FROM family_links l JOIN users u ON u.id = l.user_id JOIN residents r ON r.id = l.resident_id
        WHERE u.username = 'family.demo'`,
    );
    expect(links).toHaveLength(2);
    expect(links.map((l) => l.resident_id)).toContain(senior.id);
    for (const l of links) expect(l).toMatchObject({ home_facility_id: centre.id, relationship: '女儿', can_book: true });
  });

  it('links some family accounts to two seniors', async () => {
    const two = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT user_id FROM family_links GROUP BY user_id HAVING count(*) = 2) t`,
    );
    expect(two.n).toBeGreaterThan(1);
  });

  it('has beds with a year of stays in every rural home and day places with attendance in every day-care site', async () => {
    const homes = await ds.query(
      `SELECT f.id, count(b.id)::int AS beds FROM facilities f LEFT JOIN beds b ON b.facility_id = f.id WHERE f.type = 'rural_home' GROUP BY f.id`,
    );
    expect(homes.length).toBeGreaterThanOrEqual(10);
    for (const h of homes as { beds: number }[]) expect(h.beds).toBeGreaterThanOrEqual(24);
    const sites = await one<{ without: number }>(
      `SELECT count(*)::int AS without FROM facilities f WHERE f.type = 'day_care' AND NOT EXISTS (SELECT 1 FROM day_places p WHERE p.facility_id = f.id)`,
    );
    expect(sites.without).toBe(0);
    const history = await one<{ admissions: number; discharged: number; open: number; attended: number }>(`SELECT
      (SELECT count(*)::int FROM admissions) AS admissions, (SELECT count(*)::int FROM admissions WHERE status = 'discharged') AS discharged,
      (SELECT count(*)::int FROM bed_occupancies WHERE upper_inf(during)) AS open, (SELECT count(*)::int FROM attendance) AS attended`);
    expect(history.discharged).toBeGreaterThan(0);
    expect(history.open).toBeGreaterThan(0);
    const beds = await one<{ n: number }>('SELECT count(*)::int AS n FROM beds');
    await seedDemoCity(ds, { residents: 300, ...quiet });
    expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM beds')).n).toBe(beds.n);
    expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM admissions')).n).toBe(history.admissions);
  });

  it('adds nothing when run again', async () => {
    const before = { counts: await counts(), rows: await fingerprint() };
    const summary = await seedDemoCity(ds, { residents: 300, ...quiet });
    expect(summary).toMatchObject({ facilities: 0, caregivers: 0, residentsAdded: 0, users: 0, familyLinks: 0, residents: 300 });
    expect({ counts: await counts(), rows: await fingerprint() }).toEqual(before);
  });

  it('tops the residents up without touching those already there, and then again adds nothing', async () => {
    const first = await ds.query<unknown[]>('SELECT id, id_number, name FROM residents ORDER BY id');
    await seedDemoCity(ds, { residents: 450, ...quiet });
    const after = await counts();
    expect(after.residents).toBe(450);
    const kept = await ds.query<unknown[]>('SELECT id, id_number, name FROM residents WHERE id = ANY($1::uuid[]) ORDER BY id', [
      (first as { id: string }[]).map((r) => r.id),
    ]);
    expect(kept).toEqual(first);
    const rows = await fingerprint();
    await seedDemoCity(ds, { residents: 450, ...quiet });
    expect({ counts: await counts(), rows: await fingerprint() }).toEqual({ counts: after, rows });
  });
});
