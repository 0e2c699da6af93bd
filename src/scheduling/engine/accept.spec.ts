import { describe, expect, it } from '@jest/globals';
import { accepts, temperatureAt } from './accept.js';
import { ZERO_SCORE } from './solution.js';

const change = (over: Partial<typeof ZERO_SCORE>) => ({ ...ZERO_SCORE, ...over });

describe('accepts', () => {
  it('never gives up assigned orders, priority or continuity, whatever the travel saved', () => {
    expect(accepts(change({ assigned: -1, travelMin: -500 }), 100, 0.01)).toBe(false);
    expect(accepts(change({ prioritySum: -1, travelMin: -500 }), 100, 0.01)).toBe(false);
    expect(accepts(change({ misses: 1, travelMin: -500 }), 100, 0.01)).toBe(false);
  });

  it('takes any gain in the first goals, whatever the travel it costs', () => {
    expect(accepts(change({ assigned: 1, misses: 3, travelMin: 500 }), 0, 0.5)).toBe(true);
    expect(accepts(change({ prioritySum: 1, travelMin: 500 }), 0, 0.5)).toBe(true);
    expect(accepts(change({ misses: -1, travelMin: 500 }), 0, 0.5)).toBe(true);
  });

  it('at temperature 0 takes no more travel, and equal travel only without worse balance', () => {
    expect(accepts(change({ travelMin: -0.1 }), 0, 0.5)).toBe(true);
    expect(accepts(change({ travelMin: 0.1 }), 0, 0.999)).toBe(false);
    expect(accepts(change({ balance: -1 }), 0, 0.5)).toBe(true);
    expect(accepts(change({ balance: 1 }), 0, 0.5)).toBe(false);
  });

  it('with continuity worth some minutes, weighs a miss against that much travel', () => {
    expect(accepts(change({ misses: 1, travelMin: -11 }), 0, 0.5, 10)).toBe(true);
    expect(accepts(change({ misses: 1, travelMin: -9 }), 0, 0.999, 10)).toBe(false);
    expect(accepts(change({ misses: -1, travelMin: 9 }), 0, 0.999, 10)).toBe(true);
    expect(accepts(change({ misses: -1, travelMin: 11 }), 0, 0.999, 10)).toBe(false);
    // Assigned orders and priority still come first.
    expect(accepts(change({ assigned: -1, misses: -5, travelMin: -500 }), 100, 0.01, 10)).toBe(false);
  });

  it('above 0 takes more travel with probability exp(-extra / temperature)', () => {
    const t = 2;
    const extra = 1;
    const threshold = Math.exp(-extra / t);
    expect(accepts(change({ travelMin: extra }), t, threshold - 0.01)).toBe(true);
    expect(accepts(change({ travelMin: extra }), t, threshold + 0.01)).toBe(false);
  });
});

describe('temperatureAt', () => {
  it('cools geometrically from start to end', () => {
    expect(temperatureAt(10, 0.1, 0, 100)).toBeCloseTo(10, 12);
    expect(temperatureAt(10, 0.1, 50, 100)).toBeCloseTo(1, 12);
    expect(temperatureAt(10, 0.1, 100, 100)).toBeCloseTo(0.1, 12);
    expect(temperatureAt(0, 0, 5, 100)).toBe(0);
  });
});
