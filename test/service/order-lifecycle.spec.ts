/**
 * The order lifecycle on a real PostgreSQL, without HTTP: each move checks the status machine,
 * writes history and applies its side effects in the caller's transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { DomainError } from '../../src/common/errors/domain-error.js';
import { OrderLifecycle } from '../../src/orders/order-lifecycle.js';
import { readSqlFunctions } from '../../src/database/sql-functions.js';
import { BOOKING_CHANGED, BOOKING_OUTCOMES } from '../../src/orders/booking-facts.js';
import { HOLDS_CAPACITY, LIVE_STATUSES, OPEN_STATUSES, ORDER_STATUSES, type OrderStatus } from '../../src/orders/order-status.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCaregiver, aFacility, anAccount, anAssignment, anOrder, aResident, aSlot, slotAt, slotCounts } from '../fixtures/index.js';

let t: TestApp;
let db: DataSource;
let lifecycle: OrderLifecycle;
let facilityId: string;
let staffId: string;

beforeAll(async () => {
  t = await startTestApp();
  db = t.db;
  lifecycle = t.app.get(OrderLifecycle);
  facilityId = await aFacility(db, { services: ['cleaning.home'] });
  staffId = (await anAccount(db, 'centre_staff', { facilityId })).id;
});
afterAll(() => t.close());

async function orderIn(slotId: string, status: OrderStatus): Promise<string> {
  const residentId = await aResident(db, facilityId);
  return anOrder(db, { residentId, slotId, status, waitHours: 24, createdBy: staffId, baseFen: 3000 });
}

async function statusOf(orderId: string): Promise<{ status: OrderStatus; holds_capacity: boolean }> {
  const [row] = await db.query<{ status: OrderStatus; holds_capacity: boolean }[]>(
    'SELECT status, holds_capacity FROM orders WHERE id = $1',
    [orderId],
  );
  return row;
}

interface HistoryRow {
  from_status: string | null;
  to_status: string;
  reason: string | null;
}

function historyOf(orderId: string): Promise<HistoryRow[]> {
  return db.query<HistoryRow[]>('SELECT from_status, to_status, reason FROM order_history WHERE order_id = $1 ORDER BY at, id', [orderId]);
}

describe('OrderLifecycle.transition', () => {
  it('cancelling a booking in a full slot frees its unit and confirms the first waitlisted order', async () => {
    const slotId = await aSlot(db, facilityId, 'cleaning.home', slotAt(3, '09:00'), 1);
    const booked = await orderIn(slotId, 'confirmed');
    const waiting = await orderIn(slotId, 'waitlisted');

    await db.transaction((m) =>
      lifecycle.transition(m, { id: booked, status: 'confirmed' }, 'cancelled', { by: staffId, reason: 'family asked' }),
    );

    expect(await statusOf(booked)).toEqual({ status: 'cancelled', holds_capacity: false });
    expect(await statusOf(waiting)).toEqual({ status: 'confirmed', holds_capacity: true });
    expect(await slotCounts(db, slotId)).toEqual({ capacity: 1, booked: 1 });
    expect((await historyOf(booked)).at(-1)).toEqual({ from_status: 'confirmed', to_status: 'cancelled', reason: 'family asked' });
    expect((await historyOf(waiting)).at(-1)).toEqual({ from_status: 'waitlisted', to_status: 'confirmed', reason: 'a place became free' });
  });

  it('refuses a move the status machine does not allow, and writes nothing', async () => {
    const slotId = await aSlot(db, facilityId, 'cleaning.home', slotAt(3, '10:00'), 2);
    const done = await orderIn(slotId, 'completed');
    const before = await historyOf(done);

    const move = db.transaction((m) =>
      lifecycle.transition(m, { id: done, status: 'completed' }, 'cancelled', { by: staffId, reason: 'late' }),
    );

    await expect(move).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await statusOf(done)).toEqual({ status: 'completed', holds_capacity: true });
    expect(await historyOf(done)).toEqual(before);
    expect(await slotCounts(db, slotId)).toEqual({ capacity: 2, booked: 1 });
  });

  it('refuses a move from a status the order no longer has', async () => {
    const slotId = await aSlot(db, facilityId, 'cleaning.home', slotAt(3, '11:00'), 2);
    const order = await orderIn(slotId, 'assigned');

    const stale = db.transaction((m) =>
      lifecycle.transition(m, { id: order, status: 'confirmed' }, 'assigned', { by: null, reason: 'run' }),
    );

    await expect(stale).rejects.toBeInstanceOf(DomainError);
    await expect(stale).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await statusOf(order)).status).toBe('assigned');
  });

  it('sending an assigned order back to confirmed drops its planned visit, and keeps its unit', async () => {
    const slotId = await aSlot(db, facilityId, 'cleaning.home', slotAt(4, '09:00'), 1);
    const order = await orderIn(slotId, 'assigned');
    const caregiverId = await aCaregiver(db, facilityId);
    await anAssignment(db, order, caregiverId, { start: slotAt(4, '09:00'), end: slotAt(4, '10:00') });

    await db.transaction((m) =>
      lifecycle.transition(m, { id: order, status: 'assigned' }, 'confirmed', { by: null, reason: 'caregiver on leave' }),
    );

    expect(await statusOf(order)).toEqual({ status: 'confirmed', holds_capacity: true });
    expect(await db.query('SELECT 1 FROM assignments WHERE order_id = $1', [order])).toEqual([]);
    expect(await slotCounts(db, slotId)).toEqual({ capacity: 1, booked: 1 });
  });

  it('cancelling a waitlisted order gives back no unit', async () => {
    const slotId = await aSlot(db, facilityId, 'cleaning.home', slotAt(4, '10:00'), 1);
    await orderIn(slotId, 'confirmed');
    const waiting = await orderIn(slotId, 'waitlisted');

    await db.transaction((m) =>
      lifecycle.transition(m, { id: waiting, status: 'waitlisted' }, 'cancelled', { by: staffId, reason: 'no longer needed' }),
    );

    expect(await statusOf(waiting)).toEqual({ status: 'cancelled', holds_capacity: false });
    expect(await slotCounts(db, slotId)).toEqual({ capacity: 1, booked: 1 });
  });
});

describe('the status sets of TypeScript and of the database agree', () => {
  async function checkOf(name: string): Promise<string> {
    const [row] = await db.query<{ def: string }[]>(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1`, [
      name,
    ]);
    return row.def;
  }
  const quoted = (def: string) => [...def.matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1]);

  it('every status TypeScript knows is one the orders table allows, and no other', async () => {
    const [row] = await db.query<{ def: string }[]>(
      `SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
        WHERE c.conrelid = 'orders'::regclass AND c.contype = 'c' AND pg_get_constraintdef(c.oid) LIKE '%status = ANY%' AND c.conname <> 'orders_capacity_status'`,
    );
    expect(quoted(row.def).sort()).toEqual([...ORDER_STATUSES].sort());
  });

  it('the statuses that hold a unit are the ones the capacity CHECK says', async () => {
    const notHolding = quoted(await checkOf('orders_capacity_status'));
    expect(ORDER_STATUSES.filter((s) => !notHolding.includes(s)).sort()).toEqual([...HOLDS_CAPACITY].sort());
  });

  it("the statuses that take the resident's time are the ones the overlap exclusion says", async () => {
    expect(quoted(await checkOf('orders_resident_no_overlap')).sort()).toEqual([...LIVE_STATUSES].sort());
  });

  describe('in the PL/pgSQL of src/database/functions', () => {
    const functions = readSqlFunctions();
    const literals = (list: string) => [...list.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);

    it('every status list is one TypeScript names, and every status compared is a status', () => {
      const sets = [LIVE_STATUSES, OPEN_STATUSES, HOLDS_CAPACITY, ORDER_STATUSES.filter((s) => !HOLDS_CAPACITY.includes(s))].map((set) =>
        [...set].sort(),
      );
      let lists = 0;
      for (const f of functions) {
        for (const m of f.sql.matchAll(/status\s+(?:NOT\s+)?IN\s*\(([^)]*)\)/gi)) {
          lists++;
          expect(sets).toContainEqual(literals(m[1]).sort());
        }
        for (const m of f.sql.matchAll(/status\s*(?:=|<>)\s*'([a-z_]+)'/gi)) expect(ORDER_STATUSES).toContain(m[1]);
      }
      // The booking write's overlap check at least: a spec that found no list would check nothing.
      expect(lists).toBeGreaterThan(0);
    });

    it('the booking write answers only the outcomes and the SQLSTATE TypeScript knows', () => {
      const write = functions.find((f) => f.name === 'book_order')!.sql;
      expect([...new Set([...write.matchAll(/SELECT '([a-z_]+)', /g)].map((m) => m[1]))].sort()).toEqual([...BOOKING_OUTCOMES].sort());
      const codes = functions.flatMap((f) => [...f.sql.matchAll(/ERRCODE = '([A-Z0-9]+)'/g)].map((m) => m[1]));
      expect(codes.length).toBeGreaterThan(0);
      expect(new Set(codes)).toEqual(new Set([BOOKING_CHANGED]));
    });

    it('the database runs these files: one per PL/pgSQL function, with the same body', async () => {
      const rows = await db.query<{ name: string; body: string }[]>(
        `SELECT p.proname AS name, p.prosrc AS body FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE l.lanname = 'plpgsql' AND n.nspname = 'public' ORDER BY p.proname`,
      );
      expect(rows.map((r) => r.name)).toEqual(functions.map((f) => f.name).sort());
      for (const r of rows) {
        const sql = functions.find((f) => f.name === r.name)!.sql;
        expect({ name: r.name, body: sql.slice(sql.indexOf('$$') + 2, sql.lastIndexOf('$$')) }).toEqual({ name: r.name, body: r.body });
      }
    });
  });
});
