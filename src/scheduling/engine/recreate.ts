/**
 * Recreate step of the ruin-and-recreate search: puts a small set of orders back.
 *   - regret: regret-2 insertion (orders with one option left first, then higher priority, then
 *     the largest gap between best and second-best route; or, for diversity, cheapest first);
 *   - sequential: orders one by one (higher priority first, then a random or time-based order),
 *     each at its cheapest position, passing over positions at a small blink rate.
 */
import type { Rng } from './rng.js';
import { shuffleInPlace } from './rng.js';
import type { Solution } from './solution.js';
import { storeBestTwo } from './best-two.js';

export function recreateRegret(sol: Solution, cand: number[][], orders: number[], rng: Rng): void {
  const m = sol.m;
  const n = orders.length;
  const useRegret = rng() < 0.7;
  const cost: Float64Array[] = [];
  const pos: Int32Array[] = [];
  // Per order: cheapest and second-cheapest cost and the slot of the cheapest.
  const b1 = new Float64Array(n);
  const b2 = new Float64Array(n);
  const slot = new Int32Array(n);
  const open = new Uint8Array(n).fill(1);
  const refresh = (i: number) => storeBestTwo(cost[i], i, b1, b2, slot);
  for (let i = 0; i < n; i++) {
    const routes = cand[orders[i]];
    const cs = new Float64Array(routes.length);
    const ps = new Int32Array(routes.length);
    for (let k = 0; k < routes.length; k++) {
      const b = sol.bestInsert(orders[i], routes[k]);
      cs[k] = b.cost;
      ps[k] = b.pos;
    }
    cost.push(cs);
    pos.push(ps);
    refresh(i);
  }
  for (let left = n; left > 0; left--) {
    let pick = -1;
    let k0 = -1;
    let k1 = -Infinity;
    let k2 = -Infinity;
    for (let i = 0; i < n; i++) {
      if (open[i] === 0 || slot[i] < 0) continue;
      const single = useRegret && b2[i] === Infinity ? 1 : 0;
      const pr = m.oPriority[orders[i]];
      const third = useRegret ? (b2[i] === Infinity ? 0 : b2[i] - b1[i]) : -b1[i];
      if (single > k0 || (single === k0 && (pr > k1 || (pr === k1 && third > k2)))) {
        pick = i;
        k0 = single;
        k1 = pr;
        k2 = third;
      }
    }
    if (pick < 0) return;
    const o = orders[pick];
    const r = cand[o][slot[pick]];
    sol.insertAt(o, r, pos[pick][slot[pick]]);
    open[pick] = 0;
    const c = m.rCg[r];
    for (let i = 0; i < n; i++) {
      if (open[i] === 0) continue;
      const routes = cand[orders[i]];
      let changed = false;
      for (let k = 0; k < routes.length; k++) {
        if (m.rCg[routes[k]] !== c) continue;
        const b = sol.bestInsert(orders[i], routes[k]);
        cost[i][k] = b.cost;
        pos[i][k] = b.pos;
        changed = true;
      }
      if (changed) refresh(i);
    }
  }
}

/** The orders in the sequence the sequential recreate takes them: priority first, then by `key`. */
export function insertionOrder(sol: Solution, orders: number[], key: 'random' | 'windowStart' | 'windowEnd' | 'tight', rng: Rng): number[] {
  const m = sol.m;
  const list = shuffleInPlace([...orders], rng);
  const k = (o: number) =>
    key === 'windowStart' ? m.oWs[o] : key === 'windowEnd' ? m.oWe[o] : key === 'tight' ? m.oWe[o] - m.oWs[o] - m.oDur[o] : 0;
  return list.sort((a, b) => m.oPriority[b] - m.oPriority[a] || k(a) - k(b));
}

const KEYS = ['random', 'random', 'windowStart', 'windowEnd', 'tight'] as const;

export function recreateSequential(sol: Solution, cand: number[][], orders: number[], rng: Rng, blinkRate: number): void {
  const key = KEYS[Math.floor(rng() * KEYS.length)];
  for (const o of insertionOrder(sol, orders, key, rng)) {
    let bestR = -1;
    let bestPos = -1;
    let bestCost = Infinity;
    for (const r of cand[o]) {
      const b = sol.bestInsert(o, r, rng, blinkRate);
      if (b.cost < bestCost) {
        bestCost = b.cost;
        bestR = r;
        bestPos = b.pos;
      }
    }
    if (bestR >= 0) sol.insertAt(o, bestR, bestPos);
  }
}
