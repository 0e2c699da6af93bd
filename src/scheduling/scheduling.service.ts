import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LOGGER } from '../core.module.js';
import { OrderLifecycle } from '../orders/order-lifecycle.js';
import type { OrderStatus } from '../orders/order-status.js';
import { dayStart, isValidDate } from '../common/shanghai-time.js';
import { evaluatePlan, type Instance, type Plan } from './engine/index.js';
import { buildInstance } from './scheduling-inputs.js';
import { schedulingRepository as repo, type DayWindow } from './scheduling.repository.js';
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

/** The lock every writer of one facility's assignments takes: runs and staff overrides. */
export async function lockFacilityDay(m: EntityManager, facilityId: string, date: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('scheduling'), hashtext($1))`, [`${facilityId}:${date}`]);
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
    private readonly lifecycle: OrderLifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly access: AccessPolicy,
  ) {}

  async runOnDemand(actor: Actor, date: string, facilityId?: string): Promise<RunSummary> {
    if (!isValidDate(date)) throw new DomainError('VALIDATION_FAILED', 'date must be a real date YYYY-MM-DD', [{ field: 'date', message: 'not a date' }]);
    // A facility that does not exist, or is not the caller's, is 404; centre staff always run their own.
    if (facilityId) await this.access.require(actor, 'facility.staff', facilityId);
    facilityId = this.access.scope(actor, 'facility', facilityId);
    return this.run({ date, facilityId, trigger: 'manual', requestedBy: actor.userId, onlyNew: false });
  }

  async run(r: { date: string; facilityId?: string; trigger: RunTrigger; requestedBy: string | null; onlyNew: boolean; now?: number }): Promise<RunSummary> {
    const begun = Date.now();
    const now = r.now ?? Date.now();
    const from = new Date(dayStart(r.date));
    const to = new Date(from.getTime() + 86_400_000);
    const [{ id }] = (await this.db.query(
      `INSERT INTO scheduling_runs (facility_id, service_date, trigger, requested_by) VALUES ($1, $2, $3, $4) RETURNING id::text`,
      [r.facilityId ?? null, r.date, r.trigger, r.requestedBy],
    )) as { id: string }[];
    const facilities = r.facilityId ? [r.facilityId] : await repo.facilitiesWithOpenOrders(this.db.manager, from, to);
    const total: FacilityOutcome = { orders: 0, caregivers: 0, assigned: 0, unassigned: [], travelMinutes: 0, withPreference: 0, continuityMisses: 0 };
    const failures: string[] = [];
    for (const facilityId of facilities) {
      const window: DayWindow = { facilityId, dayStart: from, dayEnd: to, frozenUntil: new Date(now + this.config.freezeWindowMinutes * 60_000) };
      try {
        const outcome = await this.db.transaction((m) => this.planFacility(m, id, r.date, window, r.onlyNew, r.requestedBy));
        for (const k of ['orders', 'caregivers', 'assigned', 'travelMinutes', 'withPreference', 'continuityMisses'] as const) total[k] += outcome[k];
        total.unassigned.push(...outcome.unassigned);
      } catch (error) {
        failures.push(facilityId);
        this.log.error({ err: error, facilityId, date: r.date }, 'scheduling run failed for a facility; its assignments are unchanged');
      }
    }
    const continuityRate = total.withPreference > 0 ? (total.withPreference - total.continuityMisses) / total.withPreference : null;
    const durationMs = Date.now() - begun;
    await this.db.query(
      `UPDATE scheduling_runs SET finished_at = clock_timestamp(), status = $2, orders_considered = $3, caregivers_considered = $4,
              assigned = $5, unassigned = $6, travel_minutes = $7, continuity_rate = $8, duration_ms = $9, error = $10 WHERE id = $1`,
      [id, failures.length ? 'failed' : 'ok', total.orders, total.caregivers, total.assigned, JSON.stringify(total.unassigned),
        Math.round(total.travelMinutes), continuityRate, durationMs, failures.length ? `failed for facilities ${failures.join(', ')}` : null],
    );
    return {
      id, date: r.date, facilities: facilities.length, assigned: total.assigned, unassigned: total.unassigned,
      travelMinutes: Math.round(total.travelMinutes), continuityRate, durationMs, failedFacilities: failures,
    };
  }

  private async planFacility(m: EntityManager, runId: string, date: string, w: DayWindow, onlyNew: boolean, by: string | null): Promise<FacilityOutcome> {
    await lockFacilityDay(m, w.facilityId, date);
    const kept = await repo.keptVisits(m, w, onlyNew);
    const keptIds = kept.map((k) => k.order_id);
    const orders = await repo.orders(m, w, keptIds);
    const replanned = orders.map((o) => o.id);
    const instance: Instance = buildInstance(await repo.caregivers(m, w, replanned), await repo.shifts(m, w), kept, orders, {
      speedKmh: this.config.travelSpeedKmh,
      windowSlackMinutes: this.config.visitWindowSlackMinutes,
      bufferAfterKeptMinutes: this.config.travelAllowanceMinutes,
    });
    instance.returnToBase = await repo.returnToBase(m, w.facilityId);
    const plan: Plan = await solveOffThread(instance, { seed: 1, continuityWorthMinutes: this.config.assignContinuityWorthMinutes });
    await this.store(m, runId, w.facilityId, orders.map((o) => ({ id: o.id })), plan, by);
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
  private async store(m: EntityManager, runId: string, facilityId: string, orders: { id: string }[], plan: Plan, by: string | null): Promise<void> {
    const ids = orders.map((o) => o.id);
    const before = (await m.query(`SELECT id, status FROM orders WHERE id = ANY($1::uuid[])`, [ids])) as { id: string; status: OrderStatus }[];
    await m.query(`DELETE FROM assignments WHERE order_id = ANY($1::uuid[])`, [ids]);
    await m.query(`DELETE FROM unassigned_orders WHERE order_id = ANY($1::uuid[])`, [ids]);
    for (const a of plan.assignments) {
      await m.query(
        `INSERT INTO assignments (order_id, caregiver_id, facility_id, planned_start, planned_end, explanation, explanation_zh, source, run_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'engine', $8, $9)`,
        [a.orderId, a.caregiverId, facilityId, a.start, a.end, a.explanation ?? '', a.explanationZh ?? null, runId, by],
      );
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
      await m.query(`INSERT INTO unassigned_orders (order_id, facility_id, reason, reason_zh, run_id) VALUES ($1, $2, $3, $4, $5)`, [
        u.orderId,
        facilityId,
        u.reason,
        u.reasonZh ?? null,
        runId,
      ]);
    }
  }
}
