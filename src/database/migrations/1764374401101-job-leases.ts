import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A job tick is claimed with a lease that its instance renews while it works. An instance that
 * dies mid-run leaves an unfinished tick whose lease runs out; a later tick of the same job takes
 * it over (src/common/jobs/job-ticks.ts), so a crash no longer skips that night's work.
 */
export class JobLeases1764374401101 implements MigrationInterface {
  name = 'JobLeases1764374401101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE job_ticks
      ADD COLUMN lease_until timestamptz,
      ADD COLUMN owner text,
      ADD COLUMN attempts integer NOT NULL DEFAULT 1 CHECK (attempts >= 1)`);
    await q.query(`UPDATE job_ticks SET lease_until = claimed_at + interval '10 minutes'`);
    await q.query(`ALTER TABLE job_ticks ALTER COLUMN lease_until SET NOT NULL`);
    await q.query(`CREATE INDEX job_ticks_unfinished ON job_ticks (job, lease_until) WHERE finished_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX job_ticks_unfinished');
    await q.query('ALTER TABLE job_ticks DROP COLUMN attempts, DROP COLUMN owner, DROP COLUMN lease_until');
  }
}
