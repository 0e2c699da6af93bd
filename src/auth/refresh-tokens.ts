import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** What a refresh token was issued for. */
export interface RefreshGrant {
  userId: string;
  sessionId: string;
  tokenVersion: number;
}

export type RefreshOutcome =
  | { kind: 'rotated'; grant: RefreshGrant; token: string }
  | { kind: 'unknown' }
  | { kind: 'reused'; grant: RefreshGrant };

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * Refresh tokens: 32 random bytes given to the client once, kept here only as a SHA-256 digest.
 * Each is used once: a refresh marks it used and issues the next one of the same session. A token
 * presented again after its use means it was copied: the whole session ends. A token also stops
 * working when the account's token version moves on (new password, disable, logout everywhere).
 */
export class RefreshTokens {
  constructor(
    private readonly db: EntityManager,
    private readonly ttlDays: number,
  ) {}

  /** A new session's first token; the account's expired ones go (used ones stay until they expire, for reuse detection). */
  async issue(userId: string, tokenVersion: number): Promise<{ token: string; sessionId: string }> {
    await this.db.query('DELETE FROM refresh_tokens WHERE user_id = $1 AND expires_at < now()', [userId]);
    const sessionId = randomUUID();
    return { token: await this.insert({ userId, sessionId, tokenVersion }), sessionId };
  }

  private async insert(grant: RefreshGrant): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db.query(
      `INSERT INTO refresh_tokens (user_id, session_id, token_hash, token_version, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))`,
      [grant.userId, grant.sessionId, digest(token), grant.tokenVersion, this.ttlDays],
    );
    return token;
  }

  /**
   * Uses a token: when it is live and the account's version still matches, marks it used and
   * issues the session's next one. Two requests racing with one token: one rotates, the other
   * finds it used and ends the session (the safe reading: one of them is a copy).
   */
  async rotate(token: string): Promise<RefreshOutcome> {
    const used = (await this.db.query(
      `WITH used AS (
         UPDATE refresh_tokens t SET used_at = now()
           FROM users u
          WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()
            AND u.id = t.user_id AND NOT u.disabled AND u.token_version = t.token_version
          RETURNING t.user_id, t.session_id, t.token_version)
       SELECT * FROM used`,
      [digest(token)],
    )) as { user_id: string; session_id: string; token_version: number }[];
    const row = used[0];
    if (row) {
      const grant = { userId: row.user_id, sessionId: row.session_id, tokenVersion: row.token_version };
      return { kind: 'rotated', grant, token: await this.insert(grant) };
    }
    const known = (await this.db.query('SELECT user_id, session_id, token_version, used_at FROM refresh_tokens WHERE token_hash = $1', [digest(token)])) as {
      user_id: string;
      session_id: string;
      token_version: number;
      used_at: Date | null;
    }[];
    const seen = known[0];
    if (seen?.used_at) {
      await this.endSession(seen.session_id);
      return { kind: 'reused', grant: { userId: seen.user_id, sessionId: seen.session_id, tokenVersion: seen.token_version } };
    }
    return { kind: 'unknown' };
  }

  /** The session of a token (logout with the token in hand). */
  async sessionOf(token: string): Promise<string | undefined> {
    const rows = (await this.db.query('SELECT session_id FROM refresh_tokens WHERE token_hash = $1', [digest(token)])) as { session_id: string }[];
    return rows[0]?.session_id;
  }

  async endSession(sessionId: string): Promise<void> {
    await this.db.query('DELETE FROM refresh_tokens WHERE session_id = $1', [sessionId]);
  }

  async endAll(userId: string): Promise<void> {
    await this.db.query('DELETE FROM refresh_tokens WHERE user_id = $1', [userId]);
  }
}
