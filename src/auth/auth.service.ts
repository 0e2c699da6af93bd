import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/roles.js';
import { DomainError } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AccountsRepository } from '../users/accounts.repository.js';
import type { User } from '../users/user.entity.js';
import type { LoginResponseDto, SessionUserDto } from './dto/login.dto.js';
import { AccountCache, type Account } from './account-cache.js';
import { LoginThrottle, addressDelayMs } from './login-throttle.js';
import { decoyHash, verifyPassword } from './password.js';
import { RefreshTokens } from './refresh-tokens.js';

interface TokenClaims {
  sub: string;
  role: string;
  /** The account's token version when issued: a token whose version is behind the account's is refused. */
  ver?: number;
  /** The sign-in session (its refresh tokens) the token belongs to. */
  sid?: string;
  exp?: number;
}

/** Tokens whose signature was checked, kept until they expire: a token is verified once per instance, not per request. */
const MAX_VERIFIED_TOKENS = 50_000;

/** A shared address may fail this many times the per-account allowance before its sign-ins are slowed. */
const ADDRESS_ALLOWANCE_FACTOR = 4;

export function sessionUser(user: Pick<User, 'id' | 'role' | 'displayName' | 'facilityId' | 'residentId' | 'caregiverId'>): SessionUserDto {
  return {
    id: user.id,
    role: user.role,
    displayName: user.displayName,
    facilityId: user.facilityId,
    residentId: user.residentId,
    caregiverId: user.caregiverId,
  };
}

const TOO_MANY = 'Too many failed sign-ins: wait a few minutes and try again, or ask your centre to reset the password';

@Injectable()
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountCache,
    private readonly rows: AccountsRepository,
  ) {}

  private readonly verified = new Map<string, TokenClaims>();

  private refreshTokens(): RefreshTokens {
    return new RefreshTokens(this.rows, this.db.manager, this.config.refreshTtlDays);
  }

  /**
   * Sign-in by username or mobile number. The attempt is counted before the password is checked,
   * on the account when one matches (so its username and number share one count), else on the
   * name: parallel guesses each take a number and only the allowed few reach the check. Failures
   * from one address beyond a generous allowance slow that address down; they never refuse the
   * correct password of someone else there.
   */
  async login(username: string, password: string, address: string): Promise<LoginResponseDto> {
    const name = username.trim().toLowerCase();
    const throttle = new LoginThrottle(this.db.manager, this.config.loginWindowSeconds);
    const user = await this.rows.findForSignIn(name);
    const key = user ? `account:${user.id}` : `name:${name}`;
    if ((await throttle.take(key)) > this.config.loginMaxFailures) throw new DomainError('TOO_MANY_ATTEMPTS', TOO_MANY);
    const ipKey = `ip:${address}`;
    const wait = addressDelayMs(
      await throttle.count(ipKey),
      this.config.loginMaxFailures * ADDRESS_ALLOWANCE_FACTOR,
      this.config.loginAddressDelayMs,
    );
    if (wait > 0) await sleep(wait);
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    if (!user || !ok || user.disabled) {
      await throttle.take(ipKey);
      throw new DomainError('INVALID_CREDENTIALS', 'Wrong username or password');
    }
    await throttle.clear(key);
    const { token: refreshToken, sessionId } = await this.refreshTokens().issue(user.id, user.tokenVersion);
    return {
      accessToken: await this.sign(user.id, user.role, user.tokenVersion, sessionId),
      expiresIn: this.config.jwtTtlSeconds,
      refreshToken,
      user: sessionUser(user),
    };
  }

  /** A new access token and the next refresh token for a live one; a reused refresh token ends its session. */
  async refresh(refreshToken: string | undefined): Promise<LoginResponseDto> {
    if (!refreshToken)
      throw new DomainError('REFRESH_TOKEN_INVALID', 'Send the refresh token from sign-in (cookie or { refreshToken }), or sign in again');
    const outcome = await this.refreshTokens().rotate(refreshToken);
    if (outcome.kind === 'reused') {
      throw new DomainError('REFRESH_TOKEN_REUSED', 'This refresh token was already used, so the session has been ended: sign in again');
    }
    const account = outcome.kind === 'rotated' ? await this.accountForUser(outcome.grant.userId) : undefined;
    if (outcome.kind !== 'rotated' || !account) {
      throw new DomainError(
        'REFRESH_TOKEN_INVALID',
        'The refresh token is unknown, expired or ended (new password, logout): sign in again',
      );
    }
    return {
      accessToken: await this.sign(account.userId, account.role, outcome.grant.tokenVersion, outcome.grant.sessionId),
      expiresIn: this.config.jwtTtlSeconds,
      refreshToken: outcome.token,
      user: sessionUser({ id: account.userId, ...account }),
    };
  }

  /** Ends the session of the refresh token and of the access token given (either may be absent or stale). */
  async logout(refreshToken: string | undefined, accessToken: string | undefined): Promise<void> {
    const tokens = this.refreshTokens();
    const fromRefresh = refreshToken ? await tokens.sessionOf(refreshToken) : undefined;
    if (fromRefresh) await tokens.endSession(fromRefresh);
    const claims = accessToken ? await this.verify(accessToken).catch(() => undefined) : undefined;
    if (claims?.sid) await tokens.endSession(claims.sid);
  }

  /** Ends every token of the account at once, on every instance: the version moves on and the refresh tokens go. */
  async logoutEverywhere(actor: Actor): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.rows.raiseTokenVersion(m, actor.userId);
      await new RefreshTokens(this.rows, m, this.config.refreshTtlDays).endAll(actor.userId);
    });
    this.accounts.forget(actor.userId);
  }

  private sign(userId: string, role: string, tokenVersion: number, sessionId: string): Promise<string> {
    const claims: TokenClaims = { sub: userId, role, ver: tokenVersion, sid: sessionId };
    return this.jwt.signAsync(claims);
  }

  /**
   * The actor behind a bearer token. The account comes from this instance's account cache, which
   * every change to an account (a disabled one, a raised token version) empties as it commits, or
   * else from its row; a token issued before the account's current version is refused.
   */
  async actorFromToken(token: string): Promise<Actor> {
    const claims = await this.verify(token);
    const account = await this.accounts.get(claims.sub, () => this.accountForUser(claims.sub));
    if (!account) throw new DomainError('UNAUTHENTICATED', 'The account is disabled or no longer exists: sign in again');
    if ((claims.ver ?? 0) !== account.tokenVersion) {
      throw new DomainError('UNAUTHENTICATED', 'This token was ended (new password, account change or logout everywhere): sign in again');
    }
    return account;
  }

  private async verify(token: string): Promise<TokenClaims> {
    const known = this.verified.get(token);
    if (known && (known.exp ?? 0) * 1000 > Date.now()) return known;
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      this.verified.delete(token);
      throw new DomainError('UNAUTHENTICATED', 'The access token is missing, expired or invalid: sign in again');
    }
    if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, claims);
    return claims;
  }

  /** The actor of an enabled account, for work done on its behalf (tokens, scheduled jobs). */
  async actorForUser(userId: string): Promise<Actor | undefined> {
    return this.accountForUser(userId);
  }

  private async accountForUser(userId: string): Promise<Account | undefined> {
    const u = await this.rows.enabledAccount(userId);
    if (!u) return undefined;
    return {
      userId: u.id,
      role: u.role,
      displayName: u.display_name,
      facilityId: u.facility_id,
      residentId: u.resident_id,
      caregiverId: u.caregiver_id,
      tokenVersion: u.token_version,
    };
  }
}
