import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { addDays } from '../../src/common/shanghai-time.js';
import { CapacityJob } from '../../src/rosters/capacity.job.js';
import { CapacityService } from '../../src/rosters/capacity.service.js';
import { LOCK_CAPACITY_FACILITY } from '../../src/rosters/horizon.js';
import { eventually } from '../support/eventually.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCaregiver, aFacility, at, TEST_PASSWORD, today } from '../fixtures/index.js';

/**
 * Ready means bookable: on a new database /health/ready answers 503 (warming) until the first
 * capacity run has made the slots of the whole horizon. The capacity run is held at a facility
 * by taking that facility's run lock from another connection, as a long run would hold it.
 */
describe('readiness: ready means bookable', () => {
  let database: TestDatabase;
  let db: DataSource;
  const apps: TestApp[] = [];
  const holders: pg.Client[] = [];
  let street: string;
  let cleaner: string;
  const fiveDaysAhead = addDays(today(), 5);

  /** An instance on the spec's database, handed over at once: its start-up capacity run may still be going. */
  async function startInstance(): Promise<TestApp> {
    // Answers unchecked against the document: the 503 'warming' body adds status, database and
    // warming to the one error shape, which the document (one shape for every error) leaves out.
    const instance = await startTestApp({}, { database, waitForCapacity: false, checkAnswers: false });
    apps.push(instance);
    return instance;
  }

  /** Holds a facility's capacity lock from another connection, as a run busy with that facility does. */
  async function holdFacility(facilityId: string): Promise<() => Promise<void>> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    holders.push(client);
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CAPACITY_FACILITY, facilityId]);
    return async () => {
      await client.query('COMMIT');
    };
  }

  /** Whether a city-wide capacity run holds its claim now (a live job_ticks lease), and whether a run waits for a facility's lock. */
  async function cityRunBusy(): Promise<{ claimed: boolean; waiting: boolean }> {
    const [row] = await db.query<{ claimed: boolean; waiting: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM job_ticks WHERE job = 'capacity.all' AND finished_at IS NULL AND lease_until > clock_timestamp()) AS claimed,
              EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid::int = $1 AND NOT granted) AS waiting`,
      [LOCK_CAPACITY_FACILITY],
    );
    return row;
  }

  /** Whether, within the usual wait, a city-wide run holds its claim and waits for a facility's lock. */
  const cityRunWaits = () =>
    eventually(async () => {
      const b = await cityRunBusy();
      return b.claimed && b.waiting;
    });

  /** Holds the street centre, then starts a city-wide run on the first instance and sees it claim the city and wait there. */
  async function cityRunHeldAtStreet() {
    const release = await holdFacility(street);
    const running = apps[0].app.get(CapacityService).runAll('spec', { force: true });
    expect(await cityRunWaits()).toBe(true);
    return { release, running };
  }

  const login = async (http: () => ReturnType<typeof request>) =>
    `Bearer ${(await http().post('/api/v1/auth/login').send({ username: 'admin', password: TEST_PASSWORD }).expect(200)).body.accessToken as string}`;
  const cleaningSlots = async (http: () => ReturnType<typeof request>, auth: string, facilityId: string, date: string) =>
    (
      await http()
        .get(`/api/v1/facilities/${facilityId}/availability`)
        .query({ service: 'cleaning.home', date })
        .set('Authorization', auth)
        .expect(200)
    ).body as { start: string; capacity: number }[];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource({ type: 'postgres', url: database.url });
    await db.initialize();
    // A street centre whose cleaner works every day from the weekly template: the capacity run makes the slots.
    street = await aFacility(db, { services: ['cleaning.home', 'meal.delivery'] });
    cleaner = await aCaregiver(db, street, { skills: ['cleaning'], maxWeeklyMinutes: 7 * 8 * 60 });
    for (let weekday = 1; weekday <= 7; weekday++) {
      await db.query(
        `INSERT INTO roster_templates (facility_id, caregiver_id, weekday, start_time, end_time) VALUES ($1, $2, $3, '08:00', '16:00')`,
        [street, cleaner, weekday],
      );
    }
  });
  afterAll(async () => {
    for (const c of holders) await c.end().catch(() => undefined);
    for (const instance of apps) await instance.close();
    await db?.destroy();
    await database?.drop();
  });

  it('answers 503 warming on a new database until the first capacity run has made the slots, then 200 with slots to book', async () => {
    const release = await holdFacility(street);
    const { app, http } = await startInstance();
    // The start-up run has claimed the city and waits at the street centre.
    expect(await cityRunWaits()).toBe(true);
    const warming = await http().get('/health/ready').expect(503);
    expect(warming.body).toMatchObject({ statusCode: 503, code: 'NOT_READY', status: 'warming', database: 'up', warming: ['capacity'] });
    expect(warming.body.message).toContain('capacity');
    expect(warming.body.requestId).toEqual(expect.any(String));
    const admin = await login(http);
    expect(await cleaningSlots(http, admin, street, fiveDaysAhead)).toEqual([]);
    // Liveness is not readiness: the process answers all along.
    await http().get('/health').expect(200, { status: 'ok' });

    await release();
    await app.get(CapacityJob).idle();
    expect((await http().get('/health/ready').expect(200)).body).toEqual({ status: 'ok', database: 'up' });
    const slots = await cleaningSlots(http, admin, street, fiveDaysAhead);
    expect(slots.map((s) => [s.start, s.capacity])).toEqual(
      ['08:30', '10:30', '12:30', '14:30'].map((hhmm) => [at(fiveDaysAhead, hhmm), 1]),
    );
  });

  it('is ready at once on a later start-up, with the slots already made, even while a capacity run is busy', async () => {
    // A city-wide run of another instance, held at the street centre.
    const { release, running } = await cityRunHeldAtStreet();
    const { http } = await startInstance();
    expect((await http().get('/health/ready').expect(200)).body).toEqual({ status: 'ok', database: 'up' });
    await release();
    expect(await running).toMatchObject({ ran: true });
  });

  it('shows a roster change to the next read while a city-wide capacity run is busy', async () => {
    const http = apps[0].http;
    const admin = await login(http);
    // Another facility, whose cleaner also escorts (two skills), with no shift yet on the day.
    const other = await aFacility(db, { services: ['cleaning.home', 'mobility.escort'] });
    const helper = await aCaregiver(db, other, { skills: ['cleaning', 'mobility'] });
    expect(await cleaningSlots(http, admin, other, fiveDaysAhead)).toEqual([]);

    // The city-wide run is held at the street centre: it has claimed the city and is not done.
    const { release, running } = await cityRunHeldAtStreet();

    await http()
      .post(`/api/v1/facilities/${other}/shifts`)
      .set('Authorization', admin)
      .send({ caregiverId: helper, start: at(fiveDaysAhead, '08:00'), end: at(fiveDaysAhead, '16:00') })
      .expect(201);
    const seen = await cleaningSlots(http, admin, other, fiveDaysAhead);
    // The shift's slots are there at once (the caregiver's day is shared between the two services).
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toMatchObject({ start: at(fiveDaysAhead, '08:30'), capacity: 1 });
    // The run was still busy when the change was read back.
    expect((await cityRunBusy()).claimed).toBe(true);

    await release();
    expect(await running).toMatchObject({ ran: true, failed: [] });
    // What was read during the busy run is what the roster gives: the finished run, and a fresh refresh, keep it.
    const plain = (slots: { start: string; capacity: number }[]) => slots.map((s) => [s.start, s.capacity]);
    expect(plain(await cleaningSlots(http, admin, other, fiveDaysAhead))).toEqual(plain(seen));
    await apps[0].app.get(CapacityService).refreshFacility(other);
    expect(plain(await cleaningSlots(http, admin, other, fiveDaysAhead))).toEqual(plain(seen));
  });
});
