import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each instance keeps the active subsidy policy in memory (src/orders/allowance.ts). Any change to
 * `subsidy_policies`, made by hand in SQL or by a later route, is sent on channel `policy_changed`
 * when it commits, so every listening instance reads the policy again before its next price.
 */
export class PolicyNotify1764374401100 implements MigrationInterface {
  name = 'PolicyNotify1764374401100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_policy_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('policy_changed', '*');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER subsidy_policies_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON subsidy_policies
      FOR EACH STATEMENT EXECUTE FUNCTION notify_policy_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER subsidy_policies_changed ON subsidy_policies');
    await q.query('DROP FUNCTION notify_policy_changed()');
  }
}
