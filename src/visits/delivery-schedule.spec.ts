import { nextAttemptAt, retryDelaySeconds } from './delivery-schedule.js';

describe('webhook retry schedule', () => {
  it('backs off exponentially-ish: 10 s, 30 s, 2 min, 10 min, 30 min, 2 h, then 6 h', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 12].map(retryDelaySeconds)).toEqual([10, 30, 120, 600, 1800, 7200, 21600, 21600]);
  });

  it('never shrinks', () => {
    for (let n = 1; n < 20; n++) expect(retryDelaySeconds(n + 1)).toBeGreaterThanOrEqual(retryDelaySeconds(n));
  });

  it('gives up after the last attempt', () => {
    expect(nextAttemptAt(1000, 1, 3)).toBe(11_000);
    expect(nextAttemptAt(1000, 3, 3)).toBeNull();
  });
});
