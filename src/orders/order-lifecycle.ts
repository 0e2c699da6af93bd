import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import { giveBackAllowance, priceAndTakeAllowance, type PricedOrder } from './allowance.js';
import { canMove, type OrderStatus } from './order-status.js';
import type { OrderRow } from './order-row.js';
import { OrdersRepository, type SlotRow } from './orders.repository.js';

export interface TransitionBy {
  /** The account that made the change; null for the service's own jobs. */
  by: string | null;
  reason: string | null;
}

/** The least the lifecycle needs of an order its caller has locked. */
export type OrderRef = Pick<OrderRow, 'id' | 'status'>;

/**
 * The one writer of an order's status after booking. Every move checks the status machine,
 * writes the history row and applies its side effects in the caller's transaction:
 * - to `cancelled`: the caregiver's visit is dropped; a unit it held goes back to the slot with
 *   its allowance minutes, and the slot's first waitlisted order is confirmed;
 * - `waitlisted → confirmed`: a unit of the slot is taken and the order priced anew;
 * - back to `confirmed` from `assigned` or `missed`, or to `missed`: the visit is dropped, so
 *   the next scheduling run plans the order again.
 * The caller holds the order's row lock (SELECT … FOR UPDATE) and has checked who may move it.
 */
@Injectable()
export class OrderLifecycle {
  constructor(private readonly orders: OrdersRepository) {}

  async transition(m: EntityManager, order: OrderRef, to: OrderStatus, { by, reason }: TransitionBy): Promise<OrderRow> {
    if (!canMove(order.status, to)) throw new DomainError('INVALID_TRANSITION', `A ${order.status} order cannot become ${to}`);
    if (order.status === 'waitlisted' && to === 'confirmed') return this.confirmFromWaitlist(m, order.id, by, reason);
    const moved = await this.orders.setStatus(m, order.id, order.status, to, to === 'cancelled' ? reason : null);
    if (!moved) throw new DomainError('INVALID_TRANSITION', `The order is no longer ${order.status}: read it again`);
    await this.orders.writeHistory(m, order.id, order.status, to, by, reason);
    if (to === 'cancelled' || to === 'missed' || (to === 'confirmed' && order.status !== 'waitlisted')) {
      await this.orders.releaseAssignment(m, order.id);
    }
    if (to === 'cancelled' && moved.held) {
      await giveBackAllowance(m, moved.resident_id, moved.allowance_month, moved.allowance);
      await this.freeUnit(m, moved.slot_id);
    }
    return moved;
  }

  /** A staff member or a run put another caregiver on an assigned order: history only. */
  async recordReassignment(m: EntityManager, orderId: string, by: string | null, reason: string): Promise<void> {
    await this.orders.writeHistory(m, orderId, 'assigned', 'assigned', by, reason);
  }

  /**
   * Moves a confirmed or assigned booking to another slot: the new unit is taken before the old
   * one is freed, so a full new slot leaves the booking as it was.
   */
  async reschedule(m: EntityManager, order: OrderRow, slot: SlotRow, { by, reason }: TransitionBy): Promise<OrderRow> {
    if (order.status !== 'confirmed' && order.status !== 'assigned') {
      throw new DomainError('INVALID_TRANSITION', `A ${order.status} order cannot be rescheduled`);
    }
    if (!(await this.orders.takeUnit(m, slot.id)))
      throw new DomainError('SLOT_FULL', 'The new slot is full: your booking is unchanged; choose another time');
    await giveBackAllowance(m, order.resident_id, order.allowance_month, order.allowance);
    const price = await this.price(m, order, slot.starts_at);
    const moved = await this.orders.moveToSlot(m, order.id, slot, price);
    await this.orders.writeHistory(
      m,
      order.id,
      order.status,
      'confirmed',
      by,
      `rescheduled from ${order.slot_start.toISOString()}${reason ? `: ${reason}` : ''}`,
    );
    // A new time needs a new visit: the next run plans it.
    await this.orders.releaseAssignment(m, order.id);
    await this.freeUnit(m, order.slot_id);
    return moved;
  }

  /** Gives a unit back to its slot and confirms the slot's first waitlisted order, if any. */
  private async freeUnit(m: EntityManager, slotId: string): Promise<void> {
    await this.orders.releaseUnit(m, slotId);
    const next = await this.orders.firstWaitlisted(m, slotId);
    if (next) await this.confirmFromWaitlist(m, next.id, null, 'a place became free', next).catch(ignoreFull);
  }

  private async confirmFromWaitlist(
    m: EntityManager,
    orderId: string,
    by: string | null,
    reason: string | null,
    locked?: OrderRow,
  ): Promise<OrderRow> {
    const order = locked ?? (await this.orders.lockForUpdate(m, orderId));
    if (!order || order.status !== 'waitlisted')
      throw new DomainError('INVALID_TRANSITION', 'The order is no longer waitlisted: read it again');
    if (!(await this.orders.takeUnit(m, order.slot_id)))
      throw new DomainError('SLOT_FULL', 'The slot is still full: the order stays on the waitlist');
    await this.orders.setStatus(m, order.id, 'waitlisted', 'confirmed', null);
    const confirmed = await this.orders.setPrice(m, order.id, await this.price(m, order, order.slot_start));
    await this.orders.writeHistory(m, order.id, 'waitlisted', 'confirmed', by, reason);
    return confirmed;
  }

  private async price(m: EntityManager, order: OrderRow, slotStart: Date): Promise<PricedOrder> {
    const r = await this.orders.pricingFacts(m, order.resident_id, order.service_code);
    return priceAndTakeAllowance(m, {
      residentId: order.resident_id,
      birthDate: r.birth_date,
      subsidyCategory: r.subsidy_category,
      category: r.category,
      basePriceFen: r.base_price_fen,
      durationMinutes: r.duration_minutes,
      slotStart,
    });
  }
}

function ignoreFull(error: unknown): void {
  if (!(error instanceof DomainError && error.code === 'SLOT_FULL')) throw error;
}
