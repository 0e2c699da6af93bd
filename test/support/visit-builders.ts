/**
 * Visits for specs: an order booked through the API, then assigned to a caregiver as the
 * assignment engine would (an assignments row, the order moved to assigned with its history row),
 * and, where a spec needs real-time check-ins, moved so that its planned start is near now.
 */
import type { DataSource } from 'typeorm';
import { addDays, dayStart, shanghaiDate } from '../../src/common/shanghai-time.js';
import { toShanghaiIso } from '../../src/common/shanghai-time.js';
import { TEST_PASSWORD, insertCast, insertResident } from './accounts.js';
import { insertSlot } from './slots.js';
import type { TestApp } from './test-app.js';

export type Cast = Awaited<ReturnType<typeof insertCast>>;

/** A cast of every role at one facility, signed in. */
export async function visitCast(t: TestApp) {
  const cast = await insertCast(t.db);
  const login = (username: string) => t.login(username, TEST_PASSWORD);
  const auth = {
    staff: await login(cast.accounts.centre_staff.username),
    caregiver: await login(cast.accounts.caregiver.username),
    senior: await login(cast.accounts.senior.username),
    family: await login(cast.accounts.family.username),
    admin: await t.login('admin'),
  };
  return { ...cast, auth };
}
export type VisitCast = Awaited<ReturnType<typeof visitCast>>;

let sequence = 0;
/** A free future slot start: a different day or time on every call. */
function nextSlotStart(): string {
  const n = sequence++;
  const day = addDays(shanghaiDate(Date.now()), 2 + (n % 10));
  return toShanghaiIso(dayStart(day) + (8 * 60 + 30 * Math.floor(n / 10)) * 60_000);
}

export interface VisitOptions {
  serviceCode?: string;
  /** Default: a new resident of the cast's facility, so visits never overlap for one resident. */
  residentId?: string;
  travelMinutes?: number;
  /** Plan the visit at this instant (the order, its slot and the assignment move there). */
  plannedStart?: Date;
  /** Planned minutes of the assignment; default the slot's length. */
  plannedMinutes?: number;
}

/** Books an order through the API as the centre's staff and assigns it to the cast's caregiver. */
export async function anAssignedVisit(t: TestApp, cast: VisitCast, o: VisitOptions = {}): Promise<{ orderId: string; residentId: string }> {
  const serviceCode = o.serviceCode ?? 'cleaning.home';
  const residentId = o.residentId ?? (await insertResident(t.db, cast.facilityId));
  const slotStart = nextSlotStart();
  await insertSlot(t.db, cast.facilityId, serviceCode, slotStart, 1);
  const res = await t.http().post('/api/v1/orders').set('Authorization', cast.auth.staff).send({ residentId, serviceCode, facilityId: cast.facilityId, slotStart });
  if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
  const orderId = res.body.id as string;
  if (o.plannedStart) await moveOrder(t.db, orderId, o.plannedStart);
  await assign(t.db, orderId, cast.caregiverId, { travelMinutes: o.travelMinutes, plannedMinutes: o.plannedMinutes });
  return { orderId, residentId };
}

/** Moves an order and its capacity slot to start at `start`, keeping the slot's length. */
export async function moveOrder(db: DataSource, orderId: string, start: Date): Promise<void> {
  await db.query(
    `UPDATE capacity_slots s SET starts_at = $2, ends_at = $2::timestamptz + (s.ends_at - s.starts_at)
       FROM orders o WHERE o.id = $1 AND s.id = o.slot_id`,
    [orderId, start],
  );
  await db.query(`UPDATE orders SET slot_start = $2, slot_end = $2::timestamptz + (slot_end - slot_start) WHERE id = $1`, [orderId, start]);
}

/** What an assignment run does for one order: the assignments row, assigned, and a history row. */
export async function assign(db: DataSource, orderId: string, caregiverId: string, o: { travelMinutes?: number; plannedMinutes?: number } = {}): Promise<void> {
  await db.transaction(async (m) => {
    await m.query(
      `INSERT INTO assignments (order_id, caregiver_id, facility_id, planned_start, planned_end, travel_minutes, explanation, source)
       SELECT o.id, $2, o.facility_id, o.slot_start, COALESCE(o.slot_start + make_interval(mins => $4::int), o.slot_end), $3, 'assigned by a spec', 'override'
         FROM orders o WHERE o.id = $1`,
      [orderId, caregiverId, o.travelMinutes ?? 0, o.plannedMinutes ?? null],
    );
    await m.query(`UPDATE orders SET status = 'assigned', updated_at = now() WHERE id = $1 AND status = 'confirmed'`, [orderId]);
    await m.query(`INSERT INTO order_history (order_id, from_status, to_status, reason) VALUES ($1, 'confirmed', 'assigned', 'assigned by a spec')`, [orderId]);
  });
}

export async function plannedStartOf(db: DataSource, orderId: string): Promise<Date> {
  const [row] = (await db.query(`SELECT planned_start FROM assignments WHERE order_id = $1`, [orderId])) as { planned_start: Date }[];
  return row.planned_start;
}

export async function statusOf(db: DataSource, orderId: string): Promise<string> {
  const [row] = (await db.query(`SELECT status FROM orders WHERE id = $1`, [orderId])) as { status: string }[];
  return row.status;
}

/** The order's history as "from→to" strings, oldest first. */
export async function historyOf(db: DataSource, orderId: string): Promise<string[]> {
  const rows = (await db.query(`SELECT from_status, to_status FROM order_history WHERE order_id = $1 ORDER BY id`, [orderId])) as { from_status: string | null; to_status: string }[];
  return rows.map((r) => `${r.from_status ?? ''}→${r.to_status}`);
}
