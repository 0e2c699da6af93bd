import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { LOGGER } from '../core.module.js';
import { refreshRollups, type RefreshResult } from './rollup-refresh.js';

/** The rollups as the reports read them: brought up to date with every committed write first. */
@Injectable()
export class RollupsService {
  constructor(
    private readonly db: DataSource,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /** Recomputes what writes have marked since the last refresh; nothing when nothing is marked. */
  async ensureFresh(): Promise<RefreshResult> {
    const [{ pending }] = (await this.db.query(
      'SELECT EXISTS (SELECT 1 FROM report_dirty_days) OR EXISTS (SELECT 1 FROM report_dirty_resident_months) AS pending',
    )) as { pending: boolean }[];
    if (!pending) return { days: 0, residentMonths: 0 };
    const result = await refreshRollups(this.db);
    this.log.debug({ rollups: result }, 'report rollups refreshed');
    return result;
  }
}
