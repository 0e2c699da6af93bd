import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** The capacity job's names in job_runs (and, for the city-wide run, in job_ticks). */
export const CITY_RUN_JOB = 'capacity.all';
export const FACILITY_RUN_JOB = 'capacity.facility';

export interface LastCityRunRow {
  id: string;
  /** Finished less than the given number of seconds ago. */
  recent: boolean;
}

/** The record of capacity runs in job_runs: what readiness and the run-once claim of the city-wide run read. */
@Injectable()
export class CapacityRunsRepository {
  constructor(private readonly db: DataSource) {}

  /** The city-wide run that finished last, if any, and whether it finished within `recentSeconds`. */
  async lastCityRun(recentSeconds: number): Promise<LastCityRunRow | undefined> {
    const rows = await this.db.query<LastCityRunRow[]>(
      `SELECT id::text AS id, finished_at > now() - make_interval(secs => $2) AS recent
         FROM job_runs WHERE job = $1 ORDER BY finished_at DESC, id DESC LIMIT 1`,
      [CITY_RUN_JOB, recentSeconds],
    );
    return rows[0];
  }

  /** Records one facility's run, in the run's transaction. */
  async recordFacilityRun(m: EntityManager, facilityId: string, startedAt: Date, result: object): Promise<void> {
    await m.query('INSERT INTO job_runs (job, scope, started_at, finished_at, result) VALUES ($1, $2, $3, clock_timestamp(), $4)', [
      FACILITY_RUN_JOB,
      facilityId,
      startedAt,
      JSON.stringify(result),
    ]);
  }
}
