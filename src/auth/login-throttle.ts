import type { EntityManager } from 'typeorm';

/**
 * Sign-in attempts counted in PostgreSQL, so every instance sees the same count. One counter per
 * key (`account:<id>`, `name:<unknown name>`, `ip:<address>`), started afresh when its window has passed.
 */
export class LoginThrottle {
  constructor(
    private readonly db: EntityManager,
    private readonly windowSeconds: number,
  ) {}

  /**
   * Counts one attempt on `key` and returns the count with it, in one statement: parallel guesses
   * each take their own number, so no more than the limit ever reach the password check.
   */
  async take(key: string): Promise<number> {
    const rows = (await this.db.query(
      `INSERT INTO login_failures (key, window_start, failures) VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_failures.window_start > now() - make_interval(secs => $2)
                         THEN login_failures.failures + 1 ELSE 1 END,
         window_start = CASE WHEN login_failures.window_start > now() - make_interval(secs => $2)
                             THEN login_failures.window_start ELSE now() END
       RETURNING failures`,
      [key, this.windowSeconds],
    )) as { failures: number }[];
    return rows[0].failures;
  }

  /** The count on `key` within its window (0 when none). */
  async count(key: string): Promise<number> {
    const rows = (await this.db.query(
      `SELECT failures FROM login_failures WHERE key = $1 AND window_start > now() - make_interval(secs => $2)`,
      [key, this.windowSeconds],
    )) as { failures: number }[];
    return rows[0]?.failures ?? 0;
  }

  async clear(key: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE key = $1', [key]);
  }
}

/**
 * How long a sign-in from an address waits once that address has failed more than its allowance:
 * a shared address (a centre's front desk, a carrier's NAT) is slowed, never refused, so other
 * people there still sign in; a guesser there gets one try per delay. Grows with each failure, capped.
 */
export function addressDelayMs(addressFailures: number, allowance: number, stepMs: number, maxMs = 10_000): number {
  const over = addressFailures - allowance;
  return over <= 0 ? 0 : Math.min(maxMs, over * stepMs);
}
