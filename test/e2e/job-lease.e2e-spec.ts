import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runTickOnce } from '../../src/common/jobs/job-ticks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Issue 14, smaller holes: a tick claimed by an instance that crashed mid-run is taken over once its lease runs out. */
describe('job tick leases', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  const claim = (tick: string, leaseSeconds: string) =>
    t.db.query(`INSERT INTO job_ticks (job, tick, lease_until) VALUES ('test.lease', $1, clock_timestamp() + $2::interval)`, [
      tick,
      leaseSeconds,
    ]);

  it('takes over an unfinished tick whose lease ran out, and runs it once', async () => {
    await claim('crashed', '-1 second');
    let runs = 0;
    const first = await runTickOnce(t.db, 'test.lease', 'crashed', async () => ++runs);
    expect(first).toEqual({ ran: true, result: 1 });
    expect(await runTickOnce(t.db, 'test.lease', 'crashed', async () => ++runs)).toEqual({ ran: false });
    const [row] = await t.db.query<{ finished_at: Date | null }[]>(
      `SELECT finished_at FROM job_ticks WHERE job = 'test.lease' AND tick = 'crashed'`,
    );
    expect(row.finished_at).not.toBeNull();
  });

  it('leaves a tick alone while its lease holds (another instance is running it)', async () => {
    await claim('running', '5 minutes');
    expect(await runTickOnce(t.db, 'test.lease', 'running', async () => 1)).toEqual({ ran: false });
  });

  it('lets only one of two instances take over the same expired tick', async () => {
    await claim('raced', '-1 second');
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return runs;
    };
    const outcomes = await Promise.all([runTickOnce(t.db, 'test.lease', 'raced', work), runTickOnce(t.db, 'test.lease', 'raced', work)]);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(runs).toBe(1);
  });
});
