import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LOGGER } from '../core.module.js';
import { OrderLifecycle } from '../orders/order-lifecycle.js';
import { dayStart, isValidDate } from '../common/shanghai-time.js';
import { evaluatePlan, type Instance, type Plan } from './engine/index.js';
import { buildInstance } from './scheduling-inputs.js';
import { AssignmentsRepository } from './assignments.repository.js';
import { SchedulingRepository, type DayWindow } from './scheduling.repository.js';
import { solveOffThread } from './solve-off-thread.js';

export type RunTrigger = 'manual' | 'rolling' | 'nightly';

/** Why an order stayed unassigned, in English and in Chinese. */
export interface UnassignedReason {
  orderId: string;
  reason: string;
  reasonZh: string;
}

export interface RunSummary {
  id: string;
  date: string;
  facilities: number;
  assigned: number;
  unassigned: UnassignedReason[];
  travelMinutes: number;
  continuityRate: number | null;
  durationMs: number;
  /** Facilities whose run failed: their previous assignments are unchanged. */
  failedFacilities: string[];
}

interface FacilityOutcome {
  orders: number;
  caregivers: number;
  assigned: number;
  unassigned: UnassignedReason[];
  travelMinutes: number;
  withPreference: number;
  continuityMisses: number;
}

/**
 * Runs the assignment engine over a day and stores the plan: per facility, one transaction that
 * locks the facility's day, reads what is open, solves, replaces the assignments and moves the
 * orders' statuses with history. A facility whose run fails keeps its previous assignments.
 */
@Injectable()
export class SchedulingService {
  constructor(
    private readonly db: DataSource,
    private readonly runs: SchedulingRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly lifecycle: OrderLifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly access: AccessPolicy,
  ) {}

  async runOnDemand(actor: Actor, date: string, facilityId?: string): Promise<RunSummary> {
    if (!isValidDate(date))
      throw new DomainError('VALIDATION_FAILED', 'date must be a real date YYYY-MM-DD', [{ field: 'date', message: 'not a date' }]);
    // A facility that does not exist, or is not the caller's, is 404; centre staff always run their own.
    if (facilityId) await this.access.require(actor, 'facility.staff', facilityId);
    facilityId = this.access.scope(actor, 'facility', facilityId);
    return this.run({ date, facilityId, trigger: 'manual', requestedBy: actor.userId, onlyNew: false });
  }

  async run(r: {
    date: string;
    facilityId?: string;
    trigger: RunTrigger;
    requestedBy: string | null;
    onlyNew: boolean;
    now?: number;
  }): Promise<RunSummary> {
    const begun = Date.now();
    const now = r.now ?? Date.now();
    const from = new Date(dayStart(r.date));
    const to = new Date(from.getTime() + 86_400_000);
    const id = await this.runs.startRun({ facilityId: r.facilityId ?? null, date: r.date, trigger: r.trigger, requestedBy: r.requestedBy });
    const facilities = r.facilityId ? [r.facilityId] : await this.runs.facilitiesWithOpenOrders(from, to);
    const total: FacilityOutcome = {
      orders: 0,
      caregivers: 0,
      assigned: 0,
      unassigned: [],
      travelMinutes: 0,
      withPreference: 0,
      continuityMisses: 0,
    };
    const failures: string[] = [];
    for (const facilityId of facilities) {
      const window: DayWindow = {
        facilityId,
        dayStart: from,
        dayEnd: to,
        frozenUntil: new Date(now + this.config.freezeWindowMinutes * 60_000),
      };
      try {
        const outcome = await this.db.transaction((m) => this.planFacility(m, id, r.date, window, r.onlyNew, r.requestedBy));
        for (const k of ['orders', 'caregivers', 'assigned', 'travelMinutes', 'withPreference', 'continuityMisses'] as const)
          total[k] += outcome[k];
        total.unassigned.push(...outcome.unassigned);
      } catch (error) {
        failures.push(facilityId);
        this.log.error({ err: error, facilityId, date: r.date }, 'scheduling run failed for a facility; its assignments are unchanged');
      }
    }
    const continuityRate = total.withPreference > 0 ? (total.withPreference - total.continuityMisses) / total.withPreference : null;
    const durationMs = Date.now() - begun;
    await this.runs.finishRun(id, {
      status: failures.length ? 'failed' : 'ok',
      ordersConsidered: total.orders,
      caregiversConsidered: total.caregivers,
      assigned: total.assigned,
      unassigned: total.unassigned,
      travelMinutes: Math.round(total.travelMinutes),
      continuityRate,
      durationMs,
      error: failures.length ? `failed for facilities ${failures.join(', ')}` : null,
    });
    return {
      id,
      date: r.date,
      facilities: facilities.length,
      assigned: total.assigned,
      unassigned: total.unassigned,
      travelMinutes: Math.round(total.travelMinutes),
      continuityRate,
      durationMs,
      failedFacilities: failures,
    };
  }

