import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returned } from '../../database/returned.js';

export interface JobTickRow {
  job: string;
}

export interface TickRow {
  tick: string;
}

/**
 * The run-once claims of scheduled jobs (`job_ticks`, one row per tick of a job) and the record of
 * finished runs (`job_runs`). A claim is a lease held by one owner until it finishes, fails or
 * runs out. Statements run on the pool, each on its own: a claim must be visible to every
 * instance at once.
 */
@Injectable()
export class JobTicksRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Claims a tick for `owner`: a new tick, or one whose claim was never finished and whose lease
   * has run out (its instance died). A finished tick, or one under a live lease, is not claimed.
   */
  async claim(job: string, tick: string, leaseSeconds: number, owner: string): Promise<boolean> {
    const claimed = await this.db.query<JobTickRow[]>(
      `INSERT INTO job_ticks (job, tick, lease_until, owner) VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3), $4)
     ON CONFLICT (job, tick) DO UPDATE SET claimed_at = clock_timestamp(), lease_until = EXCLUDED.lease_until, owner = EXCLUDED.owner,
            attempts = job_ticks.attempts + 1
      WHERE job_ticks.finished_at IS NULL AND job_ticks.lease_until < clock_timestamp()
     RETURNING job`,
      [job, tick, leaseSeconds, owner],
    );
    return claimed.length > 0;
  }

  /** Moves the lease on, while `owner` still holds the claim. */
  async renew(job: string, tick: string, leaseSeconds: number, owner: string): Promise<void> {
    await this.db.query(
      `UPDATE job_ticks SET lease_until = clock_timestamp() + make_interval(secs => $3) WHERE job = $1 AND tick = $2 AND owner = $4`,
      [job, tick, leaseSeconds, owner],
    );
  }

  /** Marks the tick done with its result; false when `owner` lost the claim to a take-over meanwhile. */
  async finish(job: string, tick: string, resultJson: string, owner: string): Promise<boolean> {
    const finished = await this.db.query<unknown>(
      `UPDATE job_ticks SET finished_at = clock_timestamp(), result = $3 WHERE job = $1 AND tick = $2 AND owner = $4 RETURNING job`,
      [job, tick, resultJson, owner],
    );
    return returned<JobTickRow>(finished).length > 0;
  }

  async recordRun(job: string, scope: string, startedAt: Date, resultJson: string): Promise<void> {
    await this.db.query(`INSERT INTO job_runs (job, scope, started_at, finished_at, result) VALUES ($1, $2, $3, clock_timestamp(), $4)`, [
      job,
      scope,
      startedAt,
      resultJson,
    ]);
  }

  /** Gives a failed tick back at once, so the next attempt need not wait for the lease. */
  async release(job: string, tick: string, owner: string): Promise<void> {
    await this.db.query(`DELETE FROM job_ticks WHERE job = $1 AND tick = $2 AND owner = $3`, [job, tick, owner]);
  }

  /** The ticks of `job` claimed, never finished, and whose lease has run out, oldest first. */
  async expiredTicks(job: string): Promise<string[]> {
    const expired = await this.db.query<TickRow[]>(
      `SELECT tick FROM job_ticks WHERE job = $1 AND finished_at IS NULL AND lease_until < clock_timestamp() ORDER BY tick`,
      [job],
    );
    return expired.map((r) => r.tick);
  }

  /** Forgets the claims and run records of `jobs` older than `before`: frequent jobs keep a few days' history, not all of it. */
  async forgetOlderThan(jobs: string[], before: Date): Promise<void> {
    await this.db.query(`DELETE FROM job_ticks WHERE job = ANY($1::text[]) AND claimed_at < $2`, [jobs, before]);
    await this.db.query(`DELETE FROM job_runs WHERE job = ANY($1::text[]) AND finished_at < $2`, [jobs, before]);
  }
}
