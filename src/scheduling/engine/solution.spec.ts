import { describe, expect, it } from '@jest/globals';
import { compileModel } from './model.js';
import { createRng } from './rng.js';
import { Solution, latestArrival } from './solution.js';
import { MINUTE_MS } from './time.js';
import { haversineRad } from './travel.js';
import { aCaregiver, anInstance, anOrder, at } from './test-builders.js';
import type { Instance } from './types.js';

const clock = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/** A random day: one caregiver with a long shift, orders nearby with windows of various widths. */
function randomDay(seed: number): Instance {
  const rng = createRng(seed);
  const orders = Array.from({ length: 14 }, (_, i) => {
    const from = 8 * 60 + Math.floor(rng() * 8 * 60);
    const width = [30, 45, 60, 120, 240][Math.floor(rng() * 5)];
    return anOrder({
      id: `o${i}`,
      location: { lat: 25.74 + rng() * 0.06, lng: 112.98 + rng() * 0.06 },
      windowStart: at(clock(from)),
      windowEnd: at(clock(Math.min(from + width, 23 * 60))),
      durationMinutes: [15, 20, 30][Math.floor(rng() * 3)],
    });
  });
  return anInstance([aCaregiver({ shifts: [{ start: at('07:30'), end: at('18:00') }] })], orders, 15);
}

describe('Solution.evalInsert', () => {
  it('agrees with inserting and rescheduling the whole route, at every position', () => {
    let feasible = 0;
    let infeasible = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const m = compileModel(randomDay(seed));
      const sol = new Solution(m);
      for (let o = 0; o < m.nO; o++) {
        for (let pos = 0; pos <= sol.seq[0].length; pos++) {
          const fast = sol.evalInsert(o, 0, pos);
          const copy = sol.clone();
          const before = copy.rTravel[0];
          copy.seq[0].splice(pos, 0, o);
          const ok = copy.schedule(0);
          if (ok) {
            feasible++;
            expect(fast).toBeCloseTo(copy.rTravel[0] - before, 6);
          } else {
            infeasible++;
            expect(fast).toBeNaN();
          }
        }
        const b = sol.bestInsert(o, 0);
        if (b.pos >= 0) sol.insertAt(o, 0, b.pos);
      }
    }
    expect(feasible).toBeGreaterThan(100);
    expect(infeasible).toBeGreaterThan(100);
  });

  it('keeps times, legs and latest arrivals right through inserts, removals and undo', () => {
    const m = compileModel(randomDay(7));
    const sol = new Solution(m);
    for (let o = 0; o < m.nO; o++) {
      const b = sol.bestInsert(o, 0);
      if (b.pos >= 0) sol.insertAt(o, 0, b.pos);
    }
    const snapshot = () => ({
      seq: [...sol.seq[0]],
      st: [...sol.st[0]],
      leg: [...sol.leg[0]],
      latest: [...sol.latest[0]],
      travel: sol.rTravel[0],
    });
    const before = snapshot();
    sol.journal = { routes: new Map(), loads: new Map(), orders: new Map() };
    sol.remove(sol.seq[0][1]);
    sol.remove(sol.seq[0][0]);
    const fresh = sol.clone();
    fresh.schedule(0);
    expect([...sol.leg[0]]).toEqual([...fresh.leg[0]]);
    expect([...sol.latest[0]]).toEqual([...fresh.latest[0]]);
    sol.undo();
    expect(snapshot()).toEqual(before);
  });
});

describe('latestArrival', () => {
  it('rounds the latest start down to a whole minute, and is -Infinity when the window opens too late', () => {
    const t0 = Date.parse(at('09:00'));
    expect(latestArrival(t0 + 90_000, t0)).toBe(t0 + MINUTE_MS);
    expect(latestArrival(t0, t0 + 1)).toBe(-Infinity);
  });
});

describe('travel', () => {
  it('is symmetric to the bit, so a leg computed either way is the same', () => {
    const rng = createRng(5);
    for (let i = 0; i < 2000; i++) {
      const [a, b, c, d] = [rng(), rng(), rng(), rng()].map((x) => 0.4 + x * 0.1);
      expect(haversineRad(a, b, c, d)).toBe(haversineRad(c, d, a, b));
    }
  });
});
