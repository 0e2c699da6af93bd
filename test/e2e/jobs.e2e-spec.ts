import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runTickOnce, takeOverExpired } from '../../src/common/jobs/job-ticks.js';
import { OrdersJob } from '../../src/orders/orders.job.js';
import { addDays, shanghaiDate } from '../../src/common/shanghai-time.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCast, aSlot, TEST_PASSWORD } from '../fixtures/index.js';

describe('scheduled jobs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('does the work of a tick once, however many instances start it at the same time', async () => {
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 50));
      return { done: true };
    };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => runTickOnce(t.db, 'test.job', '2026-12-01', work)));
    expect(runs).toBe(1);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    // Later starts of the same tick do nothing; the next tick runs.
    expect((await runTickOnce(t.db, 'test.job', '2026-12-01', work)).ran).toBe(false);
    expect((await runTickOnce(t.db, 'test.job', '2026-12-02', work)).ran).toBe(true);
    const [{ count }] = await t.db.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM job_runs WHERE job = 'test.job'`);
    expect(count).toBe(2);
  });

  it('releases a tick whose work failed, so that it can be retried', async () => {
    await expect(runTickOnce(t.db, 'test.failing', 'x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await runTickOnce(t.db, 'test.failing', 'x', async () => 1)).ran).toBe(true);
  });

  it('takes over a tick whose instance died mid-run once its lease is out, and never one still held or finished', async () => {
    // An instance claims a night with a short lease, then dies: its work never ends.
    let crashed!: () => void;
    const dying = runTickOnce(t.db, 'test.nightly', '2026-12-03', () => new Promise<void>((resolve) => (crashed = resolve)), 400);
    await new Promise((r) => setTimeout(r, 50));
    await t.db.query(`UPDATE job_ticks SET owner = 'a dead instance' WHERE job = 'test.nightly'`);
    const ran: string[] = [];
    const workFor = (tick: string) => async () => ran.push(tick);
    // While the lease holds, nobody takes the night, neither its own tick nor a take-over.
    expect((await runTickOnce(t.db, 'test.nightly', '2026-12-03', async () => ran.push('again'))).ran).toBe(false);
    expect(await takeOverExpired(t.db, 'test.nightly', workFor)).toEqual([]);
    // The dead instance renews nothing: once the lease is out, a later tick runs that night's work once.
    await new Promise((r) => setTimeout(r, 600));
    const [first, second] = await Promise.all([
      takeOverExpired(t.db, 'test.nightly', workFor),
      takeOverExpired(t.db, 'test.nightly', workFor),
    ]);
    expect([...first, ...second].map((d) => d.tick)).toEqual(['2026-12-03']);
    expect(ran).toEqual(['2026-12-03']);
    const [row] = await t.db.query<{ attempts: number; finished: boolean }[]>(
      `SELECT attempts, finished_at IS NOT NULL AS finished FROM job_ticks WHERE job = 'test.nightly'`,
    );
    expect(row).toEqual({ attempts: 2, finished: true });
    // Finished is finished: nothing more to take over.
    expect(await takeOverExpired(t.db, 'test.nightly', workFor)).toEqual([]);
    crashed();
    await dying;
  });

  it('books a series further as the horizon moves on, and purges old idempotency keys', async () => {
    const cast = await aCast(t.db);
    const staff = await t.login(cast.accounts.centre_staff.username, TEST_PASSWORD);
    const today = shanghaiDate(Date.now());
    const days = [1, 2, 3].map((i) => addDays(today, i));
    for (const day of days) await aSlot(t.db, cast.facilityId, 'meal.dine_in', `${day}T17:00:00+08:00`, 5);
    const series = await t
      .http()
      .post('/api/v1/order-series')
      .set('Authorization', staff)
      .send({
        residentId: cast.residentId,
        serviceCode: 'meal.dine_in',
        facilityId: cast.facilityId,
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        time: '17:00',
        from: days[0],
        until: days[2],
      })
      .expect(201);
    expect(series.body.orders).toHaveLength(3);
    // As if the horizon had been one day when the series was made: one more night books the rest.
    await t.db.query(`UPDATE orders SET status = 'cancelled', holds_capacity = false WHERE series_id = $1 AND slot_start > $2`, [
      series.body.series.id,
      `${days[0]}T23:59:00+08:00`,
    ]);
    await t.db.query(`DELETE FROM orders WHERE series_id = $1 AND status = 'cancelled'`, [series.body.series.id]);
    await t.db.query(`UPDATE capacity_slots SET booked = 0 WHERE facility_id = $1 AND starts_at > $2`, [
      cast.facilityId,
      `${days[0]}T23:59:00+08:00`,
    ]);
    await t.db.query(`UPDATE order_series SET materialised_until = $2 WHERE id = $1`, [series.body.series.id, days[0]]);
    await t.db.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, state, created_at) VALUES ($1, 'old-key', 'h', 'done', now() - interval '3 days')`,
      [cast.accounts.family.id],
    );

    const result = await t.app.get(OrdersJob).run();
    expect(result).toMatchObject({ seriesExtended: 1, occurrencesBooked: 2, keysPurged: 1 });
    const after = await t.http().get(`/api/v1/order-series/${series.body.series.id}`).set('Authorization', staff).expect(200);
    expect(after.body.orders.map((o: { status: string }) => o.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
  });
});
