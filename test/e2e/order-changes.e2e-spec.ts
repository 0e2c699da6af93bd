import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toShanghaiIso } from '../../src/common/shanghai-time.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCast, aResident, aSlot, slotAt, slotCounts, TEST_PASSWORD } from '../fixtures/index.js';

describe('changing orders', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof aCast>>;
  let staff: string;
  let family: string;

  const book = (auth: string, body: object) => t.http().post('/api/v1/orders').set('Authorization', auth).send(body);
  /** The family books the cast's resident a home cleaning at the cast's centre. */
  const familyBooksCleaning = (slotStart: string) =>
    book(family, { residentId: cast.residentId, serviceCode: 'cleaning.home', facilityId: cast.facilityId, slotStart }).expect(201);
  const cancel = (orderId: string, auth: string, reason: string) =>
    t.http().post(`/api/v1/orders/${orderId}/cancel`).set('Authorization', auth).send({ reason });
  const reschedule = (orderId: string, slotStart: string) =>
    t.http().post(`/api/v1/orders/${orderId}/reschedule`).set('Authorization', family).send({ slotStart });

  beforeAll(async () => {
    t = await startTestApp();
    cast = await aCast(t.db);
    staff = await t.login(cast.accounts.centre_staff.username, TEST_PASSWORD);
    family = await t.login(cast.accounts.family.username, TEST_PASSWORD);
  });
  afterAll(async () => t?.close());

  it('reschedules atomically: the new slot is taken, the old one freed', async () => {
    const from = slotAt(2, '09:00');
    const to = slotAt(2, '15:00');
    const oldSlot = await aSlot(t.db, cast.facilityId, 'cleaning.home', from, 2);
    const newSlot = await aSlot(t.db, cast.facilityId, 'cleaning.home', to, 2);
    const order = await familyBooksCleaning(from);
    const moved = await reschedule(order.body.id, to).expect(200);
    expect(moved.body.slot.start).toBe(to);
    expect(await slotCounts(t.db, oldSlot)).toEqual({ capacity: 2, booked: 0 });
    expect(await slotCounts(t.db, newSlot)).toEqual({ capacity: 2, booked: 1 });
    const detail = await t.http().get(`/api/v1/orders/${order.body.id}`).set('Authorization', family).expect(200);
    expect(detail.body.history[1].reason).toContain('rescheduled from');
  });

  it('leaves the booking untouched when the new slot is full', async () => {
    const from = slotAt(3, '09:00');
    const to = slotAt(3, '15:00');
    const oldSlot = await aSlot(t.db, cast.facilityId, 'cleaning.home', from, 2);
    const fullSlot = await aSlot(t.db, cast.facilityId, 'cleaning.home', to, 1);
    const other = await aResident(t.db, cast.facilityId);
    await book(staff, { residentId: other, serviceCode: 'cleaning.home', facilityId: cast.facilityId, slotStart: to }).expect(201);
    const order = await familyBooksCleaning(from);
    const res = await reschedule(order.body.id, to).expect(409);
    expect(res.body.code).toBe('SLOT_FULL');
    const detail = await t.http().get(`/api/v1/orders/${order.body.id}`).set('Authorization', family).expect(200);
    expect(detail.body.slot.start).toBe(from);
    expect(await slotCounts(t.db, oldSlot)).toEqual({ capacity: 2, booked: 1 });
    expect(await slotCounts(t.db, fullSlot)).toEqual({ capacity: 1, booked: 1 });
  });

  it('keeps the 2-hour cut-off for home visits for families, and lets staff override it', async () => {
    // A slot starting within the cut-off: book it as if earlier by moving the slot afterwards.
    const later = slotAt(4, '10:00');
    const slotId = await aSlot(t.db, cast.facilityId, 'cleaning.home', later, 2);
    const order = await familyBooksCleaning(later);
    const soon = new Date(Date.now() + 60 * 60_000);
    await t.db.query(`UPDATE capacity_slots SET starts_at = $2, ends_at = $2::timestamptz + interval '90 minutes' WHERE id = $1`, [
      slotId,
      soon,
    ]);
    await t.db.query(`UPDATE orders SET slot_start = $2, slot_end = $2::timestamptz + interval '90 minutes' WHERE id = $1`, [
      order.body.id,
      soon,
    ]);
    const refused = await cancel(order.body.id, family, '不需要了').expect(422);
    expect(refused.body.code).toBe('CUTOFF_PASSED');
    expect(refused.body.message).toContain('120 minutes');
    const byStaff = await cancel(order.body.id, staff, '家属来电取消').expect(200);
    expect(byStaff.body.status).toBe('cancelled');
    expect(toShanghaiIso(soon.getTime())).toBe(byStaff.body.slot.start);
  });

  it('never lets concurrent bookings overdraw a dibao resident’s monthly minutes, and gives them back on cancellation', async () => {
    const dibao = await aResident(t.db, cast.facilityId, { subsidyCategory: 'dibao' });
    // 600 government-purchased minutes a month: 6 visits of 90 minutes cover 540, the 7th 60 of its 90.
    const starts = Array.from({ length: 8 }, (_, i) => slotAt(5 + (i % 4), ['08:00', '13:00'][Math.floor(i / 4)]));
    for (const s of starts) await aSlot(t.db, cast.facilityId, 'cleaning.home', s, 5);
    const answers = await Promise.all(
      starts.map((slotStart) => book(staff, { residentId: dibao, serviceCode: 'cleaning.home', facilityId: cast.facilityId, slotStart })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    // Per month at most 600 minutes are paid for, at 35 fen a minute (70% of 4500 fen over 90 minutes).
    const byMonth = new Map<string, number[]>();
    answers.forEach((a, i) =>
      byMonth.set(starts[i].slice(0, 7), [...(byMonth.get(starts[i].slice(0, 7)) ?? []), a.body.price.subsidyFen as number]),
    );
    for (const [month, subsidies] of byMonth) {
      const paidMinutes = Math.min(600, 90 * subsidies.length);
      expect(subsidies.reduce((a, b) => a + b, 0)).toBe(35 * paidMinutes);
      const [row] = await t.db.query<
        {
          minutes_used: number;
        }[]
      >(`SELECT minutes_used FROM allowance_usage WHERE resident_id = $1 AND month = $2`, [dibao, `${month}-01`]);
      expect(row.minutes_used).toBe(paidMinutes);
    }
    const usage = await t.db.query<{ used: number }[]>(
      `SELECT sum(minutes_used)::int AS used FROM allowance_usage WHERE resident_id = $1`,
      [dibao],
    );
    for (const a of answers) expect(a.body.price.subsidyFen + a.body.price.copayFen).toBe(4500);
    const paid = answers.find((a) => a.body.price.subsidyFen === 3150)!;
    await cancel(paid.body.id, staff, '改期').expect(200);
    const after = await t.db.query<{ used: number }[]>(
      `SELECT sum(minutes_used)::int AS used FROM allowance_usage WHERE resident_id = $1`,
      [dibao],
    );
    expect(after[0].used).toBe(usage[0].used - 90);
  });

  it('quotes the price split and the allowance left before booking, with the booking’s own checks, and writes nothing', async () => {
    const dibao = await aResident(t.db, cast.facilityId, { subsidyCategory: 'dibao' });
    const slotStart = slotAt(9, '09:00');
    const slot = await aSlot(t.db, cast.facilityId, 'cleaning.home', slotStart, 1);
    const quote = (auth: string, residentId: string, start = slotStart) =>
      t
        .http()
        .get('/api/v1/orders/quote')
        .query({ residentId, serviceCode: 'cleaning.home', facilityId: cast.facilityId, slotStart: start })
        .set('Authorization', auth);
    // 70% of 4500 fen for 90 minutes inside the 600-minute allowance: 3150 paid, 1350 to pay.
    const first = await quote(staff, dibao).expect(200);
    expect(first.body).toEqual({
      price: { baseFen: 4500, subsidyFen: 3150, copayFen: 1350, funding: [{ source: 'gov_purchase', amountFen: 3150 }] },
      slotFree: true,
      allowanceMinutesLeft: { gov_purchase: 510 },
    });
    expect(await slotCounts(t.db, slot)).toEqual({ capacity: 1, booked: 0 });
    // The booking then costs what was quoted.
    const booked = await book(staff, { residentId: dibao, serviceCode: 'cleaning.home', facilityId: cast.facilityId, slotStart }).expect(
      201,
    );
    expect(booked.body.price).toEqual(first.body.price);
    // Full now: said, not refused, at the base price a waitlisted order holds until it is confirmed.
    const another = await aResident(t.db, cast.facilityId, { subsidyCategory: 'dibao' });
    const full = await quote(staff, another).expect(200);
    expect(full.body).toEqual({
      price: { baseFen: 4500, subsidyFen: 0, copayFen: 4500, funding: [] },
      slotFree: false,
      allowanceMinutesLeft: { gov_purchase: 600 },
    });
    // Someone who may not see the resident gets 404; a bad rule its 422.
    expect((await quote(staff, cast.residentId).expect(200)).body.slotFree).toBe(false);
    expect((await quote(family, dibao).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await quote(staff, dibao, slotAt(40, '09:00')).expect(422)).body.code).toBe('OUTSIDE_HORIZON');
    expect(
      (await t.http().get('/api/v1/orders/quote').query({ residentId: dibao }).set('Authorization', staff).expect(400)).body.code,
    ).toBe('VALIDATION_FAILED');
    // A visit elsewhere is checked at that place: 60 km away is outside the catchment; half a location is refused.
    const far = await quote(staff, another).query({ lat: 26.3, lng: 113.01 }).expect(422);
    expect(far.body.code).toBe('OUTSIDE_CATCHMENT');
    expect((await quote(staff, another).query({ lat: 25.79 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await quote(staff, another).query({ lat: 'north', lng: 113 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });
});
