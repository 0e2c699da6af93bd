import type { DataSource } from 'typeorm';

/** How long a claim holds without renewal; the running instance renews it every third of that. */
export const JOB_LEASE_SECONDS = 300;

/**
 * Scheduled jobs run on every instance of the service; each tick of a job is claimed by one row
 * in job_ticks, so the work of a tick is done once however many instances are up, and done again
 * by nobody once it succeeded. A tick that failed is released so another instance may retry it.
 * The claim is a lease the running instance renews: if it dies mid-run, the lease runs out and a
 * later tick of another instance (or of itself, restarted) takes the unfinished tick over.
 */
export async function runTickOnce<T>(
  db: DataSource,
  job: string,
  tick: string,
  work: () => Promise<T>,
  leaseSeconds = JOB_LEASE_SECONDS,
): Promise<{ ran: boolean; result?: T }> {
  const claimed = (await db.query(
    `INSERT INTO job_ticks (job, tick, lease_until) VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3))
     ON CONFLICT (job, tick) DO UPDATE SET claimed_at = clock_timestamp(), lease_until = EXCLUDED.lease_until
       WHERE job_ticks.finished_at IS NULL AND job_ticks.lease_until < clock_timestamp()
     RETURNING job`,
    [job, tick, leaseSeconds],
  )) as unknown[];
  if (claimed.length === 0) return { ran: false };
  const started = new Date();
  const renew = setInterval(() => {
    void db
      .query(`UPDATE job_ticks SET lease_until = clock_timestamp() + make_interval(secs => $3) WHERE job = $1 AND tick = $2 AND finished_at IS NULL`, [job, tick, leaseSeconds])
      .catch(() => undefined);
  }, (leaseSeconds * 1000) / 3);
  renew.unref();
  try {
    const result = await work();
    await db.query(`UPDATE job_ticks SET finished_at = clock_timestamp(), result = $3 WHERE job = $1 AND tick = $2`, [job, tick, JSON.stringify(result ?? null)]);
    await db.query(`INSERT INTO job_runs (job, scope, started_at, finished_at, result) VALUES ($1, $2, $3, clock_timestamp(), $4)`, [
      job,
      tick,
      started,
      JSON.stringify(result ?? null),
    ]);
    return { ran: true, result };
  } catch (error) {
    await db.query(`DELETE FROM job_ticks WHERE job = $1 AND tick = $2`, [job, tick]);
    throw error;
  } finally {
    clearInterval(renew);
  }
}
