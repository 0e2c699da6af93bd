import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { resumeCrashedTicks, runScheduledTick } from '../common/jobs/job-ticks.js';
import { LOGGER } from '../core.module.js';
import { OrderLifecycle } from '../orders/order-lifecycle.js';
import { LeaveHooks } from '../rosters/leave-hooks.js';
import { addDays, shanghaiDate } from '../common/shanghai-time.js';
import { AssignmentsRepository } from './assignments.repository.js';
import { SchedulingService } from './scheduling.service.js';

/**
 * The rolling job places new orders of today and tomorrow every five minutes without moving
 * visits already planned; the nightly job re-optimises tomorrow. Each tick runs once across
 * instances (a claimed row per tick), and each facility's day is written under its own lock.
 */
@Injectable()
export class SchedulingJob implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly scheduling: SchedulingService,
    private readonly assignments: AssignmentsRepository,
    private readonly leaveHooks: LeaveHooks,
    private readonly lifecycle: OrderLifecycle,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onModuleInit(): void {
    // A caregiver's leave releases their assignments in the period; the orders stay confirmed
    // and go back to assignment at the next run.
    this.leaveHooks.register(async ({ manager, actor, caregiverId, start, end }) => {
      const ids = await this.assignments.releaseForLeave(manager, caregiverId, new Date(start), new Date(end));
      for (const id of ids) {
        await this.lifecycle.transition(manager, { id, status: 'assigned' }, 'confirmed', {
          by: actor.userId,
          reason: 'caregiver on leave: back to assignment',
        });
      }
    });
  }

  @Cron('*/5 * * * *', { name: 'scheduling.rolling' })
  async rolling(now = Date.now()): Promise<void> {
    const tick = new Date(Math.floor(now / 300_000) * 300_000).toISOString();
    await this.safely('scheduling.rolling', tick, async () => {
      const today = shanghaiDate(now);
      const results = [];
      for (const date of [today, addDays(today, 1)]) {
        results.push(await this.scheduling.run({ date, trigger: 'rolling', requestedBy: null, onlyNew: true, now }));
      }
      return results.map((r) => ({ date: r.date, assigned: r.assigned, unassigned: r.unassigned.length }));
    });
  }

  @Cron('0 22 * * *', { name: 'scheduling.nightly', timeZone: 'Asia/Shanghai' })
  async nightly(now = Date.now()): Promise<void> {
    const tomorrow = addDays(shanghaiDate(now), 1);
    await this.safely('scheduling.nightly', tomorrow, this.plan(tomorrow, now));
  }

  /** A nightly plan whose instance died is made again once its lease is out. */
  @Cron('*/10 * * * *', { name: 'scheduling.nightly.resume' })
  async resume(): Promise<void> {
    await resumeCrashedTicks(this.db, this.log, 'scheduling.nightly', (date) => this.plan(date, Date.now()));
  }

  private plan(date: string, now: number) {
    return async () => {
      const r = await this.scheduling.run({ date, trigger: 'nightly', requestedBy: null, onlyNew: false, now });
      return { date: r.date, assigned: r.assigned, unassigned: r.unassigned.length };
    };
  }

  private async safely(job: string, tick: string, work: () => Promise<unknown>): Promise<void> {
    await runScheduledTick(this.db, this.log, job, tick, work, { done: 'scheduling job done', failed: 'scheduling job failed' });
  }
}
