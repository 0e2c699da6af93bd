import { Inject, Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service.js';
import { resumeCrashedTicks, runScheduledTick } from '../common/jobs/job-ticks.js';
import { LOGGER } from '../core.module.js';
import { shanghaiDate } from '../common/shanghai-time.js';
import { IdempotencyService } from './idempotency.service.js';
import { SeriesService } from './series.service.js';

/** Idempotency keys are kept at least 24 hours; the nightly purge takes those past 48. */
const KEEP_KEYS_HOURS = 48;

/** Nightly: recurring orders are booked as the horizon moves on, and old idempotency keys go. */
@Injectable()
export class OrdersJob {
  constructor(
    private readonly db: DataSource,
    private readonly series: SeriesService,
    private readonly idempotency: IdempotencyService,
    private readonly auth: AuthService,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  @Cron('10 1 * * *', { name: 'orders.nightly', timeZone: 'Asia/Shanghai' })
  async nightly(): Promise<void> {
    await runScheduledTick(this.db, this.log, 'orders.nightly', shanghaiDate(Date.now()), () => this.run(), {
      done: 'nightly orders job done',
      failed: 'nightly orders job failed',
    });
  }

  /** A nightly run whose instance died is run again once its lease is out. */
  @Cron('*/10 * * * *', { name: 'orders.nightly.resume' })
  async resume(): Promise<void> {
    await resumeCrashedTicks(this.db, this.log, 'orders.nightly', () => () => this.run());
  }

  async run(): Promise<{ seriesExtended: number; occurrencesBooked: number; keysPurged: number }> {
    let occurrencesBooked = 0;
    const lagging = await this.series.lagging();
    for (const s of lagging) {
      // Occurrences are booked on behalf of whoever created the series, with their rights now.
      const actor = await this.auth.actorForUser(s.created_by);
      if (!actor) continue;
      const booked = await this.series.materialise(actor, s);
      occurrencesBooked += booked.filter((o) => o.outcome !== 'failed').length;
    }
    const keysPurged = await this.idempotency.purgeOlderThan(KEEP_KEYS_HOURS);
    return { seriesExtended: lagging.length, occurrencesBooked, keysPurged };
  }
}