  private async planFacility(
    m: EntityManager,
    runId: string,
    date: string,
    w: DayWindow,
    onlyNew: boolean,
    by: string | null,
  ): Promise<FacilityOutcome> {
    await this.assignments.lockFacilityDay(m, w.facilityId, date);
    const kept = await this.runs.keptVisits(m, w, onlyNew);
    const keptIds = kept.map((k) => k.order_id);
    const orders = await this.runs.orders(m, w, keptIds);
    const replanned = orders.map((o) => o.id);
    const instance: Instance = buildInstance(await this.runs.caregivers(m, w, replanned), await this.runs.shifts(m, w), kept, orders, {
      speedKmh: this.config.travelSpeedKmh,
      windowSlackMinutes: this.config.visitWindowSlackMinutes,
      bufferAfterKeptMinutes: this.config.travelAllowanceMinutes,
    });
    instance.returnToBase = await this.runs.returnToBase(m, w.facilityId);
    const plan: Plan = await solveOffThread(instance, { seed: 1, continuityWorthMinutes: this.config.assignContinuityWorthMinutes });
    await this.store(
      m,
      runId,
      w.facilityId,
      orders.map((o) => ({ id: o.id })),
      plan,
      by,
    );
    const figures = evaluatePlan(instance, plan.assignments);
    return {
      orders: orders.length,
      caregivers: instance.caregivers.length,
      assigned: plan.assignments.length,
      unassigned: plan.unassigned.map((u) => ({ orderId: u.orderId, reason: u.reason, reasonZh: u.reasonZh ?? u.reason })),
      travelMinutes: figures.travelMinutes,
      withPreference: figures.withPreference,
      continuityMisses: figures.continuityMisses,
    };
  }

  /** Replaces the engine's assignments of the planned orders and moves their statuses. */
  private async store(
    m: EntityManager,
    runId: string,
    facilityId: string,
    orders: { id: string }[],
    plan: Plan,
    by: string | null,
  ): Promise<void> {
    const ids = orders.map((o) => o.id);
    const before = await this.runs.statusesOf(m, ids);
    await this.assignments.clearPlanOf(m, ids);
    for (const a of plan.assignments) {
      await this.assignments.insertFromRun(m, runId, {
        orderId: a.orderId,
        caregiverId: a.caregiverId,
        facilityId,
        start: a.start,
        end: a.end,
        explanation: a.explanation ?? '',
        explanationZh: a.explanationZh ?? null,
        by,
      });
    }
    const assigned = new Set(plan.assignments.map((a) => a.orderId));
    for (const o of before) {
      if (assigned.has(o.id) && o.status === 'confirmed') {
        await this.lifecycle.transition(m, o, 'assigned', { by, reason: `scheduling run ${runId}` });
      } else if (!assigned.has(o.id) && o.status === 'assigned') {
        await this.lifecycle.transition(m, o, 'confirmed', { by, reason: `scheduling run ${runId}: no caregiver could take it` });
      }
    }
    for (const u of plan.unassigned) {
      await this.assignments.insertUnassigned(m, runId, facilityId, { orderId: u.orderId, reason: u.reason, reasonZh: u.reasonZh ?? null });
    }
  }
}
