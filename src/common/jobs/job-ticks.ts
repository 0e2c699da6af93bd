import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { returned } from '../../database/returned.js';

/** How long a claim holds without renewal; the running instance renews it every third of that. */
export const LEASE_MS = 10 * 60_000;

/**
 * Scheduled jobs run on every instance of the service; each tick of a job is claimed by one row
 * in job_ticks, so the work of a tick is done once however many instances are up, and done again
 * by nobody once it succeeded. The claim is a lease the working instance renews: a tick that
 * failed is released at once, and one whose instance died is free again when its lease runs out
 * (`takeOverExpired` runs it then).
 */
export async function runTickOnce<T>(
  db: DataSource,
  job: string,
  tick: string,
  work: () => Promise<T>,
  leaseMs = LEASE_MS,
): Promise<{ ran: boolean; result?: T }> {
  const owner = randomUUID();
  const claimed = (await db.query(
    `INSERT INTO job_ticks (job, tick, lease_until, owner) VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3), $4)
     ON CONFLICT (job, tick) DO UPDATE SET claimed_at = clock_timestamp(), lease_until = EXCLUDED.lease_until, owner = EXCLUDED.owner,
            attempts = job_ticks.attempts + 1
      WHERE job_ticks.finished_at IS NULL AND job_ticks.lease_until < clock_timestamp()
     RETURNING job`,
    [job, tick, leaseMs / 1000, owner],
  )) as unknown[];
  if (claimed.length === 0) return { ran: false };
  const renew = setInterval(() => {
    db.query(`UPDATE job_ticks SET lease_until = clock_timestamp() + make_interval(secs => $3) WHERE job = $1 AND tick = $2 AND owner = $4`, [
      job,
      tick,
      leaseMs / 1000,
      owner,
    ]).catch(() => undefined);
  }, leaseMs / 3);
  renew.unref();
  const started = new Date();
  try {
    const result = await work();
    const finished = (await db.query(
      `UPDATE job_ticks SET finished_at = clock_timestamp(), result = $3 WHERE job = $1 AND tick = $2 AND owner = $4 RETURNING job`,
      [job, tick, JSON.stringify(result ?? null), owner],
    )) as unknown;
    // A run that lost its lease to a take-over leaves the record to the instance that took it.
    if (returned(finished).length === 0) return { ran: true, result };
    await db.query(`INSERT INTO job_runs (job, scope, started_at, finished_at, result) VALUES ($1, $2, $3, clock_timestamp(), $4)`, [
      job,
      tick,
      started,
      JSON.stringify(result ?? null),
    ]);
    return { ran: true, result };
  } catch (error) {
    await db.query(`DELETE FROM job_ticks WHERE job = $1 AND tick = $2 AND owner = $3`, [job, tick, owner]);
    throw error;
  } finally {
    clearInterval(renew);
  }
}

/**
 * Runs again each tick of `job` that an instance claimed and never finished, once its lease has
 * run out (the instance died mid-run). `workFor` gives the work of a tick.
 */
export async function takeOverExpired<T>(db: DataSource, job: string, workFor: (tick: string) => () => Promise<T>): Promise<{ tick: string; result?: T }[]> {
  const expired = (await db.query(
    `SELECT tick FROM job_ticks WHERE job = $1 AND finished_at IS NULL AND lease_until < clock_timestamp() ORDER BY tick`,
    [job],
  )) as { tick: string }[];
  const done: { tick: string; result?: T }[] = [];
  for (const { tick } of expired) {
    const { ran, result } = await runTickOnce(db, job, tick, workFor(tick));
    if (ran) done.push({ tick, result });
  }
  return done;
}

/** `takeOverExpired` for a job's cron, logging what it ran and any failure instead of throwing. */
export async function resumeCrashedTicks(db: DataSource, log: Logger, job: string, workFor: (tick: string) => () => Promise<unknown>): Promise<void> {
  try {
    for (const { tick, result } of await takeOverExpired(db, job, workFor)) log.info({ job, tick, result }, 'took over a tick whose run had stopped');
  } catch (error) {
    log.error({ err: error, job }, 'taking over a stopped tick failed');
  }
}
