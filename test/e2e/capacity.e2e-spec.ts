import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CapacityService } from '../../src/rosters/capacity.service.js';
import { LOCK_CAPACITY_FACILITY } from '../../src/rosters/horizon.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { addDays } from '../../src/common/shanghai-time.js';
import { aCaregiver, aFacility, aResident, at, signedIn, today, tomorrow } from '../fixtures/index.js';

interface Slot {
  slotId: string;
  start: string;
  end: string;
  capacity: number;
  remaining: number;
}

describe('capacity', () => {
  let t: TestApp;
  let admin: string;
  let capacity: CapacityService;
  const api = '/api/v1';

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    capacity = t.app.get(CapacityService);
  });
  afterAll(async () => t?.close());

  const addShift = (facilityId: string, caregiverId: string, day: string, from: string, to: string) =>
    t
      .http()
      .post(`${api}/facilities/${facilityId}/shifts`)
      .set('Authorization', admin)
      .send({ caregiverId, start: at(day, from), end: at(day, to) })
      .expect(201);
  const availability = async (facilityId: string, service: string, date: string, token = admin) =>
    (await t.http().get(`${api}/facilities/${facilityId}/availability`).query({ service, date }).set('Authorization', token).expect(200))
      .body as Slot[];
  const slotRows = async (facilityId: string) =>
    t.db.query(
      `SELECT id, service_code, starts_at, ends_at, sitting, capacity, booked, over_committed FROM capacity_slots WHERE facility_id = $1 ORDER BY service_code, starts_at`,
      [facilityId],
    );

  /** A facility offering home cleaning, with two cleaners on shift tomorrow 08:00–16:00. */
  async function cleaningFacility() {
    const facilityId = await aFacility(t.db, { services: ['cleaning.home', 'meal.dine_in'] });
    const cleaners = [await aCaregiver(t.db, facilityId), await aCaregiver(t.db, facilityId)];
    for (const c of cleaners) await addShift(facilityId, c, tomorrow(), '08:00', '16:00');
    return { facilityId, cleaners };
  }

  describe('availability', () => {
    it('answers every signed-in role with the slots the roster gives', async () => {
      const { facilityId } = await cleaningFacility();
      const senior = await signedIn(t, 'senior', { residentId: await aResident(t.db, facilityId) });
      const slots = await availability(facilityId, 'cleaning.home', tomorrow(), senior);
      // 90-minute visits, 20 minutes' travel before each, on the 30-minute grid: 08:30, 10:30, 12:30, 14:30.
      expect(slots.map((s) => [s.start, s.end, s.capacity, s.remaining])).toEqual(
        [
          ['08:30', '10:00'],
          ['10:30', '12:00'],
          ['12:30', '14:00'],
          ['14:30', '16:00'],
        ].map(([from, to]) => [at(tomorrow(), from), at(tomorrow(), to), 2, 2]),
      );
      expect(slots[0].slotId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('answers 422 for a service the facility does not offer and for a date outside the horizon', async () => {
      const { facilityId } = await cleaningFacility();
      const ask = (service: string, date: string) =>
        t.http().get(`${api}/facilities/${facilityId}/availability`).query({ service, date }).set('Authorization', admin);
      expect((await ask('medical.home_nursing', tomorrow()).expect(422)).body.code).toBe('SERVICE_NOT_OFFERED');
      expect((await ask('no.such_service', tomorrow()).expect(422)).body.code).toBe('SERVICE_NOT_OFFERED');
      expect((await ask('cleaning.home', addDays(today(), -1)).expect(422)).body.code).toBe('OUTSIDE_HORIZON');
      expect((await ask('cleaning.home', addDays(today(), 14)).expect(422)).body.code).toBe('OUTSIDE_HORIZON');
      await ask('cleaning.home', addDays(today(), 13)).expect(200);
      expect((await ask('cleaning.home', '2026-13-01').expect(400)).body.code).toBe('VALIDATION_FAILED');
      await t
        .http()
        .get(`${api}/facilities/00000000-0000-4000-8000-000000000000/availability`)
        .query({ service: 'cleaning.home', date: tomorrow() })
        .set('Authorization', admin)
        .expect(404);
    });
  });

  describe('registry changes', () => {
    it('plans the slots again at once when a caregiver’s skills or the facility’s services change', async () => {
      const { facilityId, cleaners } = await cleaningFacility();
      const capacities = async () => (await availability(facilityId, 'cleaning.home', tomorrow())).map((s) => s.capacity);
      expect(await capacities()).toEqual([2, 2, 2, 2]);
      const skills = (caregiverId: string, list: string[]) =>
        t.http().patch(`${api}/caregivers/${caregiverId}`).set('Authorization', admin).send({ skills: list }).expect(200);
      await skills(cleaners[0], ['meal']);
      expect(await capacities()).toEqual([1, 1, 1, 1]);
      await skills(cleaners[0], ['meal', 'cleaning']);
      expect(await capacities()).toEqual([2, 2, 2, 2]);

      await t
        .http()
        .patch(`${api}/facilities/${facilityId}`)
        .set('Authorization', admin)
        .send({ services: ['meal.dine_in'] })
        .expect(200);
      const open = await t.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM capacity_slots WHERE facility_id = $1 AND service_code = 'cleaning.home' AND capacity > 0`,
        [facilityId],
      );
      expect(open[0].n).toBe(0);
    });
  });

  describe('seats', () => {
    it('turns canteen seats per sitting into slots, for facility-based services only', async () => {
      const { facilityId } = await cleaningFacility();
      const url = `${api}/facilities/${facilityId}/capacity`;
      const put = await t
        .http()
        .put(url)
        .set('Authorization', admin)
        .send({ serviceCode: 'meal.dine_in', sitting: 'lunch', seats: 40 })
        .expect(200);
      expect(put.body).toEqual({ facilityId, serviceCode: 'meal.dine_in', sitting: 'lunch', seats: 40 });
      const slots = await availability(facilityId, 'meal.dine_in', tomorrow());
      expect(slots.map((s) => [s.start, s.end, s.capacity, s.remaining])).toEqual([
        [at(tomorrow(), '11:30'), at(tomorrow(), '12:30'), 40, 40],
      ]);

      expect(
        (await t.http().put(url).set('Authorization', admin).send({ serviceCode: 'cleaning.home', seats: 3 }).expect(422)).body.code,
      ).toBe('SERVICE_NOT_FACILITY_BASED');
      expect(
        (await t.http().put(url).set('Authorization', admin).send({ serviceCode: 'meal.dine_in', seats: 3 }).expect(422)).body.code,
      ).toBe('SITTING_INVALID');
      expect(
        (await t.http().put(url).set('Authorization', admin).send({ serviceCode: 'medical.health_check', seats: 3 }).expect(422)).body.code,
      ).toBe('SERVICE_NOT_OFFERED');
      expect(
        (await t.http().put(url).set('Authorization', admin).send({ serviceCode: 'meal.dine_in', sitting: 'supper', seats: 3 }).expect(400))
          .body.code,
      ).toBe('VALIDATION_FAILED');
    });
  });

  describe('leave', () => {
    it('lowers the capacity of the slots the caregiver carried and flags a slot booked past it', async () => {
      const { facilityId, cleaners } = await cleaningFacility();
      const [first] = await availability(facilityId, 'cleaning.home', tomorrow());
      // Two bookings in the 08:30 slot, one in the 10:30 slot.
      await t.db.query(`UPDATE capacity_slots SET booked = 2 WHERE id = $1`, [first.slotId]);
      const second = (await availability(facilityId, 'cleaning.home', tomorrow()))[1];
      await t.db.query(`UPDATE capacity_slots SET booked = 1 WHERE id = $1`, [second.slotId]);

      const leave = await t
        .http()
        .post(`${api}/caregivers/${cleaners[0]}/leave`)
        .set('Authorization', admin)
        .send({ from: tomorrow(), to: tomorrow(), reason: '病假' })
        .expect(201);
      expect(leave.body).toMatchObject({
        caregiverId: cleaners[0],
        reason: '病假',
        shiftsRemoved: 1,
        shiftsTrimmed: 0,
        from: at(tomorrow(), '00:00'),
      });

      const after = await availability(facilityId, 'cleaning.home', tomorrow());
      expect(after.map((s) => [s.slotId === first.slotId, s.capacity, s.remaining])).toEqual([
        [true, 1, 0],
        [false, 1, 0],
        [false, 1, 1],
        [false, 1, 1],
      ]);
      const over = await t.http().get(`${api}/facilities/${facilityId}/over-committed`).set('Authorization', admin).expect(200);
      expect(over.body).toEqual([
        {
          slotId: first.slotId,
          serviceCode: 'cleaning.home',
          sitting: null,
          start: first.start,
          end: first.end,
          capacity: 1,
          booked: 2,
          over: 1,
        },
      ]);
    });

    it('keeps booked slots flagged at zero capacity when nobody is left, and drops empty ones', async () => {
      const { facilityId, cleaners } = await cleaningFacility();
      const [first] = await availability(facilityId, 'cleaning.home', tomorrow());
      await t.db.query(`UPDATE capacity_slots SET booked = 1 WHERE id = $1`, [first.slotId]);
      for (const c of cleaners) {
        await t
          .http()
          .post(`${api}/caregivers/${c}/leave`)
          .set('Authorization', admin)
          .send({ from: at(tomorrow(), '00:00'), to: at(tomorrow(), '23:00'), reason: '培训' })
          .expect(201);
      }
      const rows = (await slotRows(facilityId)).filter((r: { service_code: string }) => r.service_code === 'cleaning.home');
      expect(rows).toEqual([expect.objectContaining({ id: first.slotId, capacity: 0, booked: 1, over_committed: true })]);
      expect(await availability(facilityId, 'cleaning.home', tomorrow())).toEqual([
        expect.objectContaining({ slotId: first.slotId, capacity: 0, remaining: 0 }),
      ]);
      const [run] = await t.db.query<{ result: { slotsRemoved: number; overCommitted: number } }[]>(
        `SELECT result FROM job_runs WHERE job = 'capacity.facility' AND scope = $1 ORDER BY id DESC LIMIT 1`,
        [facilityId],
      );
      expect(run.result).toMatchObject({ slotsRemoved: 3, overCommitted: 1 });
      // No new shift while on leave.
      const refused = await t
        .http()
        .post(`${api}/facilities/${facilityId}/shifts`)
        .set('Authorization', admin)
        .send({ caregiverId: cleaners[0], start: at(tomorrow(), '18:00'), end: at(tomorrow(), '20:00') })
        .expect(422);
      expect(refused.body.code).toBe('SHIFT_INVALID');
    });

    it('cuts a shift back to the time outside the leave', async () => {
      const facilityId = await aFacility(t.db);
      const caregiverId = await aCaregiver(t.db, facilityId);
      await addShift(facilityId, caregiverId, tomorrow(), '08:00', '16:00');
      const res = await t
        .http()
        .post(`${api}/caregivers/${caregiverId}/leave`)
        .set('Authorization', admin)
        .send({ from: at(tomorrow(), '10:00'), to: at(tomorrow(), '12:00'), reason: '就医' })
        .expect(201);
      expect(res.body).toMatchObject({ shiftsRemoved: 0, shiftsTrimmed: 1 });
      const roster = await t
        .http()
        .get(`${api}/facilities/${facilityId}/roster`)
        .query({ from: tomorrow(), to: tomorrow() })
        .set('Authorization', admin)
        .expect(200);
      expect(roster.body.shifts.map((s: { start: string; end: string }) => [s.start, s.end])).toEqual([
        [at(tomorrow(), '08:00'), at(tomorrow(), '10:00')],
        [at(tomorrow(), '12:00'), at(tomorrow(), '16:00')],
      ]);
      expect(roster.body.leaves).toEqual([
        expect.objectContaining({ caregiverId, reason: '就医', from: at(tomorrow(), '10:00'), to: at(tomorrow(), '12:00') }),
      ]);
      const late = await t
        .http()
        .post(`${api}/caregivers/${caregiverId}/leave`)
        .set('Authorization', admin)
        .send({ from: '2020-01-01', to: '2020-01-02', reason: 'x' })
        .expect(422);
      expect(late.body.code).toBe('LEAVE_INVALID');
    });
  });

  describe('the job', () => {
    it('gives the same slots and shifts when run twice', async () => {
      const facilityId = await aFacility(t.db, { services: ['cleaning.home', 'meal.delivery', 'meal.dine_in'] });
      const a = await aCaregiver(t.db, facilityId, { skills: ['cleaning', 'meal'] });
      const b = await aCaregiver(t.db, facilityId, { skills: ['meal'] });
      const entries = [1, 2, 3, 4, 5].flatMap((weekday) => [
        { caregiverId: a, weekday, start: '08:00', end: '16:00' },
        { caregiverId: b, weekday, start: '10:00', end: '14:00' },
      ]);
      await t.http().put(`${api}/facilities/${facilityId}/roster-template`).set('Authorization', admin).send({ entries }).expect(200);
      await t
        .http()
        .put(`${api}/facilities/${facilityId}/capacity`)
        .set('Authorization', admin)
        .send({ serviceCode: 'meal.dine_in', sitting: 'dinner', seats: 12 })
        .expect(200);
      const shifts = () =>
        t.db.query(
          `SELECT id, caregiver_id, during, source, template_id FROM shifts WHERE facility_id = $1 ORDER BY lower(during), caregiver_id`,
          [facilityId],
        );
      const slotsBefore = await slotRows(facilityId);
      const shiftsBefore = await shifts();
      expect(slotsBefore.length).toBeGreaterThan(20);
      expect(shiftsBefore.length).toBeGreaterThan(10);

      const again = await capacity.refreshFacility(facilityId);
      expect(again).toMatchObject({ shiftsCreated: 0, shiftsRemoved: 0, slotsInserted: 0, slotsUpdated: 0, slotsRemoved: 0 });
      await capacity.runAll('spec', { force: true });
      expect(await slotRows(facilityId)).toEqual(slotsBefore);
      expect(await shifts()).toEqual(shiftsBefore);
    });

    it('does the work once when two runs start at the same time', async () => {
      for (let i = 0; i < 3; i++) await cleaningFacility();
      const runs = async () =>
        (await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM job_runs WHERE job = 'capacity.all'`))[0].n;
      const before = await runs();
      const results = await Promise.all([capacity.runAll('spec', { force: true }), capacity.runAll('spec', { force: true })]);
      expect(results.filter((r) => r.ran)).toHaveLength(1);
      expect(results.filter((r) => !r.ran)).toEqual([{ ran: false, reason: 'locked' }]);
      expect(await runs()).toBe(before + 1);
      // A run asked for just after one finished is not repeated.
      expect(await capacity.runAll('spec')).toEqual({ ran: false, reason: 'recent' });
      expect(await runs()).toBe(before + 1);
    });

    it('takes over a city-wide run whose claim was not renewed (its instance stopped), and records the run once', async () => {
      const { facilityId } = await cleaningFacility();
      const runs = async () =>
        (await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM job_runs WHERE job = 'capacity.all'`))[0].n;
      const before = await runs();
      // The first run is held at a facility, as a long run would be.
      const holder = t.db.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      await holder.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CAPACITY_FACILITY, facilityId]);
      try {
        const first = capacity.runAll('spec', { force: true });
        const claim = async () =>
          (
            await t.db.query<{ tick: string; owner: string }[]>(
              `SELECT tick, owner FROM job_ticks WHERE job = 'capacity.all' AND finished_at IS NULL`,
            )
          )[0];
        expect(await eventually(async () => (await claim()) !== undefined)).toBe(true);
        const stale = await claim();
        // While its lease holds, nobody else runs.
        expect(await capacity.runAll('spec', { force: true })).toEqual({ ran: false, reason: 'locked' });
        // Its instance stops renewing: the lease runs out, and the next run asked for takes the tick over.
        await t.db.query(
          `UPDATE job_ticks SET lease_until = clock_timestamp() - interval '1 second' WHERE job = 'capacity.all' AND tick = $1`,
          [stale.tick],
        );
        const second = capacity.runAll('spec', { force: true });
        expect(await eventually(async () => (await claim())?.owner !== stale.owner)).toBe(true);
        expect((await claim()).tick).toBe(stale.tick);
        await holder.commitTransaction();
        expect(await second).toMatchObject({ ran: true, failed: [] });
        await first;
      } finally {
        if (holder.isTransactionActive) await holder.rollbackTransaction();
        await holder.release();
      }
      // The run that lost its claim leaves the record to the one that took it over.
      expect(await runs()).toBe(before + 1);
      expect(
        (
          await t.db.query<{ attempts: number; done: boolean }[]>(
            `SELECT attempts, finished_at IS NOT NULL AS done FROM job_ticks WHERE job = 'capacity.all' ORDER BY claimed_at DESC LIMIT 1`,
          )
        )[0],
      ).toEqual({ attempts: 2, done: true });
    });

    it('lets bookings take units only while capacity remains', async () => {
      const { facilityId } = await cleaningFacility();
      const [slot] = await availability(facilityId, 'cleaning.home', tomorrow());
      const take = () =>
        t.db.query('UPDATE capacity_slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity RETURNING booked', [slot.slotId]);
      const taken = await Promise.all(Array.from({ length: 6 }, take));
      expect(taken.filter((r) => (r as [unknown[], number])[1] === 1)).toHaveLength(2);
      await expect(t.db.query('UPDATE capacity_slots SET booked = 3 WHERE id = $1', [slot.slotId])).rejects.toMatchObject({
        driverError: { code: '23514', constraint: 'capacity_slots_within_capacity' },
      });
    });
  });
});
