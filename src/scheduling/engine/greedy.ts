/**
 * Greedy baseline: orders first come first served by window start; each goes to the nearest
 * feasible caregiver (least travel from where that caregiver would come from), appended to the
 * end of one of their shifts. Considers every caregiver; no look-ahead, no continuity.
 */
import { type Model, canServe, compileModel, homeOf, travelMsBetween } from './model.js';
import { Solution } from './solution.js';
import { toPlan } from './plan.js';
import type { Instance, Plan } from './types.js';

export function greedySolution(m: Model): Solution {
  const sol = new Solution(m);
  const order = Array.from({ length: m.nO }, (_, i) => i).sort((a, b) => m.oWs[a] - m.oWs[b] || a - b);
  for (const o of order) {
    let bestR = -1;
    let bestD = Infinity;
    for (let c = 0; c < m.nC; c++) {
      if (!canServe(m, c, o) || sol.load[c] + m.oDurMin[o] > m.cWeekly[c]) continue;
      for (const r of m.cRoutes[c]) {
        if (m.rEnd[r] <= m.oWs[o] || m.rStart[r] >= m.oWe[o] || !sol.fitsLoad(o, r)) continue;
        const seq = sol.seq[r];
        if (Number.isNaN(sol.evalInsert(o, r, seq.length))) continue;
        const from = seq.length === 0 ? homeOf(m, c) : seq[seq.length - 1];
        const d = travelMsBetween(m, from, o);
        if (d < bestD) {
          bestD = d;
          bestR = r;
        }
      }
    }
    if (bestR >= 0) sol.insertAt(o, bestR, sol.seq[bestR].length);
  }
  return sol;
}

export function greedyPlan(instance: Instance): Plan {
  const m = compileModel(instance);
  return toPlan(m, greedySolution(m));
}
