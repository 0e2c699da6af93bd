import type { EntityManager } from 'typeorm';
import { AccountsRepository } from '../users/accounts.repository.js';

/**
 * Sign-in attempts counted in PostgreSQL, so every instance sees the same count. One counter per
 * key (`account:<id>`, `name:<unknown name>`, `ip:<address>`), started afresh when its window has passed.
 */
export class LoginThrottle {
  private readonly accounts: AccountsRepository;

  constructor(
    private readonly m: EntityManager,
    private readonly windowSeconds: number,
  ) {
    this.accounts = new AccountsRepository(m.dataSource);
  }

  /**
   * Counts one attempt on `key` and returns the count with it, in one statement: parallel guesses
   * each take their own number, so no more than the limit ever reach the password check.
   */
  take(key: string): Promise<number> {
    return this.accounts.takeAttempt(this.m, key, this.windowSeconds);
  }

  /** The count on `key` within its window (0 when none). */
  count(key: string): Promise<number> {
    return this.accounts.attemptsWithin(this.m, key, this.windowSeconds);
  }

  clear(key: string): Promise<void> {
    return this.accounts.clearAttempts(this.m, key);
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
