import type { DataSource } from 'typeorm';

/**
 * Scheduled jobs run on every instance of the service; each tick of a job is claimed by one row
 * in job_ticks, so the work of a tick is done once however many instances are up, and done again
 * by nobody once it succeeded. A tick that failed is released so another instance may retry it.
 */
export async function runTickOnce<T>(db: DataSource, job: string, tick: string, work: () => Promise<T>): Promise<{ ran: boolean; result?: T }> {
  const claimed = (await db.query(`INSERT INTO job_ticks (job, tick) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING job`, [job, tick])) as unknown[];
  if (claimed.length === 0) return { ran: false };
  const started = new Date();
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
  }
}
