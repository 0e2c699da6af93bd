/**
 * The service's settings: one typed object read from the environment and checked at start.
 * A bad value stops the process with a message naming the variable and what it must be.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  /** Absent: the service starts an embedded PostgreSQL under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** Port of the embedded PostgreSQL (only without DATABASE_URL). */
  embeddedPgPort: number;
  /** EMBEDDED_PG_PORT was set: when that port is taken, stop rather than take a free one. */
  embeddedPgPortFixed: boolean;
  adminPassword?: string;
  /** Demo city on an empty database: default on, except in production where SEED_DEMO=true must be set. */
  seedDemo: boolean;
  /** Residents the demo city gets on an empty database. */
  seedResidents: number;
  /** Days of past orders, visits and feedback the demo city gets on an empty database (0: none). */
  seedHistoryDays: number;
  jwtSecret?: string;
  jwtTtlSeconds: number;
  /** Days a refresh token stays usable after it is issued; each refresh issues a new one (a senior stays signed in while they come back within it). */
  refreshTtlDays: number;
  /** Whether /api/docs (Swagger UI) and /api/docs-json are served: default on, except in production (API_DOCS=true). */
  apiDocs: boolean;
  /** Seconds an instance keeps accounts and booking facts in memory between reads; changes reach it at once by NOTIFY. 0: read on every request. */
  cacheSeconds: number;
  bodyLimitBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Failed logins per username (or per client address) within the window before 429. */
  loginMaxFailures: number;
  loginWindowSeconds: number;
  /** Milliseconds each sign-in from an address waits per failure over its allowance (slowed, never refused). */
  loginAddressDelayMs: number;
  dbPoolSize: number;
  /** Days ahead, today included, that rosters are applied to and slots can be booked. */
  bookingHorizonDays: number;
  /** Minutes of travel the capacity rule allows before each home visit. */
  travelAllowanceMinutes: number;
  /** Home visits can be cancelled or rescheduled until this many minutes before they start. */
  cancelCutoffMinutes: number;
  /** How far a home visit may be from its facility: urban centres and day-care sites, rural homes. */
  catchmentKmUrban: number;
  catchmentKmRural: number;
  /** The least care level (GB/T 42195) for which home nursing may be booked. */
  homeNursingMinCareLevel: number;
  /** Visits: a check-in farther than this from the visit's location is accepted but flagged. */
  checkInMaxDistanceM: number;
  /** Visits: how early before the planned start a caregiver may check in. */
  checkInEarlyMinutes: number;
  /** Visits: minutes after the planned start without a check-in before staff are alerted (late), and before the visit is missed. */
  lateAfterMinutes: number;
  missedAfterMinutes: number;
  /** Key mixed into every service card's daily code; required in production; elsewhere absent: JWT_SECRET, or a fixed development key. */
  visitCodeSecret?: string;
  /** Webhook deliveries: time allowed per POST, and attempts before giving up. */
  webhookTimeoutMs: number;
  webhookMaxAttempts: number;
  /** Whether webhooks may point at private, loopback or link-local addresses (on by default outside production). */
  webhookAllowPrivate: boolean;
  /** Whether this instance runs the visit jobs (late/missed watch, reminders, webhook dispatch). */
  visitJobs: boolean;
  /** Visits starting within this many minutes stay where they are when assignment runs again. */
  freezeWindowMinutes: number;
  /** Travel speed the assignment engine plans with. */
  travelSpeedKmh: number;
  /**
   * Assignment: extra travel minutes worth keeping a resident's usual caregiver (default 10). 0
   * ignores continuity; 10,000 or more ranks it above any travel (the old strict order).
   */
  assignContinuityWorthMinutes: number;
  /** A visit may start this many minutes after its slot starts. */
  visitWindowSlackMinutes: number;
  /** Facility comparison: a fill rate (booked / capacity) at or above this percentage is over-used. */
  reportOverUsedPercent: number;
  /** Facility comparison: a fill rate below this percentage is under-used. */
  reportUnderUsedPercent: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || n < min || n > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    this.problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  }

  url(name: string, protocols: string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
      return value;
    } catch {
      this.problems.push(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      return undefined;
    }
  }
}

