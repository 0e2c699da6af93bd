import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import type { OrderDto } from '../orders/dto/order.dto.js';
import { canMove } from '../orders/order-status.js';
import { OrderLifecycle } from '../orders/order-lifecycle.js';
import { toOrderDto } from '../orders/order-row.js';
import { addDays, dayStart, shanghaiDate, toShanghaiIso } from '../common/shanghai-time.js';
import type { DateRangeQuery, VisitAlertDto, VisitDto } from './dto/visit.dto.js';
import { Outbox } from './outbox.js';
import { isNoShowTooEarly } from './visit-rules.js';
import { toVisitDto, VisitsRepository, type VisitOrder } from './visits.repository.js';

/** What the facility's staff do about visits: confirm one by phone, record a no-show, see the alerts. */
@Injectable()
export class VisitStaffService {
  constructor(
    private readonly db: DataSource,
    private readonly visits: VisitsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
    private readonly lifecycle: OrderLifecycle,
  ) {}

  /** For a visit checked in without a fix or code near enough to count: staff vouch for it, with a reason. */
  async confirmVisit(actor: Actor, orderId: string, reason: string): Promise<VisitDto> {
    return this.db.transaction(async (m) => {
      const order = await this.lockForStaff(m, actor, orderId);
      const visit = await this.visits.get(m, order.id);
      if (!visit?.check_in_at || (order.status !== 'in_progress' && order.status !== 'completed')) {
        throw new DomainError(
          'VISIT_NOT_CHECKED_IN',
          'The caregiver has not checked in to this visit: a visit can be confirmed once it has started',
        );
      }
      const inVerified = visit.check_in_verified_by !== null;
      const outVerified = visit.check_out_at === null || visit.check_out_verified_by !== null;
      if (inVerified && outVerified) throw new DomainError('VISIT_ALREADY_VERIFIED', 'This visit is already verified by location or code');
      const updated = await this.visits.confirmByStaff(m, order.id, reason, actor.userId);
      await this.audit.record(m, actor, 'visit', order.id, 'update', { verified: false }, { verified: true, verifiedBy: 'staff', reason });
      return toVisitDto(order.status, updated);
    });
  }

  /** The senior was not at home: assigned → no_show, recorded, and the family told. */
  async noShow(actor: Actor, orderId: string, reason: string, now = new Date()): Promise<OrderDto> {
    return this.db.transaction(async (m) => {
      const order = await this.lockForStaff(m, actor, orderId);
      if (!canMove(order.status, 'no_show')) throw new DomainError('INVALID_TRANSITION', `A ${order.status} order cannot become no_show`);
      const plannedStart = (order.planned_start ?? order.slot_start).getTime();
      if (isNoShowTooEarly(now.getTime(), plannedStart)) {
        throw new DomainError(
          'NO_SHOW_TOO_EARLY',
          `This visit is planned for ${toShanghaiIso(plannedStart)}: a no-show can be recorded only after the planned start has passed`,
        );
      }
      const updated = await this.lifecycle.transition(m, order, 'no_show', { by: actor.userId, reason });
      await this.outbox.notify(
        m,
        { familyOf: order.resident_id },
        {
          kind: 'visit.no_show',
          eventKey: `order:${order.id}:no_show`,
          at: new Date(),
          payload: {
            orderId: order.id,
            residentName: order.resident_name,
            plannedStart: toShanghaiIso((order.planned_start ?? order.slot_start).getTime()),
            reason,
            message: `护理员上门时老人不在家 (the caregiver came but ${order.resident_name} was not at home)`,
          },
        },
      );
      return toOrderDto(updated);
    });
  }

  /** Far check-ins, unverified visits, late and missed visits of a facility, by the day they happened. */
  async alerts(actor: Actor, facilityId: string, q: DateRangeQuery): Promise<VisitAlertDto[]> {
    this.access.requireFacilityStaff(actor, facilityId);
    const from = q.from ?? shanghaiDate(Date.now());
    const to = q.to ?? from;
    const rows = await this.visits.alertsOf(facilityId, new Date(dayStart(from)), new Date(dayStart(addDays(to, 1))));
    return rows.map((r) => ({
      kind: r.kind,
      orderId: r.order_id,
      status: r.status,
      at: toShanghaiIso(r.at.getTime()),
      plannedStart: toShanghaiIso(r.planned_start.getTime()),
      residentId: r.resident_id,
      residentName: r.resident_name,
      caregiverId: r.caregiver_id,
      caregiverName: r.caregiver_name,
      distanceM: r.distance_m,
    }));
  }

  /** Centre staff act on their own facility's orders, admin on any; others never see the order. */
  private async lockForStaff(m: EntityManager, actor: Actor, orderId: string): Promise<VisitOrder> {
    const order = await this.visits.lockOrder(m, orderId);
    if (!order) throw notFound('Order');
    this.access.policy.decide(actor, 'order.staff', { facilityId: order.facility_id });
    return order;
  }
}
