import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { bookingPolicy, breachError, decideBooking } from './decide-booking.js';
import type { OrderDto } from './dto/order.dto.js';
import { OrderLifecycle } from './order-lifecycle.js';
import { toOrderDto, type OrderRow } from './order-row.js';
import { OrdersRepository } from './orders.repository.js';

const STAFF = new Set(['centre_staff', 'admin']);

/** Cancelling and rescheduling as a caller asks: who may, and until when; the lifecycle writes. */
@Injectable()
export class OrderChangesService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly lifecycle: OrderLifecycle,
    private readonly orders: OrdersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async cancel(actor: Actor, orderId: string, reason: string, manager?: EntityManager): Promise<OrderDto> {
    const run = async (m: EntityManager) => {
      const order = await this.lockVisible(m, actor, orderId);
      await this.requireBeforeCutoff(m, actor, order, 'cancel');
      return toOrderDto(await this.lifecycle.transition(m, order, 'cancelled', { by: actor.userId, reason }));
    };
    return manager ? run(manager) : this.db.transaction(run);
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
      // The booking's own rules on the new time; whether the slot has a free unit, the move's write decides under its lock.
      const slot = await this.orders.findSlot(m, order.facility_id, order.service_code, start);
      const decision = decideBooking(
        { slotStartMs: start.getTime(), slot: { found: slot !== undefined }, waitlist: false },
        bookingPolicy(this.config),
        Date.now(),
      );
      if (!decision.ok) throw breachError(decision.breach);
      if (slot!.id === order.slot_id) return toOrderDto(order);
      return toOrderDto(await this.lifecycle.reschedule(m, order, slot!, { by: actor.userId, reason: reason ?? null }));
    });
  }

  private async lockVisible(m: EntityManager, actor: Actor, orderId: string): Promise<OrderRow> {
    const order = await this.orders.lockForUpdate(m, orderId);
    if (!order) throw notFound('Order');
    await this.access.policy.require(actor, 'order.change', order.id, m);
    return order;
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
    if ((await this.orders.placeOf(m, order.service_code)) !== 'home') return;
    const cutoff = order.slot_start.getTime() - this.config.cancelCutoffMinutes * 60_000;
    if (Date.now() < cutoff) return;
    if (STAFF.has(actor.role) && (what === 'cancel' || reason)) return;
    throw new DomainError(
      'CUTOFF_PASSED',
      `A home visit can be ${what === 'cancel' ? 'cancelled' : 'rescheduled'} until ${this.config.cancelCutoffMinutes} minutes before it starts: call the centre, who can still change it`,
    );
  }
}
