import type { DataSource } from 'typeorm';
import { RollupsRepository } from './rollups.repository.js';

export interface RefreshResult {
  days: number;
  residentMonths: number;
}

/**
 * Recomputes, from the raw tables, every (facility, day) and (resident, month) pair a write has
 * marked, in one transaction: the markers are taken (deleted) and the rollups rewritten together,
 * so a failure leaves both as they were. A write that commits while this runs leaves its own
 * marker behind (it was not visible to the DELETE), and the next refresh picks it up. Refreshes
 * queue on a transaction-scoped advisory lock (no run record: the jobs' run-once claims are
 * job_ticks, src/common/jobs/job-ticks.ts).
 */
export async function refreshRollups(db: DataSource, rollups = new RollupsRepository(db)): Promise<RefreshResult> {
  return db.transaction(async (m) => {
    await rollups.lockRefresh(m);
    const { days, months } = await rollups.takeMarkers(m);
    if (days > 0) await rollups.refreshDays(m, days);
    if (months > 0) await rollups.refreshResidentMonths(m);
    return { days, residentMonths: months };
  });
}
