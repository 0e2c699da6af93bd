import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AccountsRepository } from '../users/accounts.repository.js';

/** What a refresh token was issued for. */
export interface RefreshGrant {
  userId: string;
  sessionId: string;
  tokenVersion: number;
}

export type RefreshOutcome =
  { kind: 'rotated'; grant: RefreshGrant; token: string } | { kind: 'unknown' } | { kind: 'reused'; grant: RefreshGrant };

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
  /** `m`: the manager the tokens are read and written through (a transaction's, to end them with an account change). */
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly m: EntityManager,
    private readonly ttlDays: number,
  ) {}

  /** A new session's first token; the account's expired ones go (used ones stay until they expire, for reuse detection). */
  async issue(userId: string, tokenVersion: number): Promise<{ token: string; sessionId: string }> {
    await this.accounts.dropExpiredTokens(this.m, userId);
    const sessionId = randomUUID();
    return { token: await this.insert({ userId, sessionId, tokenVersion }), sessionId };
  }

  private async insert(grant: RefreshGrant): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.accounts.insertToken(this.m, grant, digest(token), this.ttlDays);
    return token;
  }

  /**
   * Uses a token: when it is live and the account's version still matches, marks it used and
   * issues the session's next one. Two requests racing with one token: one rotates, the other
   * finds it used and ends the session (the safe reading: one of them is a copy).
   */
  async rotate(token: string): Promise<RefreshOutcome> {
    const row = await this.accounts.useToken(this.m, digest(token));
    if (row) {
      const grant = { userId: row.user_id, sessionId: row.session_id, tokenVersion: row.token_version };
      return { kind: 'rotated', grant, token: await this.insert(grant) };
    }
    const seen = await this.accounts.tokenByHash(this.m, digest(token));
    if (seen?.used_at) {
      await this.endSession(seen.session_id);
      return { kind: 'reused', grant: { userId: seen.user_id, sessionId: seen.session_id, tokenVersion: seen.token_version } };
    }
    return { kind: 'unknown' };
  }

  /** The session of a token (logout with the token in hand). */
  sessionOf(token: string): Promise<string | undefined> {
    return this.accounts.sessionOfToken(this.m, digest(token));
  }

  endSession(sessionId: string): Promise<void> {
    return this.accounts.deleteSession(this.m, sessionId);
  }

  endAll(userId: string): Promise<void> {
    return this.accounts.deleteTokensOf(this.m, userId);
  }
}
