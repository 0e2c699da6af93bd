import { Inject, Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { forgetOldTicks, resumeCrashedTicks, runScheduledTick } from '../common/jobs/job-ticks.js';
import { LOGGER } from '../core.module.js';
import { shanghaiDate } from '../common/shanghai-time.js';
import { RollupsRepository } from './rollups.repository.js';
import { RollupsService } from './rollups.service.js';

/** Days the nightly run recomputes whatever the markers say: a net for writes that bypassed triggers. */
const NIGHTLY_RECHECK_DAYS = 7;

/**
 * Keeps the report rollups current between reports: each minute one instance (runTickOnce) takes
 * the dirty markers, and each night the last week is recomputed in full. Reports also refresh
 * what is pending before they read, so a figure never lags a committed write.
 */
@Injectable()
export class ReportsJob {
  constructor(
    private readonly db: DataSource,
    private readonly rollups: RollupsService,
    private readonly rollupTables: RollupsRepository,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  @Cron('30 * * * * *', { name: 'reports.rollups' })
  async everyMinute(): Promise<void> {
    const tick = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    const work = async () => {
      const result = await this.rollups.ensureFresh();
      await forgetOldTicks(this.db, ['reports.rollups'], new Date(Date.now() - 86_400_000));
      return result;
    };
    await runScheduledTick(
      this.db,
      this.log,
      'reports.rollups',
      tick,
      work,
      { done: 'report rollups refreshed', failed: 'report rollup refresh failed' },
      () => false,
    );
  }

  @Cron('40 3 * * *', { name: 'reports.nightly', timeZone: 'Asia/Shanghai' })
  async nightly(): Promise<void> {
    await runScheduledTick(
      this.db,
      this.log,
      'reports.nightly',
      shanghaiDate(Date.now()),
      () => this.recheck(),
      { done: 'nightly report recheck done', failed: 'nightly report recheck failed' },
      () => false,
    );
  }

  /** A nightly recheck whose instance died is run again once its lease is out. */
  @Cron('*/10 * * * *', { name: 'reports.nightly.resume' })
  async resume(): Promise<void> {
    await resumeCrashedTicks(this.db, this.log, 'reports.nightly', () => () => this.recheck());
  }

  private async recheck() {
    await this.rollupTables.markRecentDays(NIGHTLY_RECHECK_DAYS);
    return this.rollups.ensureFresh();
  }
}
