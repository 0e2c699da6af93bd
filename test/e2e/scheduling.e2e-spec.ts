import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, shanghaiDate } from '../../src/common/shanghai-time.js';
import { SchedulingJob } from '../../src/scheduling/scheduling.job.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCaregiver, aCast, aResident, TEST_PASSWORD, orderBody } from '../fixtures/index.js';

describe('assignment in the service', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof aCast>>;
  let staff: string;
  let admin: string;
  const date = addDays(shanghaiDate(Date.now()), 2);
  const at = (clock: string) => `${date}T${clock}:00+08:00`;

  const addShift = (caregiverId: string, start: string, end: string) =>
    t
      .http()
      .post(`/api/v1/facilities/${cast.facilityId}/shifts`)
      .set('Authorization', staff)
      .send({ caregiverId, start: at(start), end: at(end) });
  const bookCleaning = (residentId: string, clock: string) =>
    t
      .http()
      .post('/api/v1/orders')
      .set('Authorization', staff)
      .send(orderBody({ residentId, facilityId: cast.facilityId, slotStart: at(clock) }));
  /** Slot starts the capacity job derived from the shifts, as a booking client sees them. */
  const available = async (service = 'cleaning.home'): Promise<string[]> => {
    const res = await t
      .http()
      .get(`/api/v1/facilities/${cast.facilityId}/availability`)
      .query({ service, date })
      .set('Authorization', staff)
      .expect(200);
    return (res.body as { start: string; remaining: number }[]).filter((s) => s.remaining > 0).map((s) => s.start.slice(11, 16));
  };
  /** Staff assign a caregiver to an order by hand. */
  const assign = (orderId: string, caregiverId: string) =>
    t.http().put(`/api/v1/orders/${orderId}/assignment`).set('Authorization', staff).send({ caregiverId });
  const orderOf = (id: string) =>
    t
      .http()
      .get(`/api/v1/orders/${id}`)
      .set('Authorization', staff)
      .expect(200)
      .then((r) => r.body);

  beforeAll(async () => {
    t = await startTestApp();
    cast = await aCast(t.db);
    staff = await t.login(cast.accounts.centre_staff.username, TEST_PASSWORD);
    admin = await t.login('admin');
  });
  afterAll(async () => t?.close());

  it('assigns booked home visits to caregivers on shift, with an explanation, and records the run', async () => {
    await addShift(cast.caregiverId, '08:00', '16:00').expect(201);
    const residents = [cast.residentId, await aResident(t.db, cast.facilityId)];
    const slots = await available();
    expect(slots.length).toBeGreaterThanOrEqual(2);
    const a = await bookCleaning(residents[0], slots[0]).expect(201);
    const b = await bookCleaning(residents[1], slots.at(-1)!).expect(201);
    const run = await t.http().post('/api/v1/scheduling/runs').set('Authorization', staff).send({ date }).expect(201);
    expect(run.body).toMatchObject({ date, facilities: 1, assigned: 2, unassigned: [], failedFacilities: [] });
    expect(run.body.durationMs).toEqual(expect.any(Number));
    for (const id of [a.body.id, b.body.id]) {
      const order = await orderOf(id);
      expect(order.status).toBe('assigned');
      expect(order.assignment).toMatchObject({ caregiverId: cast.caregiverId, caregiverName: '李红梅' });
      expect(order.assignment.explanation).toContain('cleaning');
      expect(order.assignment.explanationZh).toContain('技能助洁');
      expect(order.history.map((h: { to: string }) => h.to)).toEqual(['confirmed', 'assigned']);
    }
    // The day board's list carries the resident's name and the assignment, with no call per order.
    const board = await t
      .http()
      .get('/api/v1/orders')
      .query({ facilityId: cast.facilityId, from: date, to: date })
      .set('Authorization', staff)
      .expect(200);
    const listed = (board.body.items as { id: string; residentName: string; assignment: { caregiverName: string } | null }[]).find(
      (o) => o.id === a.body.id,
    );
    expect(listed).toMatchObject({ residentName: '张秀英', assignment: { caregiverName: '李红梅' } });
    const runs = await t.http().get('/api/v1/scheduling/runs').set('Authorization', staff).expect(200);
    expect(runs.body[0]).toMatchObject({ status: 'ok', assigned: 2, ordersConsidered: 2, trigger: 'manual' });

    // Running again changes nothing and writes no new history.
    await t.http().post('/api/v1/scheduling/runs').set('Authorization', staff).send({ date }).expect(201);
    expect((await orderOf(a.body.id)).history).toHaveLength(2);
  });

  it('lists what no caregiver can take, with the reason', async () => {
    const nursing = await aResident(t.db, cast.facilityId, { careLevel: 3 });
    await t.db.query(
      `INSERT INTO facility_services (facility_id, service_code) VALUES ($1, 'medical.home_nursing') ON CONFLICT DO NOTHING`,
      [cast.facilityId],
    );
    const medic = await aCaregiver(t.db, cast.facilityId, { skills: ['medical'], level: 2 });
    await addShift(medic, '08:00', '10:00').expect(201);
    await t.db.query(`DELETE FROM shifts WHERE caregiver_id = $1`, [medic]); // the slot stays booked, the caregiver goes
    await t.db.query(
      `INSERT INTO capacity_slots (facility_id, service_code, starts_at, ends_at, capacity) VALUES ($1, 'medical.home_nursing', $2, $3, 1) ON CONFLICT DO NOTHING`,
      [cast.facilityId, at('14:00'), at('15:00')],
    );
    const order = await t
      .http()
      .post('/api/v1/orders')
      .set('Authorization', staff)
      .send(orderBody({ residentId: nursing, facilityId: cast.facilityId, slotStart: at('14:00'), serviceCode: 'medical.home_nursing' }))
      .expect(201);
    const run = await t.http().post('/api/v1/scheduling/runs').set('Authorization', staff).send({ date }).expect(201);
    const left = run.body.unassigned.find((u: { orderId: string }) => u.orderId === order.body.id);
    expect(left.reason).toMatch(/medical/);
    expect(left.reasonZh).toMatch(/助医/);
    const listed = await t.http().get(`/api/v1/facilities/${cast.facilityId}/unassigned`).set('Authorization', staff).expect(200);
    expect(listed.body.find((u: { orderId: string }) => u.orderId === order.body.id)).toMatchObject({
      reason: left.reason,
      reasonZh: left.reasonZh,
    });
  });

  it('takes a staff override that keeps the rules, refuses one that breaks them, and later runs keep it', async () => {
    const second = await aCaregiver(t.db, cast.facilityId, { skills: ['cleaning'], level: 4 });
    await addShift(second, '12:00', '18:00').expect(201);
    const resident = await aResident(t.db, cast.facilityId);
    const afternoon = (await available()).filter((s) => s >= '15:00');
    const order = await bookCleaning(resident, afternoon[0]).expect(201);
    const ok = await assign(order.body.id, second).expect(200);
    expect(ok.body).toMatchObject({ caregiverId: second, plannedStart: at(afternoon[0]) });
    expect(ok.body.explanationZh).toMatch(/^由工作人员（.+）指派；技能助洁，等级 4$/);
    await t.http().post('/api/v1/scheduling/runs').set('Authorization', admin).send({ date }).expect(201);
    expect((await orderOf(order.body.id)).assignment.caregiverId).toBe(second);

    // A caregiver without the cleaning skill may not take it; the assignment stays as it was.
    const cook = await aCaregiver(t.db, cast.facilityId, { skills: ['meal'], level: 3 });
    await addShift(cook, '08:00', '18:00').expect(201);
    const refused = await assign(order.body.id, cook).expect(409);
    expect(refused.body.code).toBe('ASSIGNMENT_BREAKS_RULE');
    expect(refused.body.message).toMatch(/skill/);
    expect((await orderOf(order.body.id)).assignment.caregiverId).toBe(second);
  });

  it('sends a caregiver’s visits back to assignment when they take leave', async () => {
    const before = await t.db.query<{ order_id: string }[]>(`SELECT order_id FROM assignments WHERE caregiver_id = $1`, [cast.caregiverId]);
    expect(before.length).toBeGreaterThan(0);
    await t
      .http()
      .post(`/api/v1/caregivers/${cast.caregiverId}/leave`)
      .set('Authorization', staff)
      .send({ from: date, to: date, reason: '病假' })
      .expect(201);
    for (const { order_id } of before) {
      const order = await orderOf(order_id);
      expect(order.status).toBe('confirmed');
      expect(order.assignment).toBeNull();
      expect(order.history.at(-1)).toMatchObject({ from: 'assigned', to: 'confirmed', reason: 'caregiver on leave: back to assignment' });
    }
  });

  it('frees the caregiver when an assigned order is cancelled or rescheduled', async () => {
    const carer = await aCaregiver(t.db, cast.facilityId, { skills: ['cleaning'], level: 3 });
    await addShift(carer, '07:00', '19:00').expect(201);
    const slots = await available();
    const a = await bookCleaning(await aResident(t.db, cast.facilityId), slots[0]).expect(201);
    await assign(a.body.id, carer).expect(200);
    await t.http().post(`/api/v1/orders/${a.body.id}/cancel`).set('Authorization', staff).send({ reason: '住院' }).expect(200);
    expect(await orderOf(a.body.id)).toMatchObject({ status: 'cancelled', assignment: null });

    const b = await bookCleaning(await aResident(t.db, cast.facilityId), slots[0]).expect(201);
    await assign(b.body.id, carer).expect(200);
    expect((await orderOf(b.body.id)).status).toBe('assigned');
    const moved = await t
      .http()
      .post(`/api/v1/orders/${b.body.id}/reschedule`)
      .set('Authorization', staff)
      .send({ slotStart: at(slots.at(-1)!) })
      .expect(200);
    expect(moved.body.status).toBe('confirmed');
    expect((await orderOf(b.body.id)).assignment).toBeNull();
    const left = await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM assignments WHERE order_id = ANY($1::uuid[])', [
      [a.body.id, b.body.id],
    ]);
    expect(left[0].n).toBe(0);
  });

  it('runs the rolling job once per tick across two instances of the service on one database', async () => {
    const other = await startTestApp({}, { shareDatabaseOf: t });
    // A tick an hour ahead: the instances' own cron (every 5 minutes) cannot have claimed it first.
    const now = Date.now() + 3_600_000;
    const [{ count: before }] = await t.db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM scheduling_runs WHERE trigger = 'rolling'`,
    );
    try {
      await Promise.all([
        t.app.get(SchedulingJob).rolling(now),
        other.app.get(SchedulingJob).rolling(now),
        other.app.get(SchedulingJob).rolling(now),
      ]);
    } finally {
      await other.close();
    }
    const [{ count: after }] = await t.db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM scheduling_runs WHERE trigger = 'rolling'`,
    );
    expect(after - before).toBe(2); // today and tomorrow, once
  });

  it('plans the way back to base at a street centre unless the facility turns it off', async () => {
    const day = addDays(date, 3);
    const on = (clock: string) => `${day}T${clock}:00+08:00`;
    await t
      .http()
      .post(`/api/v1/facilities/${cast.facilityId}/shifts`)
      .set('Authorization', staff)
      .send({ caregiverId: cast.caregiverId, start: on('08:00'), end: on('16:00') })
      .expect(201);
    const res = await t
      .http()
      .get(`/api/v1/facilities/${cast.facilityId}/availability`)
      .query({ service: 'cleaning.home', date: day })
      .set('Authorization', staff)
      .expect(200);
    const slot = (res.body as { start: string; remaining: number }[]).find((x) => x.remaining > 0)!.start;
    await t
      .http()
      .post('/api/v1/orders')
      .set('Authorization', staff)
      .send(orderBody({ residentId: cast.residentId, facilityId: cast.facilityId, slotStart: slot }))
      .expect(201);
    const run = () =>
      t
        .http()
        .post('/api/v1/scheduling/runs')
        .set('Authorization', staff)
        .send({ date: day })
        .expect(201)
        .then((r) => r.body);
    const withReturn = await run();
    await t.db.query('UPDATE facilities SET return_to_base = false WHERE id = $1', [cast.facilityId]);
    try {
      const without = await run();
      expect([withReturn.assigned, without.assigned]).toEqual([1, 1]);
      // One visit: out and back is twice the way out (travel minutes are rounded).
      expect(Math.abs(withReturn.travelMinutes - 2 * without.travelMinutes)).toBeLessThanOrEqual(1);
      expect(without.travelMinutes).toBeGreaterThan(0);
    } finally {
      await t.db.query('UPDATE facilities SET return_to_base = NULL WHERE id = $1', [cast.facilityId]);
    }
  });

  it('runs a day with nothing to plan without failing', async () => {
    const empty = addDays(date, 5);
    const run = await t.http().post('/api/v1/scheduling/runs').set('Authorization', staff).send({ date: empty }).expect(201);
    expect(run.body).toMatchObject({ date: empty, facilities: 1, assigned: 0, unassigned: [], failedFacilities: [] });
  });

  it('keeps staff of other facilities and other roles out', async () => {
    const senior = await t.login(cast.accounts.senior.username, TEST_PASSWORD);
    await t.http().post('/api/v1/scheduling/runs').set('Authorization', senior).send({ date }).expect(403);
    await t
      .http()
      .post('/api/v1/scheduling/runs')
      .set('Authorization', staff)
      .send({ date, facilityId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
  });
});
