import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { LOGGER } from '../core.module.js';
import { refreshRollups, type RefreshResult } from './rollup-refresh.js';
import { RollupsRepository } from './rollups.repository.js';

/** The rollups as the reports read them: brought up to date with every committed write first. */
@Injectable()
export class RollupsService {
  constructor(
    private readonly db: DataSource,
    private readonly rollups: RollupsRepository,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /** Recomputes what writes have marked since the last refresh; nothing when nothing is marked. */
  async ensureFresh(): Promise<RefreshResult> {
    if (!(await this.rollups.hasPending())) return { days: 0, residentMonths: 0 };
    const result = await refreshRollups(this.db, this.rollups);
    this.log.debug({ rollups: result }, 'report rollups refreshed');
    return result;
  }
}
