import { describe, expect, it } from '@jest/globals';
import { constructRegret } from './construct.js';
import { candidateRoutes, compileModel } from './model.js';
import { createRng } from './rng.js';
import { relatedRemoval, stringRemoval } from './ruin.js';
import { urbanDay } from './search-fixtures.js';

describe('ruin operators', () => {
  const m = compileModel(urbanDay(3));
  const cand = candidateRoutes(m, 15);
  const sol = constructRegret(m, cand);
  const assigned = Array.from({ length: m.nO }, (_, o) => o).filter((o) => sol.routeOf[o] >= 0);

  it('string removal takes runs of consecutive visits, one per route, the seed among them', () => {
    const rng = createRng(1);
    for (const seed of assigned.slice(0, 40)) {
      const out = stringRemoval(sol, cand[seed], seed, rng, { maxLength: 10, meanRemoved: 10 });
      expect(out).toContain(seed);
      expect(new Set(out).size).toBe(out.length);
      const byRoute = new Map<number, number[]>();
      for (const o of out) byRoute.set(sol.routeOf[o], [...(byRoute.get(sol.routeOf[o]) ?? []), sol.seq[sol.routeOf[o]].indexOf(o)]);
      for (const positions of byRoute.values()) {
        positions.sort((a, b) => a - b);
        expect(positions[positions.length - 1] - positions[0]).toBe(positions.length - 1);
        expect(positions.length).toBeLessThanOrEqual(10);
      }
    }
  });

  it("related removal takes distinct visits of the seed's candidate routes, the seed included", () => {
    const rng = createRng(2);
    for (const seed of assigned.slice(0, 40)) {
      const out = relatedRemoval(sol, cand[seed], seed, rng);
      expect(out).toContain(seed);
      expect(new Set(out).size).toBe(out.length);
      for (const o of out) expect(o === seed || cand[seed].includes(sol.routeOf[o])).toBe(true);
    }
  });
});
