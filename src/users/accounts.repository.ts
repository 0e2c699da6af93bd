import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { FACILITY_USERS } from '../common/access/access.repository.js';
import type { Role } from '../common/auth/roles.js';
import { preparedQuery } from '../database/prepared.js';
import { User } from './user.entity.js';

/** An enabled account's actor columns, as a token is checked against them. */
export interface AccountRow {
  id: string;
  role: Role;
  display_name: string;
  facility_id: string | null;
  resident_id: string | null;
  caregiver_id: string | null;
  token_version: number;
}

/** What a refresh token was issued for, as stored. */
export interface RefreshGrantRow {
  user_id: string;
  session_id: string;
  token_version: number;
}

export interface RefreshTokenRow extends RefreshGrantRow {
  used_at: Date | null;
}

export interface SessionRow {
  session_id: string;
}

export interface FailuresRow {
  failures: number;
}

/**
 * The accounts aggregate: the `users` rows, their refresh tokens (kept only as digests) and the
 * sign-in attempt counters. All of their SQL lives here; the services keep the transactions and
 * the rules (who may change an account, when a token rotates, how many attempts are allowed).
 */
@Injectable()
export class AccountsRepository {
  constructor(private readonly db: DataSource) {}

  // ---- users

  /** The account behind a username or mobile number, with its password hash (sign-in). */
  findForSignIn(name: string): Promise<User | null> {
    return this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :name OR u.phone = :name', { name })
      .getOne();
  }

  /** An enabled account's actor columns; none for a disabled or unknown account. */
  async enabledAccount(userId: string): Promise<AccountRow | undefined> {
    // A prepared statement: this runs on every request the account cache cannot answer.
    const rows = await preparedQuery<AccountRow>(
      this.db,
      undefined,
      'account_for_user',
      `SELECT id, role, display_name, facility_id, resident_id, caregiver_id, token_version FROM users WHERE id = $1::uuid AND NOT disabled`,
      [userId],
    );
    return rows[0];
  }

  /** The account, locked for the rest of the transaction (it must exist). */
  lockForUpdate(m: EntityManager, id: string): Promise<User> {
    return m.getRepository(User).createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id }).getOneOrFail();
  }

  /** Saves a new account (the token version starts at its default). */
  insert(m: EntityManager, fields: Omit<User, 'id' | 'tokenVersion' | 'createdAt' | 'updatedAt'>): Promise<User> {
    return m.save(m.create(User, fields));
  }

  save(m: EntityManager, user: User): Promise<User> {
    return m.save(user);
  }

  /** One page of accounts, oldest first: of one role, and of one facility (its staff, and the people linked to its residents). */
  page(filter: { role?: Role; facilityId?: string }, skip: number, take: number): Promise<[User[], number]> {
    const qb = this.db.getRepository(User).createQueryBuilder('u');
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.facilityId) qb.andWhere(FACILITY_USERS, { facilityId: filter.facilityId });
    return qb.orderBy('u.createdAt', 'ASC').addOrderBy('u.id').skip(skip).take(take).getManyAndCount();
  }

  /** Ends every token of the account at once: tokens issued before carry an older version. */
  async raiseTokenVersion(m: EntityManager, userId: string): Promise<void> {
    await m.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [userId]);
  }

  async facilityExists(m: EntityManager, facilityId: string): Promise<boolean> {
    const found = await m.query<unknown[]>('SELECT 1 FROM facilities WHERE id = $1', [facilityId]);
    return found.length > 0;
  }

  // ---- refresh tokens

  /** Drops the account's expired refresh tokens (used ones stay until they expire, for reuse detection). */
  async dropExpiredTokens(m: EntityManager, userId: string): Promise<void> {
    await m.query('DELETE FROM refresh_tokens WHERE user_id = $1 AND expires_at < now()', [userId]);
  }

  async insertToken(
    m: EntityManager,
    grant: { userId: string; sessionId: string; tokenVersion: number },
    tokenHash: string,
    ttlDays: number,
  ): Promise<void> {
    await m.query(
      `INSERT INTO refresh_tokens (user_id, session_id, token_hash, token_version, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))`,
      [grant.userId, grant.sessionId, tokenHash, grant.tokenVersion, ttlDays],
    );
  }

  /**
   * Marks a token used when it is live, unused, and its account is enabled with the version the
   * token was issued for; answers its grant then, else nothing.
   */
  async useToken(m: EntityManager, tokenHash: string): Promise<RefreshGrantRow | undefined> {
    const used = await m.query<RefreshGrantRow[]>(
      `WITH used AS (
         UPDATE refresh_tokens t SET used_at = now()
           FROM users u
          WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()
            AND u.id = t.user_id AND NOT u.disabled AND u.token_version = t.token_version
          RETURNING t.user_id, t.session_id, t.token_version)
       SELECT * FROM used`,
      [tokenHash],
    );
    return used[0];
  }

  async tokenByHash(m: EntityManager, tokenHash: string): Promise<RefreshTokenRow | undefined> {
    const known = await m.query<RefreshTokenRow[]>(
      'SELECT user_id, session_id, token_version, used_at FROM refresh_tokens WHERE token_hash = $1',
      [tokenHash],
    );
    return known[0];
  }

  async sessionOfToken(m: EntityManager, tokenHash: string): Promise<string | undefined> {
    const rows = await m.query<SessionRow[]>('SELECT session_id FROM refresh_tokens WHERE token_hash = $1', [tokenHash]);
    return rows[0]?.session_id;
  }

  async deleteSession(m: EntityManager, sessionId: string): Promise<void> {
    await m.query('DELETE FROM refresh_tokens WHERE session_id = $1', [sessionId]);
  }

  /** Every refresh token of the account goes (a new password, a disabled account, logout everywhere). */
  async deleteTokensOf(m: EntityManager, userId: string): Promise<void> {
    await m.query('DELETE FROM refresh_tokens WHERE user_id = $1', [userId]);
  }

  // ---- sign-in attempts

  /**
   * Counts one attempt on `key` and returns the count with it, in one statement: a counter whose
   * window has passed starts again at 1.
   */
  async takeAttempt(m: EntityManager, key: string, windowSeconds: number): Promise<number> {
    const rows = await m.query<FailuresRow[]>(
      `INSERT INTO login_failures (key, window_start, failures) VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_failures.window_start > now() - make_interval(secs => $2)
                         THEN login_failures.failures + 1 ELSE 1 END,
         window_start = CASE WHEN login_failures.window_start > now() - make_interval(secs => $2)
                             THEN login_failures.window_start ELSE now() END
       RETURNING failures`,
      [key, windowSeconds],
    );
    return rows[0].failures;
  }

  /** The count on `key` within its window (0 when none). */
  async attemptsWithin(m: EntityManager, key: string, windowSeconds: number): Promise<number> {
    const rows = await m.query<FailuresRow[]>(
      `SELECT failures FROM login_failures WHERE key = $1 AND window_start > now() - make_interval(secs => $2)`,
      [key, windowSeconds],
    );
    return rows[0]?.failures ?? 0;
  }

  async clearAttempts(m: EntityManager, key: string): Promise<void> {
    await m.query('DELETE FROM login_failures WHERE key = $1', [key]);
  }
}
