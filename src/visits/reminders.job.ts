import { Inject, Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { forgetOldTicks, runScheduledTick } from '../common/jobs/job-ticks.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LOGGER } from '../core.module.js';
import { addDays, dayStart, shanghaiDate, toShanghaiIso } from '../common/shanghai-time.js';
import { Outbox } from './outbox.js';
import { VisitsRepository } from './visits.repository.js';

const KEEP_TICKS_DAYS = 3;

/**
 * The day before a home visit, one reminder to the senior and their family. It runs hourly in the
 * day (Shanghai) so visits booked during the day for tomorrow are reminded too; the dedupe key
 * (order and slot start) keeps it to one reminder each. It also purges this module's old tick rows.
 */
@Injectable()
export class RemindersJob {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly visits: VisitsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  @Cron('0 5 8-20 * * *', { name: 'visits.reminders', timeZone: 'Asia/Shanghai' })
  async hourly(): Promise<void> {
    if (!this.config.visitJobs) return;
    const now = new Date();
    const hour = toShanghaiIso(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
    await runScheduledTick(this.db, this.log, 'visits.reminders', hour, () => this.run(now), {
      done: 'visit reminders sent',
      failed: 'visit reminders failed',
    });
  }

  /** Reminds of tomorrow's home visits; returns how many new notifications were written. */
  async run(now: Date): Promise<number> {
    const tomorrow = addDays(shanghaiDate(now.getTime()), 1);
    const orders = await this.visits.homeVisitsBetween(new Date(dayStart(tomorrow)), new Date(dayStart(addDays(tomorrow, 1))));
    let created = 0;
    for (const o of orders) {
      const start = toShanghaiIso(o.slot_start.getTime());
      created += await this.db.transaction((m) =>
        this.outbox.notify(
          m,
          { seniorOf: o.resident_id, familyOf: o.resident_id },
          {
            kind: 'visit.reminder',
            eventKey: `order:${o.id}:reminder:${o.slot_start.getTime()}`,
            at: now,
            payload: {
              orderId: o.id,
              residentId: o.resident_id,
              residentName: o.resident_name,
              serviceCode: o.service_code,
              plannedStart: start,
              message: `明天 ${start.slice(11, 16)} ${o.name_zh}上门服务 (home visit tomorrow at ${start.slice(11, 16)})`,
            },
          },
        ),
      );
    }
    await forgetOldTicks(this.db, ['visits.watch', 'visits.reminders'], new Date(now.getTime() - KEEP_TICKS_DAYS * 86_400_000));
    return created;
  }
}
