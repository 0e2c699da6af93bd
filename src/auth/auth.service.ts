import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/roles.js';
import { DomainError } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { preparedQuery } from '../database/prepared.js';
import { User } from '../users/user.entity.js';
import type { LoginResponseDto, SessionUserDto } from './dto/login.dto.js';
import { AccountCache } from './account-cache.js';
import { LoginThrottle } from './login-throttle.js';
import { decoyHash, verifyPassword } from './password.js';

interface TokenClaims {
  sub: string;
  role: string;
  exp?: number;
}

/** Tokens whose signature was checked, kept until they expire: a token is verified once per instance, not per request. */
const MAX_VERIFIED_TOKENS = 50_000;

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

@Injectable()
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountCache,
  ) {}

  private readonly verified = new Map<string, TokenClaims>();

  async login(username: string, password: string, address: string): Promise<LoginResponseDto> {
    const name = username.trim().toLowerCase();
    const throttle = new LoginThrottle(this.db.manager, {
      maxFailures: this.config.loginMaxFailures,
      windowSeconds: this.config.loginWindowSeconds,
    });
    const userKey = `user:${name}`;
    const ipKey = `ip:${address}`;
    const limits = [
      { key: userKey, max: this.config.loginMaxFailures },
      // A care centre's front desk may sign many people in from one address: allow more there.
      { key: ipKey, max: this.config.loginMaxFailures * 4 },
    ];
    if (await throttle.blocked(limits)) {
      throw new DomainError('TOO_MANY_ATTEMPTS', 'Too many failed sign-ins: wait a few minutes and try again, or ask your centre to reset the password');
    }
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :name OR u.phone = :name', { name })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    if (!user || !ok || user.disabled) {
      await throttle.recordFailure([userKey, ipKey]);
      throw new DomainError('INVALID_CREDENTIALS', 'Wrong username or password');
    }
    await throttle.clear(userKey);
    const claims: TokenClaims = { sub: user.id, role: user.role };
    return {
      accessToken: await this.jwt.signAsync(claims),
      expiresIn: this.config.jwtTtlSeconds,
      user: sessionUser(user),
    };
  }

  /**
   * The actor behind a bearer token. The account comes from this instance's account cache, which
   * every change to an account (a disabled one included) empties as it commits, or else from its row.
   */
  async actorFromToken(token: string): Promise<Actor> {
    const claims = await this.verify(token);
    const actor = await this.accounts.get(claims.sub, () => this.actorForUser(claims.sub));
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'The account is disabled or no longer exists: sign in again');
    return actor;
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
    // A prepared statement: this runs on every request.
    const rows = (await preparedQuery(
      this.db,
      undefined,
      'actor_for_user',
      `SELECT id, role, display_name, facility_id, resident_id, caregiver_id FROM users WHERE id = $1::uuid AND NOT disabled`,
      [userId],
    )) as { id: string; role: Actor['role']; display_name: string; facility_id: string | null; resident_id: string | null; caregiver_id: string | null }[];
    const u = rows[0];
    if (!u) return undefined;
    return { userId: u.id, role: u.role, displayName: u.display_name, facilityId: u.facility_id, residentId: u.resident_id, caregiverId: u.caregiver_id };
  }
}
