import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared.js';
import { returned } from '../database/returned.js';
import type { PricedOrder } from './allowance.js';
import type { BookingFacts, FactsQuery, WriteOnFacts, WriteOnKnown, WriteOutcome } from './booking-facts.js';
import type { OrderRow } from './order-row.js';
import { HOLDS_CAPACITY, LIVE_STATUSES, sqlList, type OrderStatus } from './order-status.js';
import type { ServiceCategory, SubsidyCategory } from './pricing.js';

export type { OrderRow } from './order-row.js';

export interface SlotRow {
  id: string;
  facility_id: string;
  service_code: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  booked: number;
}

export interface PricingFactsRow {
  birth_date: string;
  subsidy_category: SubsidyCategory;
  category: ServiceCategory;
  base_price_fen: number;
  duration_minutes: number;
}

export interface HistoryRow {
  at: Date;
  from_status: string | null;
  to_status: string;
  by_user: string | null;
  reason: string | null;
}

export interface FeedbackRow {
  rating: number;
  comment: string | null;
}

export interface AssignmentRow {
  caregiver_id: string;
  name: string;
  planned_start: Date;
  planned_end: Date;
  explanation: string;
  explanation_zh: string;
}

/** An order as a list shows it: the order's own columns and what the list joins in. */
export interface OrderListRow extends OrderRow {
  resident_name: string;
  visit_address: string;
  a_caregiver_id: string | null;
  a_caregiver_name: string | null;
  a_planned_start: Date | null;
  a_planned_end: Date | null;
  a_explanation: string | null;
  a_explanation_zh: string | null;
}

export interface MealRow {
  id: string;
  service_code: string;
  slot_start: Date;
  sitting: string | null;
  dietary_needs: string[];
  address: string | null;
  lat: number | null;
  lng: number | null;
  name: string;
}

interface WriteRow extends OrderRow {
  outcome: 'booked' | 'no_slot' | 'full' | 'overlap';
  detail: string | null;
}

/** A filter of an order list: `sql` holds one `?` for its value. */
export interface OrderFilter {
  sql: string;
  value: unknown;
}

const FACTS_SQL = `
  SELECT r.id AS resident_id, r.birth_date, r.subsidy_category, r.care_level, r.lat, r.lng, r.address, r.dietary_needs, r.home_facility_id,
         fl.can_book AS link_can_book,
         s.code, s.category, s.place, s.duration_minutes, s.base_price_fen,
         f.id AS facility_id, f.type AS facility_type, f.lat AS facility_lat, f.lng AS facility_lng,
         EXISTS (SELECT 1 FROM facility_services fs WHERE fs.facility_id = f.id AND fs.service_code = s.code) AS offered,
         cs.id AS slot_id, cs.starts_at, cs.ends_at, cs.booked < cs.capacity AS slot_free,
         (SELECT o.service_code FROM orders o
           WHERE o.resident_id = r.id AND o.status IN ${sqlList(LIVE_STATUSES)}
             AND tstzrange(o.slot_start, o.slot_end) && tstzrange($3::timestamptz, $3::timestamptz + make_interval(mins => s.duration_minutes))
           LIMIT 1) AS overlapping,
         (SELECT jsonb_object_agg(au.funding_source, au.minutes_used) FROM allowance_usage au
           WHERE au.resident_id = r.id AND au.month = $6::date) AS allowance_used
    FROM (SELECT) AS request
    LEFT JOIN residents r ON r.id = $4::uuid
    LEFT JOIN family_links fl ON fl.user_id = $5::uuid AND fl.resident_id = r.id
    LEFT JOIN services s ON s.code = $1::text
    LEFT JOIN facilities f ON f.id = $2::uuid AND f.active
    LEFT JOIN capacity_slots cs ON cs.facility_id = f.id AND cs.service_code = s.code AND cs.starts_at = $3::timestamptz`;

/**
 * The columns are named, not *: a prepared statement whose result type changes fails on every
 * connection that prepared it, and book_order returns the orders row type, which a later
 * migration may widen.
 */
