import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, isoWeekday, shanghaiDate } from '../../src/common/shanghai-time.js';
import type { TestApp } from '../support/test-app.js';
import { aFacility, aResident, aSlot, slotAt, TEST_PASSWORD, startWithCast, type SignedInCast, orderBody } from '../fixtures/index.js';

describe('kitchen sheet and recurring orders', () => {
  let t: TestApp;
  let cast: SignedInCast;
  beforeAll(async () => ({ t, cast } = await startWithCast()));
  afterAll(async () => t?.close());

  it('counts a sitting’s meals per dietary need and lists deliveries in route order', async () => {
    const lunch = slotAt(2, '11:30');
    await aSlot(t.db, cast.facilityId, 'meal.dine_in', lunch, 20);
    await aSlot(t.db, cast.facilityId, 'meal.delivery', lunch, 20);
    const residents = [];
    for (const [lng, needs] of [
      [113.05, ['low_salt']],
      [113.034, ['low_salt', 'soft']],
      [113.04, []],
    ] as const) {
      const id = await aResident(t.db, cast.facilityId);
      await t.db.query('UPDATE residents SET lng = $2, lat = 25.79, dietary_needs = $3 WHERE id = $1', [id, lng, needs]);
      residents.push(id);
    }
    for (const residentId of residents) {
      await t
        .http()
        .post('/api/v1/orders')
        .set('Authorization', cast.auth.staff)
        .send(orderBody({ residentId, facilityId: cast.facilityId, slotStart: lunch, serviceCode: 'meal.delivery' }))
        .expect(201);
    }
    await t
      .http()
      .post('/api/v1/orders')
      .set('Authorization', cast.auth.staff)
      .send(orderBody({ residentId: cast.residentId, facilityId: cast.facilityId, slotStart: lunch, serviceCode: 'meal.dine_in' }))
      .expect(201);
    const date = lunch.slice(0, 10);
    const res = await t
      .http()
      .get(`/api/v1/facilities/${cast.facilityId}/meals`)
      .query({ date, sitting: 'lunch' })
      .set('Authorization', cast.auth.staff)
      .expect(200);
    const [sheet] = res.body.sittings;
    expect(sheet).toMatchObject({ sitting: 'lunch', dineIn: 1, delivery: 3, byDietaryNeed: { low_salt: 2, soft: 1 }, regular: 2 });
    // The kitchen knows who dines in, by name.
    expect(sheet.diners).toEqual([{ orderId: expect.any(String), residentName: '张秀英', dietaryNeeds: [] }]);
    // The facility sits at 113.03: the nearest delivery first, then eastwards.
    expect(sheet.deliveries.map((d: { location: { lng: number } }) => d.location.lng)).toEqual([113.034, 113.04, 113.05]);
    expect(sheet.deliveries.map((d: { stop: number }) => d.stop)).toEqual([1, 2, 3]);

    const otherFacility = await aFacility(t.db);
    await t.http().get(`/api/v1/facilities/${otherFacility}/meals`).query({ date }).set('Authorization', cast.auth.staff).expect(404);
    const senior = await t.login(cast.accounts.senior.username, TEST_PASSWORD);
    await t.http().get(`/api/v1/facilities/${cast.facilityId}/meals`).query({ date }).set('Authorization', senior).expect(403);
  });

  it('books a series on its weekdays over the horizon, waitlists a full day, cancels one occurrence alone, and ends the rest', async () => {
    const today = shanghaiDate(Date.now());
    const days = Array.from({ length: 7 }, (_, i) => addDays(today, i + 1));
    // The weekdays of the first five days: the last two days of the week are left out.
    const weekdays = days.slice(0, 5).map(isoWeekday);
    const resident = await aResident(t.db, cast.facilityId);
    for (const [i, day] of days.entries()) {
      if (weekdays.includes(isoWeekday(day))) await aSlot(t.db, cast.facilityId, 'meal.dine_in', `${day}T12:00:00+08:00`, i === 1 ? 0 : 10);
    }
    const res = await t
      .http()
      .post('/api/v1/order-series')
      .set('Authorization', cast.auth.staff)
      .send({
        residentId: resident,
        serviceCode: 'meal.dine_in',
        facilityId: cast.facilityId,
        weekdays,
        time: '12:00',
        from: days[0],
        until: days[6],
      })
      .expect(201);
    const booked = res.body.occurrences as { date: string; outcome: string; orderId: string }[];
    expect(booked.map((o) => o.date)).toEqual(days.filter((d) => weekdays.includes(isoWeekday(d))));
    expect(booked.find((o) => o.date === days[1])?.outcome).toBe('waitlisted');
    expect(booked.filter((o) => o.date !== days[1]).every((o) => o.outcome === 'confirmed')).toBe(true);
    expect(res.body.series).toMatchObject({ status: 'active', materialisedUntil: days[6] });

    const [first, second] = booked.filter((o) => o.outcome === 'confirmed');
    await t
      .http()
      .post(`/api/v1/orders/${first.orderId}/cancel`)
      .set('Authorization', cast.auth.staff)
      .send({ reason: '那天去女儿家' })
      .expect(200);
    const after = await t.http().get(`/api/v1/order-series/${res.body.series.id}`).set('Authorization', cast.auth.staff).expect(200);
    const statusOf = (id: string) => (after.body.orders as { id: string; status: string }[]).find((o) => o.id === id)?.status;
    expect(statusOf(first.orderId)).toBe('cancelled');
    expect(statusOf(second.orderId)).toBe('confirmed');

    const ended = await t
      .http()
      .post(`/api/v1/order-series/${res.body.series.id}/end`)
      .set('Authorization', cast.auth.staff)
      .send({ reason: '搬去养老院' })
      .expect(200);
    expect(ended.body.series.status).toBe('ended');
    expect((ended.body.orders as { status: string }[]).every((o) => o.status === 'cancelled')).toBe(true);
  });

  it('refuses a series none of whose occurrences can be booked', async () => {
    const res = await t
      .http()
      .post('/api/v1/order-series')
      .set('Authorization', cast.auth.staff)
      .send({
        residentId: cast.residentId,
        serviceCode: 'medical.home_nursing',
        facilityId: cast.facilityId,
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        time: '09:00',
        from: addDays(shanghaiDate(Date.now()), 1),
        until: addDays(shanghaiDate(Date.now()), 3),
      })
      .expect(422);
    expect(res.body.code).toBe('SERIES_NOT_BOOKABLE');
    expect(res.body.message).toContain('SERVICE_NOT_OFFERED');
  });
});
