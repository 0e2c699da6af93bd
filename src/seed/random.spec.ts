import { describe, expect, it } from '@jest/globals';
import { Random, distanceKm, stableUuid } from './random.js';

const draw = (seed: number, n = 1000) => {
  const rng = new Random(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('Random (mulberry32)', () => {
  it('gives the same sequence for the same seed, and another for another seed', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays in [0, 1) and spreads over it', () => {
    const xs = draw(7, 20_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
  });

  it('draws integers inclusive of both ends, and respects weights', () => {
    const rng = new Random(1);
    const seen = new Set<number>();
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) {
      seen.add(rng.int(3, 6));
      if (
        rng.weighted([
          ['a', 9],
          ['b', 1],
        ] as const) === 'a'
      )
        heavy++;
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
    expect(heavy / 10_000).toBeGreaterThan(0.87);
    expect(heavy / 10_000).toBeLessThan(0.93);
  });

  it('places points within the radius and makes valid mobile numbers', () => {
    const rng = new Random(5);
    for (let i = 0; i < 1000; i++) {
      const p = rng.near(25.77, 113.01, 3);
      expect(distanceKm(p, { lat: 25.77, lng: 113.01 })).toBeLessThanOrEqual(3.01);
      expect(rng.mobile()).toMatch(/^1\d{10}$/);
    }
  });
});

describe('stableUuid', () => {
  it('is a well-formed UUID, the same for the same name and different for another', () => {
    expect(stableUuid('resident:1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid('resident:1')).toBe(stableUuid('resident:1'));
    expect(stableUuid('resident:1')).not.toBe(stableUuid('resident:2'));
  });
});
