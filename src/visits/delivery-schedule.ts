/**
 * When a failed webhook delivery is tried again: 10 s, 30 s, 2 min, 10 min, 30 min, 2 h, then every
 * 6 h, until the attempts run out. A delivery is also leased while it is being sent, so an
 * instance that dies mid-send leaves it to another after the lease.
 */
const DELAYS_S = [10, 30, 120, 600, 1800, 7200];
const LAST_DELAY_S = 6 * 3600;

/** Seconds to wait after the given number of failed attempts (1 = the first attempt failed). */
export function retryDelaySeconds(failedAttempts: number): number {
  if (failedAttempts < 1) return 0;
  return DELAYS_S[failedAttempts - 1] ?? LAST_DELAY_S;
}

export function nextAttemptAt(now: number, failedAttempts: number, maxAttempts: number): number | null {
  if (failedAttempts >= maxAttempts) return null;
  return now + retryDelaySeconds(failedAttempts) * 1000;
}
