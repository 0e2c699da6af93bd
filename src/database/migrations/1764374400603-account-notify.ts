import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each service instance keeps the accounts behind recent tokens in memory (src/auth/account-cache.ts).
 * A change to what an actor is made of (role, name, links, disabled) or a deleted account is sent
 * on channel `account_changed` with the account's id; a TRUNCATE sends '*'. NOTIFY is delivered
 * when the transaction commits, so every listening instance drops the entry at once.
 */
export class AccountNotify1764374400603 implements MigrationInterface {
  name = 'AccountNotify1764374400603';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('account_changed', CASE WHEN TG_LEVEL = 'STATEMENT' THEN '*' ELSE OLD.id::text END);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER users_account_updated AFTER UPDATE ON users FOR EACH ROW
      WHEN ((OLD.role, OLD.display_name, OLD.facility_id, OLD.resident_id, OLD.caregiver_id, OLD.disabled)
        IS DISTINCT FROM (NEW.role, NEW.display_name, NEW.facility_id, NEW.resident_id, NEW.caregiver_id, NEW.disabled))
      EXECUTE FUNCTION notify_account_changed()`);
    await q.query('CREATE TRIGGER users_account_deleted AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION notify_account_changed()');
    await q.query('CREATE TRIGGER users_truncated AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION notify_account_changed()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER users_truncated ON users');
    await q.query('DROP TRIGGER users_account_deleted ON users');
    await q.query('DROP TRIGGER users_account_updated ON users');
    await q.query('DROP FUNCTION notify_account_changed()');
  }
}
