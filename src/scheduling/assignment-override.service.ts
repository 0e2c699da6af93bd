import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import { sameFacility } from '../common/same-facility.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { OrderLifecycle } from '../orders/order-lifecycle.js';
import { shanghaiDate, toShanghaiIso } from '../common/shanghai-time.js';
import { checkPlan, skillZh, type Instance, type Plan, type Violation } from './engine/index.js';
import { isUuid } from '../common/auth/access.service.js';
import { AssignmentsRepository, type OverrideCaregiverRow, type OverrideOrderRow } from './assignments.repository.js';

const STEP_MS = 5 * 60_000;

/**
 * A staff member assigns a caregiver by hand. The choice is checked against the same hard rules
 * as the engine's plans (the engine's own checker, over the caregiver's day with this visit
 * added at the earliest start that fits); a broken rule answers 409 with the rule. Later runs
 * keep an override while its caregiver is still on shift.
 */
@Injectable()
export class AssignmentOverrideService {
  constructor(
    private readonly db: DataSource,
    private readonly assignments: AssignmentsRepository,
    private readonly lifecycle: OrderLifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessPolicy,
  ) {}

  async assign(actor: Actor, orderId: string, caregiverId: string) {
    return this.db.transaction(async (m) => {
      const order = await this.lockOrder(m, actor, orderId);
      const caregiver = await this.caregiver(m, caregiverId, order.facility_id);
      await this.assignments.lockFacilityDay(m, order.facility_id, shanghaiDate(order.slot_start.getTime()));
      const { instance, plan } = await this.caregiverDay(m, order, caregiver);
      const start = this.earliestFeasibleStart(instance, plan, order, caregiver.id);
      if (start.violations) {
        const first = start.violations[0];
        throw new DomainError('ASSIGNMENT_BREAKS_RULE', `${caregiver.name} cannot take this visit (${first.rule}): ${first.message}`);
      }
      const end = new Date(start.at + order.duration_minutes * 60_000);
      await this.assignments.clearPlanOf(m, [order.id]);
      const explanation = `assigned by staff (${actor.displayName}); skill ${order.required_skill}, level ${caregiver.level}`;
      const explanationZh = `由工作人员（${actor.displayName}）指派；技能${skillZh(order.required_skill)}，等级 ${caregiver.level}`;
      await this.assignments.insertOverride(m, {
        orderId: order.id,
        caregiverId: caregiver.id,
        facilityId: order.facility_id,
        start: new Date(start.at),
        end,
        explanation,
        explanationZh,
        by: actor.userId,
      });
      const by = { by: actor.userId, reason: `staff override: ${caregiver.name}` };
      if (order.status === 'assigned') await this.lifecycle.recordReassignment(m, order.id, by.by, by.reason);
      else await this.lifecycle.transition(m, { id: order.id, status: order.status }, 'assigned', by);
      return {
        orderId: order.id,
        caregiverId: caregiver.id,
        caregiverName: caregiver.name,
        plannedStart: toShanghaiIso(start.at),
        plannedEnd: toShanghaiIso(end.getTime()),
        explanation,
        explanationZh,
      };
    });
  }

  private async lockOrder(m: EntityManager, actor: Actor, orderId: string): Promise<OverrideOrderRow> {
    // The id comes from the path, checked there (UuidParam).
    const order = await this.assignments.lockOrderToAssign(m, orderId);
    if (!order) throw notFound('Order');
    this.access.decide(actor, 'order.staff', { facilityId: order.facility_id });
    if (order.status !== 'confirmed' && order.status !== 'assigned') {
      throw new DomainError('INVALID_TRANSITION', `A ${order.status} order cannot be assigned`);
    }
    if (order.place !== 'home' || order.lat === null || order.lng === null) {
      throw new DomainError('ASSIGNMENT_BREAKS_RULE', 'Only home visits with a located address are assigned to caregivers');
    }
    return order;
  }