export function loadConfig(env: Env = process.env): AppConfig {
  const r = new Reader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const jwtSecret = r.raw('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    r.problems.push('JWT_SECRET must be at least 32 characters long');
  }
  if (nodeEnv === 'production' && jwtSecret === undefined) {
    r.problems.push('JWT_SECRET must be set when NODE_ENV=production (every instance must share it)');
  }
  const adminPassword = r.raw('ADMIN_PASSWORD');
  if (adminPassword !== undefined && adminPassword.length < 8) {
    r.problems.push('ADMIN_PASSWORD must be at least 8 characters long');
  }
  const visitCodeSecret = r.raw('VISIT_CODE_SECRET');
  if (visitCodeSecret !== undefined && visitCodeSecret.length < 32) {
    r.problems.push('VISIT_CODE_SECRET must be at least 32 characters long');
  }
  if (nodeEnv === 'production' && visitCodeSecret === undefined) {
    r.problems.push("VISIT_CODE_SECRET must be set when NODE_ENV=production (the key of the service cards' daily codes)");
  }
  const config: AppConfig = {
    nodeEnv,
    port: r.int('PORT', 3000, 0, 65535),
    databaseUrl: r.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: r.raw('DATA_DIR') ?? './data',
    embeddedPgPort: r.int('EMBEDDED_PG_PORT', 54329, 1024, 65535),
    embeddedPgPortFixed: r.raw('EMBEDDED_PG_PORT') !== undefined,
    adminPassword,
    seedDemo: r.bool('SEED_DEMO', nodeEnv !== 'production'),
    seedResidents: r.int('SEED_RESIDENTS', 2000, 0, 1_000_000),
    seedHistoryDays: r.int('SEED_HISTORY_DAYS', 90, 0, 730),
    jwtSecret,
    jwtTtlSeconds: r.int('JWT_TTL_SECONDS', 900, 60, 86400),
    refreshTtlDays: r.int('REFRESH_TTL_DAYS', 30, 1, 365),
    apiDocs: r.bool('API_DOCS', nodeEnv !== 'production'),
    cacheSeconds: r.int('CACHE_SECONDS', 60, 0, 3600),
    bodyLimitBytes: r.int('BODY_LIMIT_BYTES', 100 * 1024, 1024, 10 * 1024 * 1024),
    logLevel: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    loginMaxFailures: r.int('LOGIN_MAX_FAILURES', 5, 1, 1000),
    loginWindowSeconds: r.int('LOGIN_WINDOW_SECONDS', 900, 10, 86400),
    loginAddressDelayMs: r.int('LOGIN_ADDRESS_DELAY_MS', 1000, 0, 60_000),
    dbPoolSize: r.int('DB_POOL_SIZE', 20, 1, 500),
    bookingHorizonDays: r.int('BOOKING_HORIZON_DAYS', 14, 1, 90),
    travelAllowanceMinutes: r.int('TRAVEL_ALLOWANCE_MINUTES', 20, 0, 240),
    cancelCutoffMinutes: r.int('CANCEL_CUTOFF_MINUTES', 120, 0, 2880),
    catchmentKmUrban: r.int('CATCHMENT_KM_URBAN', 15, 1, 200),
    catchmentKmRural: r.int('CATCHMENT_KM_RURAL', 40, 1, 200),
    homeNursingMinCareLevel: r.int('HOME_NURSING_MIN_CARE_LEVEL', 2, 0, 4),
    freezeWindowMinutes: r.int('FREEZE_WINDOW_MINUTES', 120, 0, 1440),
    travelSpeedKmh: r.int('TRAVEL_SPEED_KMH', 20, 5, 120),
    assignContinuityWorthMinutes: r.int('ASSIGN_CONTINUITY_WORTH_MINUTES', 10, 0, 10_000),
    visitWindowSlackMinutes: r.int('VISIT_WINDOW_SLACK_MINUTES', 30, 0, 240),
    checkInMaxDistanceM: r.int('CHECK_IN_MAX_DISTANCE_M', 300, 10, 100_000),
    checkInEarlyMinutes: r.int('CHECK_IN_EARLY_MINUTES', 30, 0, 240),
    lateAfterMinutes: r.int('LATE_AFTER_MINUTES', 30, 1, 720),
    missedAfterMinutes: r.int('MISSED_AFTER_MINUTES', 60, 1, 1440),
    visitCodeSecret,
    webhookTimeoutMs: r.int('WEBHOOK_TIMEOUT_MS', 5000, 100, 60_000),
    webhookMaxAttempts: r.int('WEBHOOK_MAX_ATTEMPTS', 8, 1, 50),
    webhookAllowPrivate: r.bool('WEBHOOK_ALLOW_PRIVATE', nodeEnv !== 'production'),
    visitJobs: r.bool('VISIT_JOBS', true),
    reportOverUsedPercent: r.int('REPORT_OVER_USED_PERCENT', 90, 1, 1000),
    reportUnderUsedPercent: r.int('REPORT_UNDER_USED_PERCENT', 50, 0, 1000),
  };
  if (config.reportUnderUsedPercent >= config.reportOverUsedPercent) {
    r.problems.push('REPORT_UNDER_USED_PERCENT must be below REPORT_OVER_USED_PERCENT');
  }
  if (config.missedAfterMinutes <= config.lateAfterMinutes) {
    r.problems.push('MISSED_AFTER_MINUTES must be more than LATE_AFTER_MINUTES');
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

/** What a start should warn about without refusing it. */
export function startupWarnings(env: Env = process.env): string[] {
  const warnings: string[] = [];
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  if (!set('NODE_ENV') && set('DATABASE_URL')) {
    warnings.push(
      'NODE_ENV is not set but DATABASE_URL is: development defaults are in force (demo city on an empty database, API docs served, ' +
        'fixed development keys). Set NODE_ENV=production for a real deployment.',
    );
  }
  return warnings;
}

/** Nest injection token for the AppConfig object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
