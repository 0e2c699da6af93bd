/**
 * Regret-2 insertion. Each unassigned order keeps its cheapest insertion per candidate route; the
 * next order inserted is the one it would hurt most to postpone: orders with a single option
 * left first, then higher priority, then the largest gap between best and second-best route.
 * After an insertion only the orders that could use that caregiver are re-evaluated.
 */
import type { Model } from './model.js';
import { Solution } from './solution.js';
import { storeBestTwo } from './best-two.js';

export function constructRegret(m: Model, cand: number[][]): Solution {
  const sol = new Solution(m);
  const cost: Float64Array[] = cand.map((rs) => new Float64Array(rs.length));
  const pos: Int32Array[] = cand.map((rs) => new Int32Array(rs.length));
  // Orders to re-evaluate when a caregiver's plan changes, with the candidate slots concerned.
  const byCaregiver: { o: number; k: number }[][] = Array.from({ length: m.nC }, () => []);
  cand.forEach((routes, o) =>
    routes.forEach((r, k) => {
      byCaregiver[m.rCg[r]].push({ o, k });
      const b = sol.bestInsert(o, r);
      cost[o][k] = b.cost;
      pos[o][k] = b.pos;
    }),
  );
  // Cheapest and second-cheapest cost per order, refreshed only when one of its costs changes.
  const b1 = new Float64Array(m.nO);
  const b2 = new Float64Array(m.nO);
  const slot = new Int32Array(m.nO);
  const refresh = (o: number) => storeBestTwo(cost[o], o, b1, b2, slot);
  // Open orders as a list (the pick does not depend on its order) and as flags.
  const openList = Int32Array.from({ length: m.nO }, (_, o) => o);
  let openCount = m.nO;
  const open = new Uint8Array(m.nO).fill(1);
  for (let o = 0; o < m.nO; o++) refresh(o);
  for (;;) {
    let pick = -1;
    let pickSingle = false;
    let pickPriority = -Infinity;
    let pickRegret = -Infinity;
    for (let i = 0; i < openCount; i++) {
      const o = openList[i];
      if (slot[o] < 0) continue;
      const single = b2[o] === Infinity;
      const priority = m.oPriority[o];
      const regret = single ? 0 : b2[o] - b1[o];
      const better =
        pick < 0 ||
        (single !== pickSingle
          ? single
          : priority !== pickPriority
            ? priority > pickPriority
            : regret > pickRegret || (regret === pickRegret && o < pick));
      if (better) {
        pick = o;
        pickSingle = single;
        pickPriority = priority;
        pickRegret = regret;
      }
    }
    if (pick < 0) break;
    const r = cand[pick][slot[pick]];
    sol.insertAt(pick, r, pos[pick][slot[pick]]);
    open[pick] = 0;
    const at = openList.indexOf(pick);
    openList[at] = openList[--openCount]!;
    let last = -1;
    for (const { o, k } of byCaregiver[m.rCg[r]]) {
      if (open[o] === 0) continue;
      const b = sol.bestInsert(o, cand[o][k]);
      cost[o][k] = b.cost;
      pos[o][k] = b.pos;
      if (o !== last) {
        if (last >= 0) refresh(last);
        last = o;
      }
    }
    if (last >= 0) refresh(last);
  }
  return sol;
}
