import type { EntityManager } from 'typeorm';
import { returned } from '../database/returned.js';
import { HOLDS_CAPACITY, type OrderStatus } from './order-status.js';
import type { PricedOrder } from './allowance.js';
import type { OrderRow } from './order-row.js';
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

/** The SQL of booking, written out: every call takes the transaction's manager. */
export const ordersRepository = {
  async findSlot(m: EntityManager, facilityId: string, serviceCode: string, start: Date): Promise<SlotRow | undefined> {
    const rows = (await m.query(
      `SELECT id, facility_id, service_code, starts_at, ends_at, capacity, booked
         FROM capacity_slots WHERE facility_id = $1 AND service_code = $2 AND starts_at = $3`,
      [facilityId, serviceCode, start],
    )) as SlotRow[];
    return rows[0];
  },

  /** Takes one unit of a slot if one is left; the CHECK on capacity_slots backs this up. */
  async takeUnit(m: EntityManager, slotId: string): Promise<boolean> {
    const result: unknown = await m.query(`UPDATE capacity_slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity RETURNING id`, [slotId]);
    return returned(result).length === 1;
  },

  async releaseUnit(m: EntityManager, slotId: string): Promise<void> {
    await m.query(
      `UPDATE capacity_slots SET booked = booked - 1,
              over_committed = over_committed AND booked - 1 > capacity
        WHERE id = $1`,
      [slotId],
    );
  },

  async history(m: EntityManager, orderId: string, from: OrderStatus | null, to: OrderStatus, by: string | null, reason: string | null): Promise<void> {
    await m.query(`INSERT INTO order_history (order_id, from_status, to_status, by_user, reason) VALUES ($1, $2, $3, $4, $5)`, [
      orderId, from, to, by, reason,
    ]);
  },

  async lock(m: EntityManager, orderId: string): Promise<OrderRow | undefined> {
    const rows = (await m.query(`SELECT * FROM orders WHERE id = $1 FOR UPDATE`, [orderId])) as OrderRow[];
    return rows[0];
  },

  async get(m: EntityManager, orderId: string): Promise<OrderRow | undefined> {
    const rows = (await m.query(`SELECT * FROM orders WHERE id = $1`, [orderId])) as OrderRow[];
    return rows[0];
  },

  /**
   * Moves an order from `from` to `to` (the caller holds its row lock); answers the new row and
   * whether it held a capacity unit before, or undefined when its status was no longer `from`.
   */
  async setStatus(m: EntityManager, orderId: string, from: OrderStatus, to: OrderStatus, cancelReason: string | null): Promise<(OrderRow & { held: boolean }) | undefined> {
    const result: unknown = await m.query(
      `UPDATE orders SET status = $3, holds_capacity = $4, cancel_reason = COALESCE($5, cancel_reason), updated_at = now()
         FROM (SELECT id, holds_capacity AS held FROM orders WHERE id = $1) before
        WHERE orders.id = before.id AND orders.status = $2
        RETURNING orders.*, before.held`,
      [orderId, from, to, HOLDS_CAPACITY.includes(to), cancelReason],
    );
    return returned<OrderRow & { held: boolean }>(result)[0];
  },

  /** Writes a new price (and the allowance minutes it took) on an order. */
  async setPrice(m: EntityManager, orderId: string, price: PricedOrder): Promise<OrderRow> {
    const result: unknown = await m.query(
      `UPDATE orders SET base_fen = $2, subsidy_fen = $3, copay_fen = $4, funding = $5, allowance = $6, allowance_month = $7, updated_at = now()
        WHERE id = $1 RETURNING *`,
      [orderId, price.baseFen, price.subsidyFen, price.copayFen, JSON.stringify(price.funding), JSON.stringify(price.minutesTaken), price.month],
    );
    return returned<OrderRow>(result)[0];
  },

  /** Moves a booking to another slot of its facility and service, as confirmed, with its new price. */
  async moveToSlot(m: EntityManager, orderId: string, slot: SlotRow, price: PricedOrder): Promise<OrderRow> {
    const result: unknown = await m.query(
      `UPDATE orders SET slot_id = $2, slot_start = $3, slot_end = $4, status = 'confirmed', holds_capacity = true, base_fen = $5,
              subsidy_fen = $6, copay_fen = $7, funding = $8, allowance = $9, allowance_month = $10, updated_at = now()
        WHERE id = $1 RETURNING *`,
      [orderId, slot.id, slot.starts_at, slot.ends_at, price.baseFen, price.subsidyFen, price.copayFen,
        JSON.stringify(price.funding), JSON.stringify(price.minutesTaken), price.month],
    );
    return returned<OrderRow>(result)[0];
  },

  /** What pricing needs to know of an order's resident and service. */
  async pricingFacts(m: EntityManager, residentId: string, serviceCode: string): Promise<PricingFactsRow> {
    const [row] = (await m.query(
      `SELECT r.birth_date, r.subsidy_category, s.category, s.base_price_fen, s.duration_minutes
         FROM residents r, services s WHERE r.id = $1 AND s.code = $2`,
      [residentId, serviceCode],
    )) as PricingFactsRow[];
    return row;
  },

  /** Drops the order's planned visit and any note that it could not be assigned. */
  async releaseAssignment(m: EntityManager, orderId: string): Promise<void> {
    await m.query('DELETE FROM assignments WHERE order_id = $1', [orderId]);
    await m.query('DELETE FROM unassigned_orders WHERE order_id = $1', [orderId]);
  },

  /** The first waitlisted order of a slot, skipping any another transaction is promoting now. */
  async firstWaitlisted(m: EntityManager, slotId: string): Promise<OrderRow | undefined> {
    const rows = (await m.query(
      `SELECT * FROM orders WHERE slot_id = $1 AND status = 'waitlisted' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [slotId],
    )) as OrderRow[];
    return rows[0];
  },
};
