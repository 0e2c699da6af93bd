import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, isUuid } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { giveBackAllowance, priceAndTakeAllowance } from './allowance.js';
import type { OrderDto } from './dto/order.dto.js';
import { canMove, type OrderStatus } from './order-status.js';
import { ordersRepository as repo, returned, toOrderDto, type OrderRow } from './orders.repository.js';
import type { ServiceCategory, SubsidyCategory } from './pricing.js';

const STAFF = new Set(['centre_staff', 'admin']);

/** Cancelling, rescheduling and waitlist promotion: each one transaction with its history rows. */
@Injectable()
export class OrderChangesService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async cancel(actor: Actor, orderId: string, reason: string, manager?: EntityManager): Promise<OrderDto> {
    const run = async (m: EntityManager) => {
      const order = await this.lockVisible(m, actor, orderId);
      this.requireMove(order.status, 'cancelled');
      await this.requireBeforeCutoff(m, actor, order, 'cancel');
      const cancelled = await this.cancelLocked(m, order, actor.userId, reason);
      return toOrderDto(cancelled);
    };
    return manager ? run(manager) : this.db.transaction(run);
  }

  /** Cancels an order already locked by the caller, frees its unit and promotes the waitlist. */
  async cancelLocked(m: EntityManager, order: OrderRow, by: string | null, reason: string): Promise<OrderRow> {
    const cancelled = await repo.setStatus(m, order.id, 'cancelled', reason);
    await repo.history(m, order.id, order.status, 'cancelled', by, reason);
    // The caregiver's time is free again.
    await repo.releaseAssignment(m, order.id);
    if (order.holds_capacity) {
      await giveBackAllowance(m, order.resident_id, order.allowance_month, order.allowance);
      await repo.releaseUnit(m, order.slot_id);
      await this.promoteWaitlist(m, order.slot_id);
    }
    return cancelled;
  }

  /** The new slot is taken before the old one is freed: a full new slot leaves the booking as it was. */
  async reschedule(actor: Actor, orderId: string, slotStart: string, reason?: string): Promise<OrderDto> {
    return this.db.transaction(async (m) => {
      const order = await this.lockVisible(m, actor, orderId);
      if (order.status !== 'confirmed' && order.status !== 'assigned') {
        throw new DomainError('INVALID_TRANSITION', `A ${order.status} order cannot be rescheduled`);
      }
      await this.requireBeforeCutoff(m, actor, order, 'reschedule', reason);
      const start = new Date(slotStart);
      if (start.getTime() <= Date.now()) throw new DomainError('SLOT_IN_PAST', 'This time has already passed: choose a later slot');
      if (start.getTime() > Date.now() + this.config.bookingHorizonDays * 86_400_000) {
        throw new DomainError('OUTSIDE_HORIZON', `Bookings open ${this.config.bookingHorizonDays} days ahead: choose an earlier date`);
      }
      const slot = await repo.findSlot(m, order.facility_id, order.service_code, start);
      if (!slot) throw new DomainError('SLOT_UNKNOWN', 'There is no slot at this time: pick one from GET /facilities/:id/availability');
      if (slot.id === order.slot_id) return toOrderDto(order);
      if (!(await repo.takeUnit(m, slot.id))) throw new DomainError('SLOT_FULL', 'The new slot is full: your booking is unchanged; choose another time');
      await giveBackAllowance(m, order.resident_id, order.allowance_month, order.allowance);
      const price = await this.reprice(m, order, slot.starts_at);
      const status: OrderStatus = 'confirmed';
      const result: unknown = await m.query(
        `UPDATE orders SET slot_id = $2, slot_start = $3, slot_end = $4, status = $5, base_fen = $6, subsidy_fen = $7, copay_fen = $8,
                funding = $9, allowance = $10, allowance_month = $11, updated_at = now()
          WHERE id = $1 RETURNING *`,
        [order.id, slot.id, slot.starts_at, slot.ends_at, status, price.baseFen, price.subsidyFen, price.copayFen,
          JSON.stringify(price.funding), JSON.stringify(price.minutesTaken), price.month],
      );
      await repo.history(m, order.id, order.status, status, actor.userId, `rescheduled from ${order.slot_start.toISOString()}${reason ? `: ${reason}` : ''}`);
      // A new time needs a new assignment: the next run plans it.
      await repo.releaseAssignment(m, order.id);
      await repo.releaseUnit(m, order.slot_id);
      await this.promoteWaitlist(m, order.slot_id);
      return toOrderDto(returned<OrderRow>(result)[0]);
    });
  }

  /** Confirms the first waitlisted order of a slot if a unit is free again. */
  async promoteWaitlist(m: EntityManager, slotId: string): Promise<void> {
    const next = await repo.firstWaitlisted(m, slotId);
    if (!next || !(await repo.takeUnit(m, slotId))) return;
    const price = await this.reprice(m, next, next.slot_start);
    await m.query(
      `UPDATE orders SET status = 'confirmed', holds_capacity = true, base_fen = $2, subsidy_fen = $3, copay_fen = $4,
              funding = $5, allowance = $6, allowance_month = $7, updated_at = now() WHERE id = $1`,
      [next.id, price.baseFen, price.subsidyFen, price.copayFen, JSON.stringify(price.funding), JSON.stringify(price.minutesTaken), price.month],
    );
    await repo.history(m, next.id, 'waitlisted', 'confirmed', null, 'a place became free');
  }

  private async reprice(m: EntityManager, order: OrderRow, slotStart: Date) {
    const [r] = (await m.query(
      `SELECT r.birth_date, r.subsidy_category, s.category, s.base_price_fen, s.duration_minutes
         FROM residents r, services s WHERE r.id = $1 AND s.code = $2`,
      [order.resident_id, order.service_code],
    )) as { birth_date: string; subsidy_category: SubsidyCategory; category: ServiceCategory; base_price_fen: number; duration_minutes: number }[];
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

  private async lockVisible(m: EntityManager, actor: Actor, orderId: string): Promise<OrderRow> {
    const order = isUuid(orderId) ? await repo.lock(m, orderId) : undefined;
    if (!order) throw notFound('Order');
    await this.access.policy.require(actor, 'order.change', order.id, m);
    return order;
  }

  private requireMove(from: OrderStatus, to: OrderStatus): void {
    if (!canMove(from, to)) throw new DomainError('INVALID_TRANSITION', `A ${from} order cannot become ${to}`);
  }

  /** Whether cancelling this order now, by this actor, is past the cut-off (a series' end leaves such an order as it is). */
  async pastCutoff(m: EntityManager, actor: Actor, order: OrderRow): Promise<boolean> {
    try {
      await this.requireBeforeCutoff(m, actor, order, 'cancel');
      return false;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'CUTOFF_PASSED') return true;
      throw error;
    }
  }

  /** Home visits change no later than the cut-off before they start; staff may override with a reason. */
  private async requireBeforeCutoff(m: EntityManager, actor: Actor, order: OrderRow, what: string, reason?: string): Promise<void> {
    if (order.status === 'waitlisted') return;
    const [{ place }] = (await m.query('SELECT place FROM services WHERE code = $1', [order.service_code])) as { place: string }[];
    if (place !== 'home') return;
    const cutoff = order.slot_start.getTime() - this.config.cancelCutoffMinutes * 60_000;
    if (Date.now() < cutoff) return;
    if (STAFF.has(actor.role) && (what === 'cancel' || reason)) return;
    throw new DomainError(
      'CUTOFF_PASSED',
      `A home visit can be ${what === 'cancel' ? 'cancelled' : 'rescheduled'} until ${this.config.cancelCutoffMinutes} minutes before it starts: call the centre, who can still change it`,
    );
  }
}
