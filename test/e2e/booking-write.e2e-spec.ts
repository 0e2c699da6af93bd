import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { preparedQuery } from '../../src/database/prepared.js';
import { BOOKING_CHANGED, type AllowanceClaim } from '../../src/orders/booking-facts.js';
import { OrdersRepository } from '../../src/orders/orders.repository.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCast, aResident, aSlot, slotAt, slotCounts } from '../fixtures/index.js';

/**
 * book_order, the booking's one write, on a real PostgreSQL: it writes only while the facts the
 * service priced on still hold, and otherwise writes nothing at all.
 */
describe('the booking write (book_order)', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof aCast>>;
  let by: string;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await aCast(t.db);
    by = cast.accounts.centre_staff.id;
  });
  afterAll(async () => t?.close());

  /** The order row the service would send for a cleaning visit in this slot. */
  function anOrder(residentId: string, slotId: string, start: string, status: 'confirmed' | 'waitlisted', month: string | null, taken = 0) {
    const startMs = Date.parse(start);
    return {
      resident_id: residentId,
      facility_id: cast.facilityId,
      service_code: 'cleaning.home',
      slot_id: slotId,
      slot_start: new Date(startMs).toISOString(),
      slot_end: new Date(startMs + 90 * 60_000).toISOString(),
      status,
      channel: 'staff',
      created_by: by,
      base_fen: 4500,
      subsidy_fen: taken ? 35 * taken : 0,
      copay_fen: 4500 - (taken ? 35 * taken : 0),
      funding: taken ? [{ source: 'gov_purchase', amountFen: 35 * taken }] : [],
      allowance: taken ? { gov_purchase: taken } : {},
      allowance_month: month,
    };
  }

  const write = (slotId: string, expectFree: boolean, waitlist: boolean, order: Record<string, unknown>, claims: AllowanceClaim[] = []) =>
    t.app
      .get(OrdersRepository)
      .writeBooking(undefined, { slotId, expectFree, waitlist, order, claims, by })
      .then((w) => w.order);

  /** A new resident at the cast's centre and a cleaning slot of `capacity` units at `start`. */
  const aResidentAndSlot = async (start: string, capacity: number, resident: Parameters<typeof aResident>[2] = {}) => ({
    resident: await aResident(t.db, cast.facilityId, resident),
    slot: await aSlot(t.db, cast.facilityId, 'cleaning.home', start, capacity),
  });

  const ordersOf = async (residentId: string) =>
    (await t.db.query<{ status: string }[]>('SELECT status FROM orders WHERE resident_id = $1', [residentId])).map((r) => r.status);

  it('takes the unit, draws the allowance and writes the order with its history', async () => {
    const start = slotAt(3, '09:00');
    const { resident, slot } = await aResidentAndSlot(start, 2, { subsidyCategory: 'dibao' });
    const month = `${start.slice(0, 7)}-01`;
    const row = await write(slot, true, false, anOrder(resident, slot, start, 'confirmed', month, 90), [
      { source: 'gov_purchase', limit: 600, used: 0, take: 90 },
    ]);
    expect(row?.status).toBe('confirmed');
    expect(await slotCounts(t.db, slot)).toEqual({ capacity: 2, booked: 1 });
    const [usage] = await t.db.query<{ minutes_used: number }[]>('SELECT minutes_used FROM allowance_usage WHERE resident_id = $1', [
      resident,
    ]);
    expect(usage.minutes_used).toBe(90);
    const history = await t.db.query<object[]>('SELECT from_status, to_status, by_user FROM order_history WHERE order_id = $1', [row!.id]);
    expect(history).toEqual([{ from_status: null, to_status: 'confirmed', by_user: by }]);
  });

  it('writes nothing when the allowance changed since the facts were read', async () => {
    const start = slotAt(3, '13:00');
    const { resident, slot } = await aResidentAndSlot(start, 2, { subsidyCategory: 'dibao' });
    const month = `${start.slice(0, 7)}-01`;
    await t.db.query(
      `INSERT INTO allowance_usage (resident_id, month, funding_source, minutes_used, minutes_limit) VALUES ($1, $2, 'gov_purchase', 540, 600)`,
      [resident, month],
    );
    // Priced as if nothing was used yet: the write must refuse, not overdraw or misprice.
    const stale = write(slot, true, false, anOrder(resident, slot, start, 'confirmed', month, 90), [
      { source: 'gov_purchase', limit: 600, used: 0, take: 90 },
    ]);
    await expect(stale).rejects.toMatchObject({ code: BOOKING_CHANGED });
    expect(await slotCounts(t.db, slot)).toEqual({ capacity: 2, booked: 0 });
    expect(await ordersOf(resident)).toEqual([]);
  });

  it('returns no row for a full slot without waitlist, and asks for a new read when the slot filled or freed meanwhile', async () => {
    const start = slotAt(4, '09:00');
    const { resident, slot } = await aResidentAndSlot(start, 1);
    await t.db.query('UPDATE capacity_slots SET booked = 1 WHERE id = $1', [slot]);
    expect(await write(slot, true, false, anOrder(resident, slot, start, 'confirmed', null))).toBeUndefined();
    // Read as free, but full now, and the caller would take the waitlist: read again.
    await expect(write(slot, true, true, anOrder(resident, slot, start, 'confirmed', null))).rejects.toMatchObject({
      code: BOOKING_CHANGED,
    });
    // Full as read: the waitlisted order goes in without a unit.
    expect((await write(slot, false, true, anOrder(resident, slot, start, 'waitlisted', null)))?.status).toBe('waitlisted');
    expect(await slotCounts(t.db, slot)).toEqual({ capacity: 1, booked: 1 });

    // Read as full, but a unit is free now: a waitlisted order would be wrong, read again.
    const other = await aResident(t.db, cast.facilityId);
    const freed = await aSlot(t.db, cast.facilityId, 'cleaning.home', slotAt(4, '13:00'), 1);
    await expect(write(freed, false, true, anOrder(other, freed, slotAt(4, '13:00'), 'waitlisted', null))).rejects.toMatchObject({
      code: BOOKING_CHANGED,
    });
    expect(await slotCounts(t.db, freed)).toEqual({ capacity: 1, booked: 0 });
    expect(await ordersOf(other)).toEqual([]);
  });

  it('gives the order the times of the slot row it locked, not those read before', async () => {
    const start = slotAt(5, '09:00');
    const { resident, slot } = await aResidentAndSlot(start, 2);
    // The facts said the visit ends at 10:00; a capacity refresh has since moved the slot's end.
    const stale = {
      ...anOrder(resident, slot, start, 'confirmed', null),
      slot_end: new Date(Date.parse(start) + 60 * 60_000).toISOString(),
    };
    const row = (await write(slot, true, false, stale)) as unknown as { slot_end: Date };
    const [{ ends_at }] = await t.db.query<{ ends_at: Date }[]>('SELECT ends_at FROM capacity_slots WHERE id = $1', [slot]);
    expect(row.slot_end.toISOString()).toBe(ends_at.toISOString());
  });

  it("prepares named statements on a pooled connection and on a transaction's own", async () => {
    const names = (rows: { name: string }[]) => rows.map((r) => r.name);
    // The pool lends its most recently returned connection: the one that prepared spec_first.
    await preparedQuery(t.db, undefined, 'spec_first', 'SELECT 1', []);
    expect(names(await preparedQuery(t.db, undefined, 'spec_pool', 'SELECT name FROM pg_prepared_statements', []))).toEqual(
      expect.arrayContaining(['spec_first', 'spec_pool']),
    );
    const inTransaction = await t.db.transaction((m) =>
      preparedQuery<{ name: string }>(t.db, m, 'spec_tx', 'SELECT name FROM pg_prepared_statements', []),
    );
    expect(names(inTransaction)).toContain('spec_tx');
  });

  it('keeps the pooled connection when the database refuses a prepared statement', async () => {
    const pool = (t.db.driver as unknown as { master: pg.Pool }).master;
    await preparedQuery(t.db, undefined, 'spec_ok', 'SELECT 1', []);
    const before = pool.totalCount;
    for (let i = 0; i < 5; i++) {
      await expect(preparedQuery(t.db, undefined, 'spec_refused', 'SELECT 1 / $1::int', [0])).rejects.toMatchObject({ code: '22012' });
    }
    expect(pool.totalCount).toBe(before);
  });
});