  private async caregiver(m: EntityManager, caregiverId: string, facilityId: string): Promise<OverrideCaregiverRow> {
    // The caregiver's id comes in the body: a malformed one is a caregiver not at this facility.
    const c = isUuid(caregiverId) ? await this.assignments.caregiverToAssign(m, caregiverId) : undefined;
    if (!c || !sameFacility(c.facility_id, facilityId) || !c.active) {
      throw new DomainError('ASSIGNMENT_BREAKS_RULE', 'This caregiver does not work at the order’s facility', [
        { field: 'caregiverId', message: 'not at this facility' },
      ]);
    }
    return c;
  }

  /** The caregiver's day as an engine instance: their shifts, the visits they keep, and this order. */
  private async caregiverDay(
    m: EntityManager,
    order: OverrideOrderRow,
    c: OverrideCaregiverRow,
  ): Promise<{ instance: Instance; plan: Plan }> {
    const dayFrom = new Date(order.slot_start.getTime() - 12 * 3_600_000);
    const dayTo = new Date(order.slot_end.getTime() + 12 * 3_600_000);
    const shifts = await this.assignments.shiftsOf(m, c.id, dayFrom, dayTo);
    const others = await this.assignments.otherVisitsOf(m, c.id, order.id, dayFrom, dayTo);
    const iso = (d: Date | number) => toShanghaiIso(typeof d === 'number' ? d : d.getTime());
    const instance: Instance = {
      travel: { speedKmh: this.config.travelSpeedKmh },
      caregivers: [
        {
          id: c.id,
          skills: c.skills,
          level: c.level,
          location: { lat: c.home_lat, lng: c.home_lng },
          shifts: shifts.map((s) => ({ start: iso(s.start), end: iso(s.end) })),
        },
      ],
      orders: [
        ...others.map((o) => ({
          id: o.order_id,
          skill: c.skills[0],
          minLevel: 5,
          location: { lat: o.lat, lng: o.lng },
          windowStart: iso(o.planned_start),
          windowEnd: iso(o.planned_end),
          durationMinutes: Math.round((o.planned_end.getTime() - o.planned_start.getTime()) / 60_000),
        })),
        {
          id: order.id,
          skill: order.required_skill,
          minLevel: order.min_caregiver_level,
          location: { lat: order.lat!, lng: order.lng! },
          windowStart: iso(order.slot_start),
          windowEnd: iso(order.slot_end.getTime() + this.config.visitWindowSlackMinutes * 60_000),
          durationMinutes: order.duration_minutes,
        },
      ],
    };
    const plan: Plan = {
      assignments: others.map((o) => ({ orderId: o.order_id, caregiverId: c.id, start: iso(o.planned_start), end: iso(o.planned_end) })),
      unassigned: [],
      objective: { assigned: others.length, travelMinutes: 0, continuityMisses: 0 },
    };
    return { instance, plan };
  }

  /** Tries starts from the slot's start on, every 5 minutes; the first that breaks no rule wins. */
  private earliestFeasibleStart(
    instance: Instance,
    plan: Plan,
    order: OverrideOrderRow,
    caregiverId: string,
  ): { at: number; violations?: undefined } | { at: number; violations: Violation[] } {
    const duration = order.duration_minutes * 60_000;
    const latest = order.slot_end.getTime() + this.config.visitWindowSlackMinutes * 60_000 - duration;
    let firstViolations: Violation[] | undefined;
    for (let at = order.slot_start.getTime(); at <= latest; at += STEP_MS) {
      const trial: Plan = {
        ...plan,
        assignments: [...plan.assignments, { orderId: order.id, caregiverId, start: toShanghaiIso(at), end: toShanghaiIso(at + duration) }],
      };
      const violations = checkPlan(instance, trial, { complete: false }).filter(
        (v) => v.orderId === order.id || v.rule === 'overlap' || v.rule === 'travel' || v.rule === 'weekly',
      );
      if (violations.length === 0) return { at };
      firstViolations ??= violations;
    }
    return {
      at: order.slot_start.getTime(),
      violations: firstViolations ?? [{ rule: 'window', message: 'the visit does not fit its window' }],
    };
  }
}
