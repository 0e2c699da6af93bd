import { describe, expect, it } from '@jest/globals';
import { checkPlan } from './check.js';
import { constructRegret } from './construct.js';
import { pickSeed, preferredFirst, ruinAndRecreate } from './lns.js';
import { candidateRoutes, compileModel, isMiss } from './model.js';
import { toPlan } from './plan.js';
import { createRng } from './rng.js';
import { urbanDay } from './search-fixtures.js';
import { compareScores } from './solution.js';

describe('ruin and recreate', () => {
  const inst = urbanDay(5);
  const m = compileModel(inst);
  const cand = candidateRoutes(m, 15);

  for (const startTemperature of [0, 2]) {
    it(`keeps every hard rule and ends no worse than it started (start temperature ${startTemperature})`, () => {
      const sol = constructRegret(m, cand);
      const before = sol.score();
      ruinAndRecreate(sol, cand, { iterations: 800, deadline: Infinity, rng: createRng(3), startTemperature });
      expect(compareScores(sol.score(), before)).toBeGreaterThanOrEqual(0);
      expect(checkPlan(inst, toPlan(m, sol, false))).toEqual([]);
    });
  }

  it('is deterministic for a seed', () => {
    const run = () => {
      const sol = constructRegret(m, cand);
      ruinAndRecreate(sol, cand, { iterations: 300, deadline: Infinity, rng: createRng(9), startTemperature: 1 });
      return sol.seq.map((s) => [...s]);
    };
    expect(run()).toEqual(run());
  });

  it('draws unassigned orders and continuity misses as seeds more often than their share', () => {
    const sol = constructRegret(m, cand);
    const open = (o: number) => sol.routeOf[o] < 0 || isMiss(m, o, m.rCg[sol.routeOf[o]]);
    const share = Array.from({ length: m.nO }, (_, o) => o).filter(open).length / m.nO;
    const rng = createRng(4);
    let hits = 0;
    for (let i = 0; i < 2000; i++) if (open(pickSeed(sol, rng))) hits++;
    expect(share).toBeGreaterThan(0);
    expect(hits / 2000).toBeGreaterThan(share * 1.5);
  });

  it("puts the preferred caregiver's routes first for a seed that misses them", () => {
    const sol = constructRegret(m, cand);
    const prefRoute = (o: number, r: number) => m.oPref[o]!.has(m.rCg[r]);
    const o = Array.from({ length: m.nO }, (_, i) => i).find(
      (i) => m.oPref[i] != null && cand[i].some((r) => prefRoute(i, r)) && !prefRoute(i, cand[i][0]),
    )!;
    expect(o).toBeDefined();
    if (sol.routeOf[o] >= 0) sol.remove(o);
    const routes = preferredFirst(sol, cand[o], o);
    expect([...routes].sort((a, b) => a - b)).toEqual([...cand[o]].sort((a, b) => a - b));
    expect(prefRoute(o, routes[0])).toBe(true);
    const r = cand[o].find((x) => prefRoute(o, x) && sol.bestInsert(o, x).pos >= 0);
    if (r !== undefined) {
      sol.insertAt(o, r, sol.bestInsert(o, r).pos);
      expect(preferredFirst(sol, cand[o], o)).toBe(cand[o]);
    }
  });
});
