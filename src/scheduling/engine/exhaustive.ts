/**
 * Exhaustive branch and bound for tiny instances (a few caregivers, about a dozen orders), to
 * measure the engine against. Orders are taken in window order; each is either left out or
 * inserted at every feasible position of every route, which enumerates every visit sequence
 * exactly once. A branch is cut when even assigning every remaining order could not beat the
 * best plan found (assigned, priority, continuity misses, travel: all monotone along a branch,
 * travel because great-circle travel obeys the triangle inequality).
 */
import { greedySolution } from './greedy.js';
import { type Model, canServe, compileModel, isMiss } from './model.js';
import { toPlan } from './plan.js';
import { type Score, Solution, compareScores } from './solution.js';
import { MINUTE_MS } from './time.js';
import type { Instance, Plan } from './types.js';

export interface ExhaustiveResult {
  plan: Plan;
  score: Score;
  /** False when the node limit stopped the search: the plan is then only the best found. */
  complete: boolean;
  nodes: number;
}

export function exhaustive(instance: Instance, nodeLimit = 3_000_000, continuityWorth?: number): ExhaustiveResult {
  const m = compileModel(instance, continuityWorth);
  const order = Array.from({ length: m.nO }, (_, i) => i).sort((a, b) => m.oWs[a] - m.oWs[b] || a - b);
  const restPriority = new Float64Array(m.nO + 1);
  for (let i = m.nO - 1; i >= 0; i--) restPriority[i] = restPriority[i + 1] + m.oPriority[order[i]];
  let best = greedySolution(m);
  let bestScore = best.score();
  const sol = new Solution(m);
  let nodes = 0;
  let complete = true;
  const cur = { assigned: 0, prioritySum: 0, misses: 0, travelMin: 0 };

  const dfs = (i: number): void => {
    if (++nodes > nodeLimit) {
      complete = false;
      return;
    }
    const rest = m.nO - i;
    const bound: Score = { ...cur, assigned: cur.assigned + rest, prioritySum: cur.prioritySum + restPriority[i], balance: 0 };
    if (i === m.nO) {
      const leaf = sol.score();
      if (compareScores(leaf, bestScore, continuityWorth) > 0) {
        best = sol.clone();
        bestScore = leaf;
      }
      return;
    }
    if (compareScores(bound, bestScore, continuityWorth) <= 0) return;
    const o = order[i];
    for (const { r, pos, miss } of options(m, sol, o)) {
      const before = sol.rTravel[r];
      sol.insertAt(o, r, pos);
      const dt = (sol.rTravel[r] - before) / MINUTE_MS;
      cur.assigned++;
      cur.prioritySum += m.oPriority[o];
      cur.misses += miss;
      cur.travelMin += dt;
      dfs(i + 1);
      cur.assigned--;
      cur.prioritySum -= m.oPriority[o];
      cur.misses -= miss;
      cur.travelMin -= dt;
      sol.remove(o);
      if (!complete) return;
    }
    dfs(i + 1);
  };
  dfs(0);
  return { plan: toPlan(m, best), score: bestScore, complete, nodes };
}

/** Every feasible (route, position) for the order, cheapest first so good plans come early. */
function options(m: Model, sol: Solution, o: number): { r: number; pos: number; miss: number; cost: number }[] {
  const list: { r: number; pos: number; miss: number; cost: number }[] = [];
  for (let c = 0; c < m.nC; c++) {
    if (!canServe(m, c, o) || sol.load[c] + m.oDurMin[o] > m.cWeekly[c]) continue;
    const miss = isMiss(m, o, c) ? 1 : 0;
    for (const r of m.cRoutes[c]) {
      if (!sol.fitsLoad(o, r)) continue;
      for (let pos = 0; pos <= sol.seq[r].length; pos++) {
        const d = sol.evalInsert(o, r, pos);
        if (!Number.isNaN(d)) list.push({ r, pos, miss, cost: miss * 1e9 + d });
      }
    }
  }
  return list.sort((a, b) => a.cost - b.cost || a.r - b.r || a.pos - b.pos);
}
