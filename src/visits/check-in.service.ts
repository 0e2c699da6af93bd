import { Inject, Injectable } from '@nestjs/common';
import { LoginThrottle } from '../auth/login-throttle.js';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/roles.js';
import { DomainError } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { OrderLifecycle } from '../orders/order-lifecycle.js';
import { canMove } from '../orders/order-status.js';
import { shanghaiDate, toShanghaiIso } from '../common/shanghai-time.js';
import type { CheckInDto, CheckOutDto, VisitDto } from './dto/visit.dto.js';
import { Outbox } from './outbox.js';
import { VisitCardsService } from './visit-cards.service.js';
import { actualMinutes, isTooEarly, verify, type Point, type Verification } from './visit-rules.js';
import { toVisitDto, visitLocation, VisitsRepository, type VisitOrder } from './visits.repository.js';

/** Wrong card codes allowed per visit within the window before check-in by code pauses. */
const CODE_GUESSES = 5;
const CODE_GUESS_WINDOW_S = 30 * 60;

/** The caregiver at the door: check-in starts the visit, check-out completes the order. */
@Injectable()
export class CheckInService {
  constructor(
    private readonly db: DataSource,
    private readonly visits: VisitsRepository,
    private readonly cards: VisitCardsService,
    private readonly outbox: Outbox,
    private readonly lifecycle: OrderLifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async checkIn(actor: Actor, orderId: string, dto: CheckInDto, now = new Date()): Promise<VisitDto> {
    return this.db.transaction(async (m) => {
      const order = await this.lockMine(m, actor, orderId);
      if (order.status === 'in_progress')
        throw new DomainError('INVALID_TRANSITION', 'You have already checked in to this visit: check out when it is done');
      if (!canMove(order.status, 'in_progress'))
        throw new DomainError('INVALID_TRANSITION', `A ${order.status} order cannot be checked in to`);
      const plannedStart = order.planned_start as Date;
      if (isTooEarly(now.getTime(), plannedStart.getTime(), this.config.checkInEarlyMinutes)) {
        throw new DomainError(
          'CHECK_IN_TOO_EARLY',
          `This visit is planned for ${toShanghaiIso(plannedStart.getTime())}: check in no earlier than ${this.config.checkInEarlyMinutes} minutes before`,
        );
      }
      const { fix, verification } = await this.verify(m, order, dto, now);
      const visit = await this.visits.checkIn(m, order, actor.caregiverId as string, now, fix, verification);
      await this.lifecycle.transition(m, order, 'in_progress', { by: actor.userId, reason: `checked in (${describe(verification)})` });
      if (verification.flaggedFar) {
        await this.outbox.notify(
          m,
          { facilityStaffOf: order.facility_id },
          {
            kind: 'visit.far_check_in',
            eventKey: `order:${order.id}:far:${now.getTime()}`,
            at: now,
            payload: {
              orderId: order.id,
              residentName: order.resident_name,
              plannedStart: toShanghaiIso(plannedStart.getTime()),
              distanceM: verification.distanceM,
              message: `护理员签到位置距服务地点 ${verification.distanceM} 米，请核实 (check-in ${verification.distanceM} m from the visit's location)`,
            },
          },
        );
      }
      return toVisitDto('in_progress', visit);
    });
  }

  async checkOut(actor: Actor, orderId: string, dto: CheckOutDto, now = new Date()): Promise<VisitDto> {
    return this.db.transaction(async (m) => {
      const order = await this.lockMine(m, actor, orderId);
      if (order.status === 'assigned') throw new DomainError('CHECK_OUT_WITHOUT_CHECK_IN', 'Check in to this visit before checking out');
      if (!canMove(order.status, 'completed'))
        throw new DomainError('INVALID_TRANSITION', `A ${order.status} order cannot be checked out of`);
      const current = await this.visits.get(m, order.id);
      if (!current?.check_in_at) throw new DomainError('CHECK_OUT_WITHOUT_CHECK_IN', 'Check in to this visit before checking out');
      const { fix, verification } = await this.verify(m, order, dto, now);
      const at = now.getTime() < current.check_in_at.getTime() ? current.check_in_at : now;
      const minutes = actualMinutes(current.check_in_at.getTime(), at.getTime());
      const visit = await this.visits.checkOut(m, order.id, at, fix, verification, dto.notes ?? null, minutes);
      await this.lifecycle.transition(m, order, 'completed', {
        by: actor.userId,
        reason: `checked out after ${minutes} minutes (${describe(verification)})`,
      });
      return toVisitDto('completed', visit);
    });
  }

  /** The order, locked, if it is assigned to the calling caregiver; otherwise as if it did not exist. */
  private async lockMine(m: EntityManager, actor: Actor, orderId: string): Promise<VisitOrder> {
    const order = await this.visits.lockOrder(m, orderId);
    if (!order || !actor.caregiverId || order.assigned_caregiver_id !== actor.caregiverId) {
      throw new DomainError(
        'NOT_ASSIGNED_TO_YOU',
        'No order with this id is assigned to you: check today’s list at GET /caregivers/me/visits',
      );
    }
    return order;
  }

  private async verify(
    m: EntityManager,
    order: VisitOrder,
    dto: CheckInDto,
    now: Date,
  ): Promise<{ fix: Point | null; verification: Verification }> {
    const fix = dto.lat !== undefined && dto.lng !== undefined ? { lat: dto.lat, lng: dto.lng } : null;
    let codeOk = false;
    if (dto.code !== undefined) {
      // Six digits can be guessed: a few wrong codes per visit, then a pause. The counter is kept
      // outside the visit's transaction, which a wrong code rolls back.
      // The guess is counted before the code is compared, so parallel guesses cannot pass the limit.
      const guesses = new LoginThrottle(this.db.manager, CODE_GUESS_WINDOW_S);
      const key = `visit-code:${order.id}`;
      if ((await guesses.take(key)) > CODE_GUESSES) {
        throw new DomainError(
          'TOO_MANY_ATTEMPTS',
          'Too many wrong card codes for this visit: wait 30 minutes, or check in with your location and ask the centre to confirm',
        );
      }
      codeOk = await this.cards.matches(m, order.resident_id, shanghaiDate(now.getTime()), dto.code);
      if (codeOk) await guesses.clear(key);
      if (!codeOk)
        throw new DomainError(
          'VISIT_CODE_WRONG',
          'This is not today’s code on the resident’s service card: read it again, or send your location only',
        );
    }
    return {
      fix,
      verification: verify({
        fix,
        visitLocation: visitLocation(order),
        codeMatches: codeOk,
        maxDistanceM: this.config.checkInMaxDistanceM,
      }),
    };
  }
}

function describe(v: Verification): string {
  const where = v.distanceM === null ? 'no location' : `${v.distanceM} m from the visit's location${v.flaggedFar ? ', flagged' : ''}`;
  return `${v.verifiedBy ? `verified by ${v.verifiedBy}` : 'not verified'}, ${where}`;
}
