import type { EntityManager } from 'typeorm';

export interface ThrottleLimits {
  maxFailures: number;
  windowSeconds: number;
}

/**
 * Failed-login counters kept in PostgreSQL, so every instance of the service sees the same count.
 * One counter per key (`user:<name>`, `ip:<address>`), reset when its window has passed.
 */
export class LoginThrottle {
  constructor(
    private readonly db: EntityManager,
    private readonly limits: ThrottleLimits,
  ) {}

  /** Keys whose counters are at or over their limit right now. */
  async blocked(keys: { key: string; max: number }[]): Promise<boolean> {
    const rows = (await this.db.query(
      `SELECT key, failures FROM login_failures
        WHERE key = ANY($1) AND window_start > now() - make_interval(secs => $2)`,
      [keys.map((k) => k.key), this.limits.windowSeconds],
    )) as { key: string; failures: number }[];
    return rows.some((row) => row.failures >= (keys.find((k) => k.key === row.key)?.max ?? Infinity));
  }

  async recordFailure(keys: string[]): Promise<void> {
    await this.db.query(
      `INSERT INTO login_failures (key, window_start, failures)
       SELECT k, now(), 1 FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_failures.window_start > now() - make_interval(secs => $2)
                         THEN login_failures.failures + 1 ELSE 1 END,
         window_start = CASE WHEN login_failures.window_start > now() - make_interval(secs => $2)
                             THEN login_failures.window_start ELSE now() END`,
      [keys, this.limits.windowSeconds],
    );
  }

  async clear(key: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE key = $1', [key]);
  }
}
