import { Inject, Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { runTickOnce } from '../common/jobs/job-ticks.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LOGGER } from '../core.module.js';
import { canMove } from '../orders/order-status.js';
import { OrderLifecycle } from '../orders/order-lifecycle.js';
import { toShanghaiIso } from '../common/shanghai-time.js';
import { Outbox } from './outbox.js';
import { VisitsRepository, type VisitOrder } from './visits.repository.js';

const BATCH = 200;

export interface WatchResult {
  late: number;
  missed: number;
  released: number;
}

/**
 * No missed visit goes unnoticed. Every minute, once across instances (one job_ticks row per
 * minute): an assigned visit with no check-in LATE_AFTER_MINUTES after its planned start is
 * marked late and the facility's staff are alerted; after MISSED_AFTER_MINUTES it is missed, the
 * senior and their family are alerted, the assignment is released, and if the slot has not ended
 * the order goes back to confirmed for the next assignment run. Each order is handled under its
 * row lock with conditional updates, so a second run (or instance) changes nothing.
 */
@Injectable()
export class VisitsWatchJob {
  constructor(
    private readonly db: DataSource,
    private readonly visits: VisitsRepository,
    private readonly outbox: Outbox,
    private readonly lifecycle: OrderLifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  @Cron(CronExpression.EVERY_MINUTE, { name: 'visits.watch' })
  async everyMinute(): Promise<void> {
    if (!this.config.visitJobs) return;
    try {
      await this.tick(new Date());
    } catch (error) {
      this.log.error({ err: error, job: 'visits.watch' }, 'visit watch failed');
    }
  }

  /** The tick of this minute, claimed by one instance only. */
  async tick(now: Date): Promise<{ ran: boolean; result?: WatchResult }> {
    const minute = toShanghaiIso(Math.floor(now.getTime() / 60_000) * 60_000);
    const outcome = await runTickOnce(this.db, 'visits.watch', minute, () => this.run(now));
    if (outcome.ran && outcome.result && outcome.result.late + outcome.result.missed > 0)
      this.log.info({ job: 'visits.watch', ...outcome.result }, 'visits watched');
    return outcome;
  }

  async run(now: Date): Promise<WatchResult> {
    const result: WatchResult = { late: 0, missed: 0, released: 0 };
    const missedBefore = new Date(now.getTime() - this.config.missedAfterMinutes * 60_000);
    const lateBefore = new Date(now.getTime() - this.config.lateAfterMinutes * 60_000);
    for (const orderId of await this.visits.watchCandidates(missedBefore, false, BATCH)) {
      const outcome = await this.db.transaction((m) => this.markMissed(m, orderId, now, missedBefore));
      if (outcome) {
        result.missed += 1;
        if (outcome === 'released') result.released += 1;
      }
    }
    for (const orderId of await this.visits.watchCandidates(lateBefore, true, BATCH)) {
      if (await this.db.transaction((m) => this.markLate(m, orderId, now, lateBefore))) result.late += 1;
    }
    return result;
  }

  private async markLate(m: EntityManager, orderId: string, now: Date, lateBefore: Date): Promise<boolean> {
    const o = await this.visits.lockOrder(m, orderId);
    if (!o || o.status !== 'assigned' || !o.planned_start || !o.assigned_caregiver_id || o.planned_start > lateBefore) return false;
    const marked = await this.visits.markLate(
      m,
      { orderId: o.id, caregiverId: o.assigned_caregiver_id, plannedStart: o.planned_start },
      now,
    );
    if (!marked) return false;
    await this.outbox.notify(
      m,
      { facilityStaffOf: o.facility_id },
      {
        kind: 'visit.late',
        eventKey: `order:${o.id}:late:${o.planned_start.getTime()}`,
        at: now,
        payload: this.payload(
          o,
          `护理员在计划开始 ${this.config.lateAfterMinutes} 分钟后仍未签到 (no check-in ${this.config.lateAfterMinutes} minutes after the planned start)`,
        ),
      },
    );
    return true;
  }

  private async markMissed(m: EntityManager, orderId: string, now: Date, missedBefore: Date): Promise<false | 'missed' | 'released'> {
    const o = await this.visits.lockOrder(m, orderId);
    if (!o || o.status !== 'assigned' || !o.planned_start || !o.assigned_caregiver_id || o.planned_start > missedBefore) return false;
    if (!canMove(o.status, 'missed')) return false;
    const reason = `no check-in ${this.config.missedAfterMinutes} minutes after the planned start ${toShanghaiIso(o.planned_start.getTime())}`;
    await this.lifecycle.transition(m, o, 'missed', { by: null, reason });
    await this.visits.markMissed(m, { orderId: o.id, caregiverId: o.assigned_caregiver_id, plannedStart: o.planned_start }, now);
    const payload = this.payload(o, `护理员未按时上门，中心正在重新安排 (the caregiver did not come; the centre is rearranging the visit)`);
    const eventKey = `order:${o.id}:missed:${o.planned_start.getTime()}`;
    await this.outbox.notify(
      m,
      { seniorOf: o.resident_id, familyOf: o.resident_id, facilityStaffOf: o.facility_id },
      { kind: 'visit.missed', eventKey, at: now, payload },
    );
    if (o.slot_end.getTime() > now.getTime() && canMove('missed', 'confirmed')) {
      await this.lifecycle.transition(m, { id: o.id, status: 'missed' }, 'confirmed', {
        by: null,
        reason: 'released for reassignment: the slot has not ended',
      });
      return 'released';
    }
    return 'missed';
  }

  private payload(o: VisitOrder, message: string): Record<string, unknown> {
    return {
      orderId: o.id,
      residentId: o.resident_id,
      residentName: o.resident_name,
      serviceCode: o.service_code,
      plannedStart: toShanghaiIso((o.planned_start ?? o.slot_start).getTime()),
      caregiverId: o.assigned_caregiver_id,
      message,
    };
  }
}