const ORDER_COLUMNS = [
  'id',
  'resident_id',
  'facility_id',
  'service_code',
  'slot_id',
  'slot_start',
  'slot_end',
  'status',
  'holds_capacity',
  'channel',
  'created_by',
  'notes',
  'address',
  'lat',
  'lng',
  'dietary_needs',
  'base_fen',
  'subsidy_fen',
  'copay_fen',
  'funding',
  'allowance',
  'allowance_month',
  'series_id',
  'created_at',
];
const WRITE_SQL = `SELECT outcome, detail, ${ORDER_COLUMNS.map((c) => `(r.o).${c}`).join(', ')} FROM book_order($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) r`;

/**
 * The orders aggregate's SQL: an order, its history, the capacity unit it holds and the slot it
 * sits in. Methods that take `m` run in the caller's transaction; the booking's hot statements
 * (facts and write) are named prepared statements.
 */
@Injectable()
export class OrdersRepository {
  constructor(private readonly db: DataSource) {}

  /** Everything a booking decides on, in one statement (see BookingFacts). */
  async readBookingFacts(m: EntityManager | undefined, q: FactsQuery): Promise<BookingFacts> {
    const [row] = await preparedQuery<BookingFacts>(this.db, m, 'booking_facts', FACTS_SQL, [
      q.serviceCode,
      q.facilityId,
      q.start,
      q.residentId,
      q.userId,
      q.month,
    ]);
    return row;
  }

  /**
   * The booking's one write (src/database/functions/book_order.sql), on facts read or on facts
   * known: one round trip either way. A fact read that no longer holds raises SQLSTATE CB001.
   */
  async writeBooking(m: EntityManager | undefined, w: WriteOnFacts | WriteOnKnown): Promise<WriteOutcome<OrderRow>> {
    const onFacts = 'slotId' in w;
    const rows = await preparedQuery<WriteRow>(this.db, m, 'booking_write', WRITE_SQL, [
      onFacts ? w.slotId : null,
      onFacts ? null : w.facilityId,
      onFacts ? null : w.serviceCode,
      onFacts ? null : w.start,
      onFacts ? null : w.minutes,
      onFacts ? w.expectFree : null,
      w.waitlist,
      JSON.stringify(w.order),
      onFacts ? JSON.stringify(w.claims) : null,
      w.by,
    ]);
    const { outcome, detail, ...order } = rows[0];
    if (outcome === 'booked') return { outcome, order };
    if (outcome === 'overlap') return { outcome, detail: detail ?? 'another order' };
    return { outcome };
  }

  /** Inside a transaction, a write that raises is undone alone, so the booking can be tried again. */
  async inSavepoint<T>(m: EntityManager, work: () => Promise<T>): Promise<T> {
    await m.query('SAVEPOINT booking_write');
    try {
      const result = await work();
      await m.query('RELEASE SAVEPOINT booking_write');
      return result;
    } catch (error) {
      await m.query('ROLLBACK TO SAVEPOINT booking_write');
      throw error;
    }
  }

  async findSlot(m: EntityManager, facilityId: string, serviceCode: string, start: Date): Promise<SlotRow | undefined> {
    const rows = await m.query<SlotRow[]>(
      `SELECT id, facility_id, service_code, starts_at, ends_at, capacity, booked
         FROM capacity_slots WHERE facility_id = $1 AND service_code = $2 AND starts_at = $3`,
      [facilityId, serviceCode, start],
    );
    return rows[0];
  }

  /** Takes one unit of a slot if one is left; the CHECK on capacity_slots backs this up. */
  async takeUnit(m: EntityManager, slotId: string): Promise<boolean> {
    const result = await m.query<unknown>(
      `UPDATE capacity_slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity RETURNING id`,
      [slotId],
    );
    return returned(result).length === 1;
  }

  async releaseUnit(m: EntityManager, slotId: string): Promise<void> {
    await m.query(
      `UPDATE capacity_slots SET booked = booked - 1,
              over_committed = over_committed AND booked - 1 > capacity
        WHERE id = $1`,
      [slotId],
    );
  }

  async writeHistory(
    m: EntityManager,
    orderId: string,
    from: OrderStatus | null,
    to: OrderStatus,
    by: string | null,
    reason: string | null,
  ): Promise<void> {
    await m.query(`INSERT INTO order_history (order_id, from_status, to_status, by_user, reason) VALUES ($1, $2, $3, $4, $5)`, [
      orderId,
      from,
      to,
      by,
      reason,
    ]);
  }

