import type { EntityManager } from 'typeorm';
import { toShanghaiIso } from '../common/shanghai-time.js';
import type { Funding } from './pricing.js';
import type { OrderDto } from './dto/order.dto.js';
import type { OrderStatus } from './order-status.js';

export interface SlotRow {
  id: string;
  facility_id: string;
  service_code: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  booked: number;
}

export interface OrderRow {
  id: string;
  resident_id: string;
  facility_id: string;
  service_code: string;
  slot_id: string;
  slot_start: Date;
  slot_end: Date;
  status: OrderStatus;
  holds_capacity: boolean;
  channel: 'self' | 'family' | 'staff';
  created_by: string;
  notes: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  dietary_needs: string[];
  base_fen: number;
  subsidy_fen: number;
  copay_fen: number;
  funding: Funding[];
  allowance: Record<string, number>;
  allowance_month: string | null;
  series_id: string | null;
  created_at: Date;
}

export function toOrderDto(row: OrderRow): OrderDto {
  return {
    id: row.id,
    status: row.status,
    residentId: row.resident_id,
    serviceCode: row.service_code,
    facilityId: row.facility_id,
    slot: { start: toShanghaiIso(row.slot_start.getTime()), end: toShanghaiIso(row.slot_end.getTime()) },
    price: { baseFen: row.base_fen, subsidyFen: row.subsidy_fen, copayFen: row.copay_fen, funding: row.funding },
    channel: row.channel,
    createdBy: row.created_by,
    createdAt: toShanghaiIso(row.created_at.getTime()),
    notes: row.notes,
    dietaryNeeds: row.dietary_needs,
    seriesId: row.series_id,
  };
}

/** TypeORM answers UPDATE/DELETE … RETURNING on PostgreSQL as [rows, count], other statements as rows. */
export function returned<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
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

  /** Moves an order to a new status; the caller has checked the move and writes the history row. */
  async setStatus(m: EntityManager, orderId: string, status: OrderStatus, cancelReason: string | null = null): Promise<OrderRow> {
    const result: unknown = await m.query(
      `UPDATE orders SET status = $2, holds_capacity = $2 NOT IN ('waitlisted', 'cancelled'),
              cancel_reason = COALESCE($3, cancel_reason), updated_at = now()
        WHERE id = $1 RETURNING *`,
      [orderId, status, cancelReason],
    );
    return returned<OrderRow>(result)[0];
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
