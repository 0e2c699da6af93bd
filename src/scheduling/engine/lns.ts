/**
 * Ruin and recreate (large neighbourhood search). Each iteration picks a visit, removes the visits
 * most related to it (close in space and time) from a few nearby caregivers' routes, and
 * reinserts them, together with some unassigned orders that could use those routes, by regret-2
 * insertion. The change is kept when the plan is no worse lexicographically, else undone.
 * The number of iterations is fixed by the caller, so the result depends only on input and seed.
 */
import { type Model, distKm } from './model.js';
import type { Rng } from './rng.js';
import type { Solution } from './solution.js';

export interface LnsLimits {
  iterations: number;
  deadline: number;
  rng: Rng;
}

export function routeOrderIndex(m: Model, cand: number[][]): number[][] {
  const index: number[][] = Array.from({ length: m.nR }, () => []);
  cand.forEach((routes, o) => routes.forEach((r) => index[r]!.push(o)));
  return index;
}

export function ruinAndRecreate(sol: Solution, cand: number[][], limits: LnsLimits): number {
  const m = sol.m;
  const { rng } = limits;
  const routeOrders = routeOrderIndex(m, cand);
  let kept = 0;
  if (m.nO === 0) return kept;
  for (let it = 0; it < limits.iterations; it++) {
    if ((it & 63) === 0 && Date.now() > limits.deadline) break;
    const seed = Math.floor(rng() * m.nO);
    if (cand[seed]!.length === 0) continue;
    const routes = pickRoutes(sol, cand[seed]!, rng);
    const removed = related(sol, seed, routes, 4 + Math.floor(rng() * 14));
    const extra = new Set<number>();
    for (const r of routes) {
      for (const o of routeOrders[r]!) if (sol.routeOf[o]! < 0 && extra.size < 8) extra.add(o);
    }
    sol.journal = { routes: new Map(), loads: new Map(), orders: new Map() };
    for (const o of removed) sol.remove(o);
    recreate(sol, cand, [...removed, ...extra], rng);
    if (sol.journalDelta() >= 0) {
      sol.journal = null;
      kept++;
    } else sol.undo();
  }
  return kept;
}

/** A few routes near the seed order: its own route (if any) and random ones among its nearest. */
function pickRoutes(sol: Solution, options: number[], rng: Rng): number[] {
  const count = 2 + Math.floor(rng() * 4);
  const pool = options.slice(0, Math.max(count * 2, 8));
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, pool.length)) chosen.add(pool[Math.floor(rng() * pool.length)]!);
  return [...chosen];
}

/** The k visits of these routes closest to the seed in space (km) and time (3 km per hour apart). */
function related(sol: Solution, seed: number, routes: number[], k: number): number[] {
  const m = sol.m;
  const mid = (m.oWs[seed]! + m.oWe[seed]!) / 2;
  const scored: { o: number; s: number }[] = [];
  for (const r of routes) {
    const st = sol.st[r]!;
    sol.seq[r]!.forEach((o, i) => {
      const hours = Math.abs(st[i]! - mid) / 3_600_000;
      scored.push({ o, s: distKm(m, seed, o) + 3 * hours });
    });
  }
  scored.sort((a, b) => a.s - b.s || a.o - b.o);
  const out = scored.slice(0, k).map((x) => x.o);
  const own = sol.routeOf[seed]!;
  if (own >= 0 && !out.includes(seed)) out.push(seed);
  return out;
}

/** Regret-2 insertion of a small set of orders (sometimes cheapest-first, for diversity). */
function recreate(sol: Solution, cand: number[][], orders: number[], rng: Rng): void {
  const m = sol.m;
  const open = new Set(orders);
  const useRegret = rng() < 0.7;
  const cost = new Map<number, Float64Array>();
  const pos = new Map<number, Int32Array>();
  for (const o of orders) {
    const cs = new Float64Array(cand[o]!.length);
    const ps = new Int32Array(cand[o]!.length);
    cand[o]!.forEach((r, k) => {
      const b = sol.bestInsert(o, r);
      cs[k] = b.cost;
      ps[k] = b.pos;
    });
    cost.set(o, cs);
    pos.set(o, ps);
  }
  while (open.size > 0) {
    let pick = -1;
    let pickSlot = -1;
    let k0 = -1;
    let k1 = -Infinity;
    let k2 = -Infinity;
    for (const o of open) {
      const cs = cost.get(o)!;
      let b1 = Infinity;
      let b2 = Infinity;
      let slot = -1;
      for (let k = 0; k < cs.length; k++) {
        const v = cs[k]!;
        if (v < b1) {
          b2 = b1;
          b1 = v;
          slot = k;
        } else if (v < b2) b2 = v;
      }
      if (slot < 0) continue;
      const single = useRegret && b2 === Infinity ? 1 : 0;
      const pr = m.oPriority[o]!;
      const third = useRegret ? (b2 === Infinity ? 0 : b2 - b1) : -b1;
      if (single > k0 || (single === k0 && (pr > k1 || (pr === k1 && third > k2)))) {
        pick = o;
        pickSlot = slot;
        k0 = single;
        k1 = pr;
        k2 = third;
      }
    }
    if (pick < 0) return;
    const r = cand[pick]![pickSlot]!;
    sol.insertAt(pick, r, pos.get(pick)![pickSlot]!);
    open.delete(pick);
    const c = m.rCg[r]!;
    for (const o of open) {
      const routes = cand[o]!;
      for (let k = 0; k < routes.length; k++) {
        if (m.rCg[routes[k]!] !== c) continue;
        const b = sol.bestInsert(o, routes[k]!);
        cost.get(o)![k] = b.cost;
        pos.get(o)![k] = b.pos;
      }
    }
  }
}
