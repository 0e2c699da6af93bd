import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCast, aFamilyLink, anAccount, aResident, aSlot, slotAt, slotCounts, TEST_PASSWORD } from '../fixtures/index.js';

describe('booking orders', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof aCast>>;
  let staff: string;
  let family: string;
  let senior: string;

  const book = (auth: string, body: object, key?: string) => {
    const req = t.http().post('/api/v1/orders').set('Authorization', auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const cancel = (orderId: string, auth: string, reason: string) =>
    t.http().post(`/api/v1/orders/${orderId}/cancel`).set('Authorization', auth).send({ reason });
  /** A booking at the cast's centre. */
  const anOrder = (residentId: string, serviceCode: string, slotStart: string, more: object = {}) => ({
    residentId,
    serviceCode,
    facilityId: cast.facilityId,
    slotStart,
    ...more,
  });

  beforeAll(async () => {
    t = await startTestApp();
    cast = await aCast(t.db);
    staff = await t.login(cast.accounts.centre_staff.username, TEST_PASSWORD);
    family = await t.login(cast.accounts.family.username, TEST_PASSWORD);
    senior = await t.login(cast.accounts.senior.username, TEST_PASSWORD);
  });
  afterAll(async () => t?.close());

  it('books a slot, prices it, and records who booked it and how', async () => {
    const start = slotAt(1, '09:00');
    const slotId = await aSlot(t.db, cast.facilityId, 'cleaning.home', start, 3);
    const res = await book(family, anOrder(cast.residentId, 'cleaning.home', start)).expect(201);
    expect(res.body).toMatchObject({
      status: 'confirmed',
      residentId: cast.residentId,
      serviceCode: 'cleaning.home',
      facilityId: cast.facilityId,
      slot: { start, end: slotAt(1, '10:30') },
      price: { baseFen: 4500, subsidyFen: 0, copayFen: 4500, funding: [] },
      channel: 'family',
      createdBy: cast.accounts.family.id,
    });
    expect(await slotCounts(t.db, slotId)).toEqual({ capacity: 3, booked: 1 });
    const detail = await t.http().get(`/api/v1/orders/${res.body.id}`).set('Authorization', senior).expect(200);
    expect(detail.body.assignment).toBeNull();
    expect(detail.body.history).toEqual([expect.objectContaining({ from: null, to: 'confirmed', by: cast.accounts.family.id })]);
  });

  it('refuses a full slot with 409 SLOT_FULL, or waitlists, and promotes the waitlist on cancellation', async () => {
    const start = slotAt(2, '14:00');
    const slotId = await aSlot(t.db, cast.facilityId, 'meal.dine_in', start, 1);
    const other = await aResident(t.db, cast.facilityId);
    const first = await book(staff, anOrder(cast.residentId, 'meal.dine_in', start)).expect(201);
    expect(first.body.channel).toBe('staff');
    const full = await book(staff, anOrder(other, 'meal.dine_in', start)).expect(409);
    expect(full.body.code).toBe('SLOT_FULL');
    const waiting = await book(staff, anOrder(other, 'meal.dine_in', start, { waitlist: true })).expect(201);
    expect(waiting.body.status).toBe('waitlisted');
    expect(await slotCounts(t.db, slotId)).toEqual({ capacity: 1, booked: 1 });

    const cancelled = await cancel(first.body.id, family, '临时有事').expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    const promoted = await t.http().get(`/api/v1/orders/${waiting.body.id}`).set('Authorization', staff).expect(200);
    expect(promoted.body.status).toBe('confirmed');
    expect(promoted.body.history.map((h: { to: string }) => h.to)).toEqual(['waitlisted', 'confirmed']);
    expect(await slotCounts(t.db, slotId)).toEqual({ capacity: 1, booked: 1 });
    await cancel(first.body.id, family, 'again').expect(409);
  });

  it('applies each booking rule with its own code', async () => {
    const start = slotAt(3, '09:00');
    await aSlot(t.db, cast.facilityId, 'cleaning.home', start, 5);
    const body = anOrder(cast.residentId, 'cleaning.home', start);
    expect((await book(staff, { ...body, serviceCode: 'medical.home_nursing' }).expect(422)).body.code).toBe('SERVICE_NOT_OFFERED');
    expect((await book(staff, { ...body, slotStart: slotAt(-1) }).expect(422)).body.code).toBe('SLOT_IN_PAST');
    expect((await book(staff, { ...body, slotStart: slotAt(30) }).expect(422)).body.code).toBe('OUTSIDE_HORIZON');
    expect((await book(staff, { ...body, slotStart: slotAt(3, '09:10') }).expect(422)).body.code).toBe('SLOT_UNKNOWN');
    expect((await book(staff, { ...body, address: '远方路1号', location: { lat: 26.5, lng: 113.01 } }).expect(422)).body.code).toBe(
      'OUTSIDE_CATCHMENT',
    );
    // A place of its own takes both the address and its location, or neither (issue 14).
    const half = await book(staff, { ...body, location: { lat: 25.79, lng: 113.03 } }).expect(400);
    expect(half.body.details).toEqual([{ field: 'address', message: 'address is required with location' }]);
    await book(staff, { ...body, address: '人民西路9号' }).expect(400);
    await book(staff, body).expect(201);
    const overlap = await book(staff, body).expect(422);
    expect(overlap.body.code).toBe('ORDER_OVERLAP');
  });

  it('refuses malformed bookings with 400 and field details', async () => {
    const res = await book(staff, {
      residentId: 'nope',
      serviceCode: 'Cleaning',
      facilityId: cast.facilityId,
      slotStart: '2026-12-01 09:00',
      extra: true,
    }).expect(400);
    const fields = (res.body.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['residentId', 'serviceCode', 'slotStart', 'extra']));
  });

  it('lets only those who may see a resident book for them (404 otherwise), and a view-only link not book', async () => {
    const start = slotAt(4, '09:00');
    await aSlot(t.db, cast.facilityId, 'cleaning.home', start, 5);
    const stranger = await anAccount(t.db, 'family');
    const strangerToken = await t.login(stranger.username, TEST_PASSWORD);
    const body = anOrder(cast.residentId, 'cleaning.home', start);
    await book(strangerToken, body).expect(404);
    const viewer = await anAccount(t.db, 'family');
    await aFamilyLink(t.db, viewer.id, cast.residentId, false);
    const res = await book(await t.login(viewer.username, TEST_PASSWORD), body).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    const bureau = await t.login(cast.accounts.bureau_staff.username, TEST_PASSWORD);
    await book(bureau, body).expect(403);
  });

  describe('Idempotency-Key', () => {
    it('replays the first response for the same key and body, and refuses the key with another body', async () => {
      const start = slotAt(5, '09:00');
      const slotId = await aSlot(t.db, cast.facilityId, 'cleaning.home', start, 5);
      const body = anOrder(cast.residentId, 'cleaning.home', start);
      const first = await book(family, body, 'key-abc').expect(201);
      const again = await book(family, body, 'key-abc').expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const reused = await book(family, { ...body, notes: '请带拖把' }, 'key-abc').expect(409);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await slotCounts(t.db, slotId)).toEqual({ capacity: 5, booked: 1 });
    });

    it('makes exactly one order from 20 concurrent requests with one key', async () => {
      const start = slotAt(5, '13:00');
      const slotId = await aSlot(t.db, cast.facilityId, 'cleaning.home', start, 5);
      const resident = await aResident(t.db, cast.facilityId);
      const body = anOrder(resident, 'cleaning.home', start);
      const answers = await Promise.all(Array.from({ length: 20 }, () => book(staff, body, 'one-key-many-requests')));
      const statuses = answers.map((a) => a.status);
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id));
      expect(ids.size).toBe(1);
      for (const a of answers.filter((x) => x.status === 409)) expect(a.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      const [{ count }] = await t.db.query<{ count: number }[]>('SELECT count(*)::int AS count FROM orders WHERE resident_id = $1', [
        resident,
      ]);
      expect(count).toBe(1);
      expect(await slotCounts(t.db, slotId)).toEqual({ capacity: 5, booked: 1 });
    });

    it('rejects a key longer than 255 characters', async () => {
      const res = await book(family, anOrder(cast.residentId, 'cleaning.home', slotAt(5)), 'k'.repeat(256)).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('under load', () => {
    it('confirms exactly 10 of 200 concurrent bookings for a slot of capacity 10', async () => {
      const start = slotAt(6, '11:00');
      const slotId = await aSlot(t.db, cast.facilityId, 'meal.dine_in', start, 10);
      const residents = await Promise.all(Array.from({ length: 200 }, () => aResident(t.db, cast.facilityId)));
      const answers = await Promise.all(
        residents.map((residentId, i) =>
          book(staff, { residentId, serviceCode: 'meal.dine_in', facilityId: cast.facilityId, slotStart: start, waitlist: i % 2 === 0 }),
        ),
      );
      const confirmed = answers.filter((a) => a.status === 201 && a.body.status === 'confirmed');
      const waitlisted = answers.filter((a) => a.status === 201 && a.body.status === 'waitlisted');
      const full = answers.filter((a) => a.status === 409 && a.body.code === 'SLOT_FULL');
      expect(confirmed).toHaveLength(10);
      expect(confirmed.length + waitlisted.length + full.length).toBe(200);
      expect(await slotCounts(t.db, slotId)).toEqual({ capacity: 10, booked: 10 });

      // 50 concurrent cancellations and rebookings end consistent: booked equals live orders, never above capacity.
      const cancels = confirmed
        .slice(0, 5)
        .map((a) => t.http().post(`/api/v1/orders/${a.body.id}/cancel`).set('Authorization', staff).send({ reason: 'load' }));
      const rebooks = full.slice(0, 45).map((a, i) =>
        book(staff, {
          residentId: residents[answers.indexOf(a)],
          serviceCode: 'meal.dine_in',
          facilityId: cast.facilityId,
          slotStart: start,
          waitlist: i % 3 === 0,
        }),
      );
      await Promise.all([...cancels, ...rebooks]);
      const [{ live }] = await t.db.query<{ live: number }[]>(
        `SELECT count(*)::int AS live FROM orders WHERE slot_id = $1 AND holds_capacity`,
        [slotId],
      );
      const counts = await slotCounts(t.db, slotId);
      expect(counts.booked).toBe(live);
      expect(counts.booked).toBeLessThanOrEqual(10);
      expect(counts.booked).toBe(10);
    });
  });
});
