import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LeaveHooks, type LeaveContext } from '../../src/rosters/leave-hooks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCaregiver, aFacility, aResident, at, nextMonday, signedIn, tomorrow } from '../fixtures/index.js';

describe('rosters', () => {
  let t: TestApp;
  let facilityA: string;
  let facilityB: string;
  let staffA: string;
  let admin: string;
  const api = '/api/v1';

  beforeAll(async () => {
    t = await startTestApp();
    facilityA = await aFacility(t.db);
    facilityB = await aFacility(t.db);
    staffA = await signedIn(t, 'centre_staff', { facilityId: facilityA });
    admin = await t.login('admin');
  });
  afterAll(async () => t?.close());

  /** POST a shift at the facility as `auth`; the spec checks the answer. */
  const postShift = (auth: string, facilityId: string, body: object) =>
    t.http().post(`${api}/facilities/${facilityId}/shifts`).set('Authorization', auth).send(body);
  /** Tomorrow 08:00 to 12:00 for a caregiver. */
  const morningTomorrow = (caregiverId: string) => ({ caregiverId, start: at(tomorrow(), '08:00'), end: at(tomorrow(), '12:00') });
  const shiftCount = async (caregiverId: string) =>
    (await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM shifts WHERE caregiver_id = $1', [caregiverId]))[0].n;

  describe('shifts', () => {
    it('lets centre staff add a shift and read it in the roster', async () => {
      const caregiverId = await aCaregiver(t.db, facilityA, { name: '王护理' });
      const day = tomorrow();
      const res = await postShift(staffA, facilityA, { caregiverId, start: at(day, '08:00'), end: at(day, '16:00') }).expect(201);
      expect(res.body).toMatchObject({
        caregiverId,
        caregiverName: '王护理',
        facilityId: facilityA,
        start: at(day, '08:00'),
        end: at(day, '16:00'),
        minutes: 480,
        source: 'manual',
      });

      const roster = await t
        .http()
        .get(`${api}/facilities/${facilityA}/roster`)
        .query({ from: day, to: day })
        .set('Authorization', staffA)
        .expect(200);
      expect(roster.body.shifts.map((s: { id: string }) => s.id)).toContain(res.body.id);
    });

    it('refuses overlapping shifts in the database even when the requests race', async () => {
      const caregiverId = await aCaregiver(t.db, facilityA);
      const day = tomorrow();
      const attempts = [
        ['09:00', '13:00'],
        ['10:00', '14:00'],
        ['11:00', '15:00'],
        ['12:00', '16:00'],
        ['08:30', '12:30'],
        ['09:30', '17:30'],
      ];
      const results = await Promise.all(
        attempts.map(([from, to]) =>
          t
            .http()
            .post(`${api}/facilities/${facilityA}/shifts`)
            .set('Authorization', staffA)
            .send({ caregiverId, start: at(day, from), end: at(day, to) }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('SHIFT_OVERLAP');
      expect(await shiftCount(caregiverId)).toBe(1);
    });

    it('has the exclusion constraint itself refuse an overlapping insert', async () => {
      const caregiverId = await aCaregiver(t.db, facilityA);
      const insert = (from: string, to: string) =>
        t.db.query(`INSERT INTO shifts (caregiver_id, facility_id, during, source) VALUES ($1, $2, tstzrange($3, $4), 'manual')`, [
          caregiverId,
          facilityA,
          at(tomorrow(), from),
          at(tomorrow(), to),
        ]);
      await insert('08:00', '12:00');
      await expect(insert('11:59', '13:00')).rejects.toMatchObject({ driverError: { code: '23P01', constraint: 'shifts_no_overlap' } });
      await insert('12:00', '13:00'); // touching ends do not overlap
    });

    it('answers 422 for a shift that ends before it starts, is too long or lies in the past', async () => {
      const caregiverId = await aCaregiver(t.db, facilityA);
      const day = tomorrow();
      const post = (start: string, end: string) =>
        t.http().post(`${api}/facilities/${facilityA}/shifts`).set('Authorization', staffA).send({ caregiverId, start, end });
      const backwards = await post(at(day, '16:00'), at(day, '08:00')).expect(422);
      expect(backwards.body).toMatchObject({ code: 'SHIFT_INVALID', details: [{ field: 'end' }] });
      expect((await post(at(day, '06:00'), at(day, '18:30')).expect(422)).body.code).toBe('SHIFT_INVALID');
      expect((await post('2020-01-01T08:00:00+08:00', '2020-01-01T12:00:00+08:00').expect(422)).body.code).toBe('SHIFT_INVALID');
      expect((await post('2026-12-01 08:00', at(day, '12:00')).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect(await shiftCount(caregiverId)).toBe(0);
    });

    it('refuses a caregiver of another facility', async () => {
      const other = await aCaregiver(t.db, facilityB);
      const res = await postShift(staffA, facilityA, morningTomorrow(other)).expect(422);
      expect(res.body.code).toBe('CAREGIVER_NOT_AT_FACILITY');
    });

    it('refuses a shift past the weekly limit, saying by how many minutes', async () => {
      const caregiverId = await aCaregiver(t.db, facilityA, { maxWeeklyMinutes: 600 });
      const monday = nextMonday();
      const tuesday = addOne(monday);
      const post = (day: string, from: string, to: string) =>
        t
          .http()
          .post(`${api}/facilities/${facilityA}/shifts`)
          .set('Authorization', staffA)
          .send({ caregiverId, start: at(day, from), end: at(day, to) });
      await post(monday, '08:00', '16:00').expect(201);
      const res = await post(tuesday, '08:00', '14:00').expect(422);
      expect(res.body.code).toBe('WEEKLY_LIMIT');
      expect(res.body.message).toContain('240 minutes over');
      await post(tuesday, '08:00', '10:00').expect(201);
    });

    it('removes a shift that has not started', async () => {
      const caregiverId = await aCaregiver(t.db, facilityA);
      const created = await postShift(admin, facilityA, morningTomorrow(caregiverId)).expect(201);
      await t.http().delete(`${api}/shifts/${created.body.id}`).set('Authorization', staffA).expect(204);
      await t.http().delete(`${api}/shifts/${created.body.id}`).set('Authorization', staffA).expect(404);
      expect(await shiftCount(caregiverId)).toBe(0);
    });
  });

  describe('templates', () => {
    it('applies the weekly template to the horizon, and a manual edit of a day wins over it', async () => {
      const facility = await aFacility(t.db);
      const staff = await signedIn(t, 'centre_staff', { facilityId: facility });
      const caregiverId = await aCaregiver(t.db, facility);
      const entries = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ caregiverId, weekday, start: '08:00', end: '12:00' }));
      const put = await t
        .http()
        .put(`${api}/facilities/${facility}/roster-template`)
        .set('Authorization', staff)
        .send({ entries })
        .expect(200);
      expect(put.body.entries).toHaveLength(7);

      const day = tomorrow();
      const roster = async () =>
        (
          await t
            .http()
            .get(`${api}/facilities/${facility}/roster`)
            .query({ from: day, to: addOne(addOne(day)) })
            .set('Authorization', staff)
            .expect(200)
        ).body.shifts as { id: string; start: string; end: string; source: string }[];
      const before = await roster();
      expect(before.map((s) => [s.start, s.source])).toEqual([
        [at(day, '08:00'), 'template'],
        [at(addOne(day), '08:00'), 'template'],
        [at(addOne(addOne(day)), '08:00'), 'template'],
      ]);

      // A manual shift replaces the template's shift that day; removing one keeps it removed.
      await postShift(staff, facility, { caregiverId, start: at(day, '13:00'), end: at(day, '17:00') }).expect(201);
      await t.http().delete(`${api}/shifts/${before[1].id}`).set('Authorization', staff).expect(204);
      await t.http().put(`${api}/facilities/${facility}/roster-template`).set('Authorization', staff).send({ entries }).expect(200);
      const after = await roster();
      expect(after.map((s) => [s.start, s.source])).toEqual([
        [at(day, '13:00'), 'manual'],
        [at(addOne(addOne(day)), '08:00'), 'template'],
      ]);
      expect(after[1].id).toBe(before[2].id);
    });

    it('refuses a template that passes a weekly limit or overlaps itself', async () => {
      const caregiverId = await aCaregiver(t.db, facilityA, { maxWeeklyMinutes: 900 });
      const url = `${api}/facilities/${facilityA}/roster-template`;
      const limit = await t
        .http()
        .put(url)
        .set('Authorization', staffA)
        .send({ entries: [1, 2].map((weekday) => ({ caregiverId, weekday, start: '08:00', end: '16:00' })) })
        .expect(422);
      expect(limit.body.code).toBe('WEEKLY_LIMIT');
      expect(limit.body.message).toContain('60 over the limit of 900');
      const overlap = await t
        .http()
        .put(url)
        .set('Authorization', staffA)
        .send({
          entries: [
            { caregiverId, weekday: 1, start: '08:00', end: '10:00' },
            { caregiverId, weekday: 1, start: '09:00', end: '11:00' },
          ],
        })
        .expect(422);
      expect(overlap.body).toMatchObject({ code: 'TEMPLATE_INVALID', details: [{ field: 'entries.1' }] });
    });
  });

  describe('leave hooks', () => {
    it('runs the registered effects inside the leave’s transaction, so a failing effect undoes the leave', async () => {
      const caregiverId = await aCaregiver(t.db, facilityA);
      await postShift(staffA, facilityA, morningTomorrow(caregiverId)).expect(201);
      const seen: LeaveContext[] = [];
      let fail = true;
      t.app.get(LeaveHooks).register(async (context) => {
        if (context.caregiverId !== caregiverId) return;
        seen.push(context);
        const [{ n }] = await context.manager.query<{ n: number }[]>('SELECT count(*)::int AS n FROM leaves WHERE id = $1', [
          context.leaveId,
        ]);
        expect(n).toBe(1); // visible inside the transaction
        if (fail) throw new Error('assignment release failed');
      });
      const leave = { from: tomorrow(), to: tomorrow(), reason: '事假' };
      await t.http().post(`${api}/caregivers/${caregiverId}/leave`).set('Authorization', staffA).send(leave).expect(500);
      expect(await shiftCount(caregiverId)).toBe(1);
      fail = false;
      await t.http().post(`${api}/caregivers/${caregiverId}/leave`).set('Authorization', staffA).send(leave).expect(201);
      expect(seen).toHaveLength(2);
      expect(await shiftCount(caregiverId)).toBe(0);
      const [{ n }] = await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM leaves WHERE caregiver_id = $1', [caregiverId]);
      expect(n).toBe(1);
    });
  });

  it('describes every roster route in the OpenAPI document', async () => {
    const paths = Object.keys((await t.http().get('/api/docs-json').expect(200)).body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/facilities/{id}/shifts',
        '/api/v1/shifts/{id}',
        '/api/v1/facilities/{id}/roster',
        '/api/v1/facilities/{id}/roster-template',
        '/api/v1/caregivers/{id}/leave',
        '/api/v1/facilities/{id}/capacity',
        '/api/v1/facilities/{id}/availability',
        '/api/v1/facilities/{id}/over-committed',
      ]),
    );
  });

  describe('access', () => {
    it('answers 404 to centre staff of facility A touching facility B’s roster', async () => {
      const caregiverB = await aCaregiver(t.db, facilityB);
      const shiftB = await postShift(admin, facilityB, morningTomorrow(caregiverB)).expect(201);
      const day = tomorrow();
      const calls: [string, () => ReturnType<ReturnType<TestApp['http']>['get']>][] = [
        [
          'add shift',
          () =>
            t
              .http()
              .post(`${api}/facilities/${facilityB}/shifts`)
              .send({ caregiverId: caregiverB, start: at(day, '13:00'), end: at(day, '15:00') }),
        ],
        ['remove shift', () => t.http().delete(`${api}/shifts/${shiftB.body.id}`)],
        ['read roster', () => t.http().get(`${api}/facilities/${facilityB}/roster`)],
        ['read template', () => t.http().get(`${api}/facilities/${facilityB}/roster-template`)],
        ['replace template', () => t.http().put(`${api}/facilities/${facilityB}/roster-template`).send({ entries: [] })],
        ['record leave', () => t.http().post(`${api}/caregivers/${caregiverB}/leave`).send({ from: day, to: day, reason: '病假' })],
        [
          'set seats',
          () => t.http().put(`${api}/facilities/${facilityB}/capacity`).send({ serviceCode: 'meal.dine_in', sitting: 'lunch', seats: 10 }),
        ],
        ['list over-committed', () => t.http().get(`${api}/facilities/${facilityB}/over-committed`)],
      ];
      for (const [what, call] of calls) {
        const res = await call().set('Authorization', staffA);
        expect([what, res.status, res.body.code]).toEqual([what, 404, 'NOT_FOUND']);
      }
      expect(await shiftCount(caregiverB)).toBe(1);
    });

    it('answers 403 to a senior, a family member and a caregiver on every roster route', async () => {
      const residentId = await aResident(t.db, facilityA);
      const caregiverId = await aCaregiver(t.db, facilityA);
      const tokens = [
        await signedIn(t, 'senior', { residentId }),
        await signedIn(t, 'family'),
        await signedIn(t, 'caregiver', { caregiverId }),
      ];
      for (const token of tokens) {
        for (const facility of [facilityA, facilityB]) {
          const res = await t.http().get(`${api}/facilities/${facility}/roster`).set('Authorization', token);
          expect(res.status).toBe(403);
          expect(res.body.code).toBe('FORBIDDEN');
        }
        await t.http().get(`${api}/facilities/${facilityA}/roster-template`).set('Authorization', token).expect(403);
        await t.http().post(`${api}/facilities/${facilityA}/shifts`).set('Authorization', token).send({}).expect(403);
        await t.http().post(`${api}/caregivers/${caregiverId}/leave`).set('Authorization', token).send({}).expect(403);
        await t.http().get(`${api}/facilities/${facilityA}/over-committed`).set('Authorization', token).expect(403);
      }
    });

    it('lets bureau staff read any roster but not change it', async () => {
      const bureau = await signedIn(t, 'bureau_staff');
      await t.http().get(`${api}/facilities/${facilityB}/roster`).set('Authorization', bureau).expect(200);
      await t.http().put(`${api}/facilities/${facilityB}/roster-template`).set('Authorization', bureau).send({ entries: [] }).expect(403);
    });
  });
});

function addOne(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
