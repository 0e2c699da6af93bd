import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A job tick is claimed with a lease the running instance renews; a later tick may take over a
 * claim whose lease ran out without it finishing (the instance crashed mid-run), so a crash no
 * longer skips that night (issue 14). Unfinished claims from before get a lease of an hour from their claim.
 */
export class JobLease1764374400801 implements MigrationInterface {
  name = 'JobLease1764374400801';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE job_ticks ADD COLUMN lease_until timestamptz');
    await q.query(`UPDATE job_ticks SET lease_until = claimed_at + interval '1 hour'`);
    await q.query('ALTER TABLE job_ticks ALTER COLUMN lease_until SET NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE job_ticks DROP COLUMN lease_until');
  }
}
