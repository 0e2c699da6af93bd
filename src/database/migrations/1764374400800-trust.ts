import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts that can be trusted (issue 14):
 * - `users.token_version`, carried in every token and checked against the account: a new password,
 *   a disabled account, a changed role or links, or POST /auth/logout-everywhere raise it (a trigger,
 *   so no code path can forget), and every earlier access and refresh token stops working. The
 *   account_changed announcement now also fires on it, so every instance's account cache forgets.
 * - Usernames may not look like a mobile number, so sign-in by number reaches one account only.
 *   Existing ones are renamed `u<number>` (the number becomes the phone when that is free).
 * - Refresh tokens (rotated; a reused one ends its session) and failed sign-ins counted per account.
 */
export class Trust1764374400800 implements MigrationInterface {
  name = 'Trust1764374400800';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0');
    await q.query(`
      CREATE FUNCTION users_bump_token_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (OLD.password_hash, OLD.role, OLD.facility_id, OLD.resident_id, OLD.caregiver_id)
             IS DISTINCT FROM (NEW.password_hash, NEW.role, NEW.facility_id, NEW.resident_id, NEW.caregiver_id)
           OR (NEW.disabled AND NOT OLD.disabled) THEN
          NEW.token_version := OLD.token_version + 1;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query('CREATE TRIGGER users_token_version BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_bump_token_version()');
    await q.query('DROP TRIGGER users_account_updated ON users');
    await q.query(`CREATE TRIGGER users_account_updated AFTER UPDATE ON users FOR EACH ROW
      WHEN ((OLD.role, OLD.display_name, OLD.facility_id, OLD.resident_id, OLD.caregiver_id, OLD.disabled, OLD.token_version)
        IS DISTINCT FROM (NEW.role, NEW.display_name, NEW.facility_id, NEW.resident_id, NEW.caregiver_id, NEW.disabled, NEW.token_version))
      EXECUTE FUNCTION notify_account_changed()`);

    // Existing usernames that look like a mobile number: the number moves to phone when no account has it.
    await q.query(`
      UPDATE users u SET phone = u.username
       WHERE u.username ~ '^(86)?1[0-9]{10}$' AND u.phone IS NULL AND u.username ~ '^1[0-9]{10}$'
         AND NOT EXISTS (SELECT 1 FROM users o WHERE o.phone = u.username)`);
    await q.query(`UPDATE users SET username = 'u' || username WHERE username ~ '^(86)?1[0-9]{10}$'`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_username_not_mobile CHECK (username !~ '^(86)?1[0-9]{10}$')`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        session_id uuid NOT NULL,
        token_hash text NOT NULL,
        token_version integer NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT refresh_tokens_hash_unique UNIQUE (token_hash)
      )`);
    await q.query('CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id)');
    await q.query('CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id)');
    await q.query('CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE refresh_tokens');
    await q.query('ALTER TABLE users DROP CONSTRAINT users_username_not_mobile');
    await q.query('DROP TRIGGER users_account_updated ON users');
    await q.query(`CREATE TRIGGER users_account_updated AFTER UPDATE ON users FOR EACH ROW
      WHEN ((OLD.role, OLD.display_name, OLD.facility_id, OLD.resident_id, OLD.caregiver_id, OLD.disabled)
        IS DISTINCT FROM (NEW.role, NEW.display_name, NEW.facility_id, NEW.resident_id, NEW.caregiver_id, NEW.disabled))
      EXECUTE FUNCTION notify_account_changed()`);
    await q.query('DROP TRIGGER users_token_version ON users');
    await q.query('DROP FUNCTION users_bump_token_version()');
    await q.query('ALTER TABLE users DROP COLUMN token_version');
  }
}
