import { describe, expect, it } from '@jest/globals';
import { checkPlan } from './check.js';
import { constructRegret } from './construct.js';
import { candidateRoutes, compileModel } from './model.js';
import { toPlan } from './plan.js';
import { createRng } from './rng.js';
import { urbanDay } from './search-fixtures.js';
import { compareScores } from './solution.js';
import { twoOptStarPass } from './two-opt-star.js';
import type { Instance } from './types.js';

describe('2-opt* between routes', () => {
  for (const returnToBase of [false, true]) {
    for (const worth of [undefined, 0, 10]) {
      it(`keeps every hard rule and never makes the plan worse (returnToBase ${returnToBase}, continuity worth ${worth ?? 'strict'})`, () => {
        for (const seed of [1, 2, 3]) {
          const inst: Instance = { ...urbanDay(seed), returnToBase };
          const m = compileModel(inst, worth);
          const cand = candidateRoutes(m, 15);
          const sol = constructRegret(m, cand);
          const before = sol.score();
          twoOptStarPass(sol, cand, createRng(seed));
          expect(compareScores(sol.score(), before, worth)).toBeGreaterThanOrEqual(0);
          expect(checkPlan(inst, toPlan(m, sol, false))).toEqual([]);
        }
      });
    }
  }

  it('joins the start of one route to the end of another when that saves travel', () => {
    // Two caregivers at one base; each route crosses the city to the other's far visit.
    const at = (lng: number) => ({ lat: 25.77, lng });
    const t = (h: number) => `2026-12-01T${String(h).padStart(2, '0')}:00:00+08:00`;
    const order = (id: string, lng: number, from: number) => ({
      id,
      skill: 'meal',
      minLevel: 5,
      location: at(lng),
      windowStart: t(from),
      windowEnd: t(from + 2),
      durationMinutes: 30,
      preferredCaregiverId: null,
    });
    const inst: Instance = {
      travel: { speedKmh: 30 },
      caregivers: ['a', 'b'].map((id) => ({ id, skills: ['meal'], level: 1, location: at(113.0), shifts: [{ start: t(8), end: t(17) }] })),
      orders: [order('w1', 112.9, 8), order('e2', 113.1, 12), order('e1', 113.1, 8), order('w2', 112.9, 12)],
    };
    const m = compileModel(inst, 0);
    const cand = candidateRoutes(m, 15);
    const sol = constructRegret(m, cand);
    // Force the crossed plan: a does w1 then e2, b does e1 then w2.
    for (let o = 0; o < m.nO; o++) if (sol.routeOf[o] >= 0) sol.remove(o);
    sol.insertAt(0, 0, 0);
    sol.insertAt(1, 0, 1);
    sol.insertAt(2, 1, 0);
    sol.insertAt(3, 1, 1);
    const before = sol.score().travelMin;
    expect(twoOptStarPass(sol, cand, createRng(1))).toBe(true);
    expect(sol.score().travelMin).toBeLessThan(before - 1);
    expect(sol.seq.map((s) => [...s].sort())).toEqual(
      expect.arrayContaining([
        [0, 3],
        [1, 2],
      ]),
    );
    expect(checkPlan(inst, toPlan(m, sol, false))).toEqual([]);
  });
});
