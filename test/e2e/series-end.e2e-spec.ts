import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, isoWeekday, shanghaiDate } from '../../src/common/shanghai-time.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCast, aFamilyLink, anAccount, aSlot, TEST_PASSWORD } from '../fixtures/index.js';

/** Issue 14, smaller holes: ending a series keeps the family link's canBook and the cancellation cut-off. */
describe('ending an order series', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof aCast>>;
  let family: string;
  let staff: string;
  const days = Array.from({ length: 3 }, (_, i) => addDays(shanghaiDate(Date.now()), i + 1));

  beforeAll(async () => {
    t = await startTestApp();
    cast = await aCast(t.db);
    family = await t.login(cast.accounts.family.username, TEST_PASSWORD);
    staff = await t.login(cast.accounts.centre_staff.username, TEST_PASSWORD);
  });
  afterAll(async () => t?.close());

  async function aSeries(time: string) {
    for (const day of days) await aSlot(t.db, cast.facilityId, 'cleaning.home', `${day}T${time}:00+08:00`, 5);
    const res = await t
      .http()
      .post('/api/v1/order-series')
      .set('Authorization', family)
      .send({
        residentId: cast.residentId,
        serviceCode: 'cleaning.home',
        facilityId: cast.facilityId,
        weekdays: days.map(isoWeekday),
        time,
        from: days[0],
        until: days[2],
      })
      .expect(201);
    return res.body as { series: { id: string }; occurrences: { orderId: string; outcome: string }[] };
  }

  it('refuses a family member whose link does not allow booking', async () => {
    const series = await aSeries('09:00');
    const viewer = await anAccount(t.db, 'family');
    await aFamilyLink(t.db, viewer.id, cast.residentId, false);
    const token = await t.login(viewer.username, TEST_PASSWORD);
    await t.http().get(`/api/v1/order-series/${series.series.id}`).set('Authorization', token).expect(200);
    const res = await t
      .http()
      .post(`/api/v1/order-series/${series.series.id}/end`)
      .set('Authorization', token)
      .send({ reason: '不要了' })
      .expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    const orders = await t.db.query<{ status: string }[]>(`SELECT status FROM orders WHERE series_id = $1`, [series.series.id]);
    expect(orders.every((o) => o.status === 'confirmed')).toBe(true);
  });

  it('leaves a home visit past the cut-off as it is when a family member ends the series; staff can still cancel it alone', async () => {
    const series = await aSeries('14:00');
    const [soon, ...later] = series.occurrences.map((o) => o.orderId);
    // The first visit now starts within the cut-off (two hours by default).
    await t.db.query(`UPDATE orders SET slot_start = now() + interval '1 hour', slot_end = now() + interval '2 hours' WHERE id = $1`, [
      soon,
    ]);
    await t.http().post(`/api/v1/order-series/${series.series.id}/end`).set('Authorization', family).send({ reason: '搬家' }).expect(200);
    const statusOf = async (id: string) =>
      (await t.db.query<{ status: string }[]>('SELECT status FROM orders WHERE id = $1', [id]))[0].status;
    expect(await statusOf(soon)).toBe('confirmed');
    for (const id of later) expect(await statusOf(id)).toBe('cancelled');
    await t.http().post(`/api/v1/orders/${soon}/cancel`).set('Authorization', staff).send({ reason: '家属来电取消' }).expect(200);
  });
});
