import { describe, expect, it } from '@jest/globals';
import { checkPlan } from './check.js';
import { constructRegret } from './construct.js';
import { candidateRoutes, compileModel } from './model.js';
import { toPlan } from './plan.js';
import { insertionOrder, recreateRegret, recreateSequential } from './recreate.js';
import { createRng } from './rng.js';
import { urbanDay } from './search-fixtures.js';

describe('recreate', () => {
  const inst = urbanDay(4);
  const m = compileModel(inst);
  const cand = candidateRoutes(m, 15);

  for (const [name, recreate] of [
    ['regret', (s: ReturnType<typeof constructRegret>, orders: number[], seed: number) => recreateRegret(s, cand, orders, createRng(seed))],
    [
      'sequential',
      (s: ReturnType<typeof constructRegret>, orders: number[], seed: number) => recreateSequential(s, cand, orders, createRng(seed), 0.05),
    ],
  ] as const) {
    it(`${name}: puts removed visits back into a plan that keeps every hard rule`, () => {
      for (let seed = 1; seed <= 10; seed++) {
        const sol = constructRegret(m, cand);
        const assigned = sol.score().assigned;
        const rng = createRng(seed);
        const removed = Array.from({ length: m.nO }, (_, o) => o).filter((o) => sol.routeOf[o] >= 0 && rng() < 0.2);
        for (const o of removed) sol.remove(o);
        const unassigned = Array.from({ length: m.nO }, (_, o) => o).filter((o) => sol.routeOf[o] < 0);
        recreate(sol, unassigned, seed);
        expect(checkPlan(inst, toPlan(m, sol, false))).toEqual([]);
        // The removed visits fitted before, so most fit again (a different order may fill a gap).
        expect(sol.score().assigned).toBeGreaterThanOrEqual(assigned - removed.length / 2);
      }
    });
  }

  it('takes higher priority first in the sequential order, then the chosen key', () => {
    const sol = constructRegret(m, cand);
    const orders = Array.from({ length: 30 }, (_, o) => o);
    const seq = insertionOrder(sol, orders, 'windowStart', createRng(1));
    expect([...seq].sort((a, b) => a - b)).toEqual(orders);
    for (let i = 1; i < seq.length; i++) {
      const [a, b] = [seq[i - 1], seq[i]];
      expect(m.oPriority[a]).toBeGreaterThanOrEqual(m.oPriority[b]);
      if (m.oPriority[a] === m.oPriority[b]) expect(m.oWs[a]).toBeLessThanOrEqual(m.oWs[b]);
    }
  });
});