  async lockForUpdate(m: EntityManager, orderId: string): Promise<OrderRow | undefined> {
    const rows = await m.query<OrderRow[]>(`SELECT * FROM orders WHERE id = $1 FOR UPDATE`, [orderId]);
    return rows[0];
  }

  async byId(orderId: string, m: EntityManager = this.db.manager): Promise<OrderRow | undefined> {
    const rows = await m.query<OrderRow[]>(`SELECT * FROM orders WHERE id = $1`, [orderId]);
    return rows[0];
  }

  /**
   * Moves an order from `from` to `to` (the caller holds its row lock); answers the new row and
   * whether it held a capacity unit before, or undefined when its status was no longer `from`.
   */
  async setStatus(
    m: EntityManager,
    orderId: string,
    from: OrderStatus,
    to: OrderStatus,
    cancelReason: string | null,
  ): Promise<(OrderRow & { held: boolean }) | undefined> {
    const result = await m.query<unknown>(
      `UPDATE orders SET status = $3, holds_capacity = $4, cancel_reason = COALESCE($5, cancel_reason), updated_at = now()
         FROM (SELECT id, holds_capacity AS held FROM orders WHERE id = $1) before
        WHERE orders.id = before.id AND orders.status = $2
        RETURNING orders.*, before.held`,
      [orderId, from, to, HOLDS_CAPACITY.includes(to), cancelReason],
    );
    return returned<OrderRow & { held: boolean }>(result)[0];
  }

  /** Writes a new price (and the allowance minutes it took) on an order. */
  async setPrice(m: EntityManager, orderId: string, price: PricedOrder): Promise<OrderRow> {
    const result = await m.query<unknown>(
      `UPDATE orders SET base_fen = $2, subsidy_fen = $3, copay_fen = $4, funding = $5, allowance = $6, allowance_month = $7, updated_at = now()
        WHERE id = $1 RETURNING *`,
      [orderId, ...priceParams(price)],
    );
    return returned<OrderRow>(result)[0];
  }

  /** Moves a booking to another slot of its facility and service, as confirmed, with its new price. */
  async moveToSlot(m: EntityManager, orderId: string, slot: SlotRow, price: PricedOrder): Promise<OrderRow> {
    const result = await m.query<unknown>(
      `UPDATE orders SET slot_id = $2, slot_start = $3, slot_end = $4, status = 'confirmed', holds_capacity = true, base_fen = $5,
              subsidy_fen = $6, copay_fen = $7, funding = $8, allowance = $9, allowance_month = $10, updated_at = now()
        WHERE id = $1 RETURNING *`,
      [orderId, slot.id, slot.starts_at, slot.ends_at, ...priceParams(price)],
    );
    return returned<OrderRow>(result)[0];
  }

  /** What pricing needs to know of an order's resident and service. */
  async pricingFacts(m: EntityManager, residentId: string, serviceCode: string): Promise<PricingFactsRow> {
    const [row] = await m.query<PricingFactsRow[]>(
      `SELECT r.birth_date, r.subsidy_category, s.category, s.base_price_fen, s.duration_minutes
         FROM residents r, services s WHERE r.id = $1 AND s.code = $2`,
      [residentId, serviceCode],
    );
    return row;
  }

  /** Where an order's service happens: at home or at the facility. */
  async placeOf(m: EntityManager, serviceCode: string): Promise<string> {
    const [{ place }] = await m.query<{ place: string }[]>('SELECT place FROM services WHERE code = $1', [serviceCode]);
    return place;
  }

  /** Drops the order's planned visit and any note that it could not be assigned. */
  async releaseAssignment(m: EntityManager, orderId: string): Promise<void> {
    await m.query('DELETE FROM assignments WHERE order_id = $1', [orderId]);
    await m.query('DELETE FROM unassigned_orders WHERE order_id = $1', [orderId]);
  }

