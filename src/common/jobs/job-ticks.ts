import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { JobTicksRepository } from './job-ticks.repository.js';

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
  const ticks = new JobTicksRepository(db);
  const owner = randomUUID();
  if (!(await ticks.claim(job, tick, leaseMs / 1000, owner))) return { ran: false };
  const renew = setInterval(() => {
    ticks.renew(job, tick, leaseMs / 1000, owner).catch(() => undefined);
  }, leaseMs / 3);
  renew.unref();
  const started = new Date();
  try {
    const result = await work();
    // A run that lost its lease to a take-over leaves the record to the instance that took it.
    if (!(await ticks.finish(job, tick, JSON.stringify(result ?? null), owner))) return { ran: true, result };
    await ticks.recordRun(job, tick, started, JSON.stringify(result ?? null));
    return { ran: true, result };
  } catch (error) {
    await ticks.release(job, tick, owner);
    throw error;
  } finally {
    clearInterval(renew);
  }
}

/**
 * A cron's tick: run once across instances (`runTickOnce`); when it ran, its result is logged as
 * `done` (unless `worthALine` says the result is nothing to tell), and a failure is logged as
 * `failed` and not thrown, since the next tick or the resume cron catches up.
 */
export async function runScheduledTick<T>(
  db: DataSource,
  log: Logger,
  job: string,
  tick: string,
  work: () => Promise<T>,
  lines: { done: string; failed: string },
  worthALine: (result: T) => boolean = () => true,
): Promise<{ ran: boolean; result?: T }> {
  try {
    const outcome = await runTickOnce(db, job, tick, work);
    if (outcome.ran && worthALine(outcome.result as T)) log.info({ job, tick, result: outcome.result }, lines.done);
    return outcome;
  } catch (error) {
    log.error({ err: error, job, tick }, lines.failed);
    return { ran: false };
  }
}

/** Forgets the claims and run records of `jobs` older than `before` (see JobTicksRepository). */
export function forgetOldTicks(db: DataSource, jobs: string[], before: Date): Promise<void> {
  return new JobTicksRepository(db).forgetOlderThan(jobs, before);
}

/**
 * Runs again each tick of `job` that an instance claimed and never finished, once its lease has
 * run out (the instance died mid-run). `workFor` gives the work of a tick.
 */
export async function takeOverExpired<T>(
  db: DataSource,
  job: string,
  workFor: (tick: string) => () => Promise<T>,
): Promise<{ tick: string; result?: T }[]> {
  const done: { tick: string; result?: T }[] = [];
  for (const tick of await new JobTicksRepository(db).expiredTicks(job)) {
    const { ran, result } = await runTickOnce(db, job, tick, workFor(tick));
    if (ran) done.push({ tick, result });
  }
  return done;
}

/** `takeOverExpired` for a job's cron, logging what it ran and any failure instead of throwing. */
export async function resumeCrashedTicks(
  db: DataSource,
  log: Logger,
  job: string,
  workFor: (tick: string) => () => Promise<unknown>,
): Promise<void> {
  try {
    for (const { tick, result } of await takeOverExpired(db, job, workFor))
      log.info({ job, tick, result }, 'took over a tick whose run had stopped');
  } catch (error) {
    log.error({ err: error, job }, 'taking over a stopped tick failed');
  }
}