  /** The first waitlisted order of a slot, skipping any another transaction is promoting now. */
  async firstWaitlisted(m: EntityManager, slotId: string): Promise<OrderRow | undefined> {
    const rows = await m.query<OrderRow[]>(
      `SELECT * FROM orders WHERE slot_id = $1 AND status = 'waitlisted' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [slotId],
    );
    return rows[0];
  }

  /** A series' open orders still to come, locked, in time order. */
  async lockOpenOfSeries(m: EntityManager, seriesId: string): Promise<OrderRow[]> {
    return m.query<OrderRow[]>(
      `SELECT * FROM orders WHERE series_id = $1 AND slot_start > now() AND status IN ('waitlisted', 'confirmed', 'assigned')
         ORDER BY slot_start FOR UPDATE`,
      [seriesId],
    );
  }

  async ofSeries(seriesId: string): Promise<OrderRow[]> {
    return this.db.query<OrderRow[]>('SELECT * FROM orders WHERE series_id = $1 ORDER BY slot_start', [seriesId]);
  }

  async historyOf(orderId: string): Promise<HistoryRow[]> {
    return this.db.query<HistoryRow[]>(
      `SELECT at, from_status, to_status, by_user, reason FROM order_history WHERE order_id = $1 ORDER BY id`,
      [orderId],
    );
  }

  async feedbackOf(orderId: string): Promise<FeedbackRow | undefined> {
    const rows = await this.db.query<FeedbackRow[]>('SELECT rating, comment FROM feedback WHERE order_id = $1', [orderId]);
    return rows[0];
  }

  /** The caregiver planned for an order, with the explanation in Chinese where there is one. */
  async assignmentOf(orderId: string): Promise<AssignmentRow | undefined> {
    const rows = await this.db.query<AssignmentRow[]>(
      `SELECT a.caregiver_id, c.name, a.planned_start, a.planned_end, a.explanation, COALESCE(a.explanation_zh, a.explanation) AS explanation_zh
         FROM assignments a JOIN caregivers c ON c.id = a.caregiver_id WHERE a.order_id = $1`,
      [orderId],
    );
    return rows[0];
  }

  /** One page of the orders the filters admit, in time order, and how many they admit in all. */
  async page(filters: OrderFilter[], limit: number, offset: number): Promise<{ total: number; rows: OrderListRow[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const f of filters) {
      params.push(f.value);
      where.push(f.sql.replace('?', `$${params.length}`));
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM orders o ${clause}`, params);
    const rows = await this.db.query<OrderListRow[]>(
      `SELECT o.*, r.name AS resident_name, COALESCE(o.address, r.address) AS visit_address, a.caregiver_id AS a_caregiver_id, c.name AS a_caregiver_name,
              a.planned_start AS a_planned_start, a.planned_end AS a_planned_end, a.explanation AS a_explanation, COALESCE(a.explanation_zh, a.explanation) AS a_explanation_zh
         FROM orders o JOIN residents r ON r.id = o.resident_id
              LEFT JOIN assignments a ON a.order_id = o.id LEFT JOIN caregivers c ON c.id = a.caregiver_id
         ${clause} ORDER BY o.slot_start, o.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return { total, rows };
  }

  /** Where a kitchen's deliveries start: the facility's location, or undefined when there is none. */
  async kitchenAt(facilityId: string): Promise<{ lat: number; lng: number } | undefined> {
    const [facility] = await this.db.query<{ lat: number; lng: number }[]>('SELECT lat, lng FROM facilities WHERE id::text = $1', [
      facilityId,
    ]);
    return facility;
  }

  /** A facility's meals of one day that hold their unit (the kitchen cooks them), in time order. */
  async mealsOn(facilityId: string, dayStart: Date): Promise<MealRow[]> {
    return this.db.query<MealRow[]>(
      `SELECT o.id, o.service_code, o.slot_start, cs.sitting, o.dietary_needs, o.address, o.lat, o.lng, r.name
         FROM orders o JOIN residents r ON r.id = o.resident_id JOIN capacity_slots cs ON cs.id = o.slot_id
        WHERE o.facility_id = $1 AND o.service_code IN ('meal.dine_in', 'meal.delivery')
          AND o.status IN ('confirmed', 'assigned', 'in_progress', 'completed')
          AND o.slot_start >= $2 AND o.slot_start < $2::timestamptz + interval '1 day'
        ORDER BY o.slot_start, o.id`,
      [facilityId, dayStart],
    );
  }
}

/** A price as the orders columns take it: base_fen, subsidy_fen, copay_fen, funding, allowance, allowance_month. */
function priceParams(price: PricedOrder): unknown[] {
  return [price.baseFen, price.subsidyFen, price.copayFen, JSON.stringify(price.funding), JSON.stringify(price.minutesTaken), price.month];
}
