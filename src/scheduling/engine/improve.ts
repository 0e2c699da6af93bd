/**
 * Local search over a working solution. Each pass, in a seeded random order:
 *   1. insert unassigned orders where they fit;
 *   2. ejection: make room for an unassigned order by moving one visit to another route
 *      (or, for a higher-priority order, by dropping a lower-priority visit);
 *   3. relocate: move one visit to its cheapest position in any candidate route (its own included);
 *   4. swap: exchange two visits between routes in place;
 *   5. 2-opt* when asked: exchange the tails of two routes (two-opt-star.ts).
 * Only strictly improving moves are taken (lexicographic: assigned, priority, continuity, travel,
 * workload), so the search ends; passes are capped by count, time is only a safety cap.
 */
import { type Model, backMs, canServe, homeOf, isMiss, travelMsBetween } from './model.js';
import { type Rng, shuffleInPlace } from './rng.js';
import { BALANCE_WEIGHT, EPS, type Solution, walkLater } from './solution.js';
import { MINUTE_MS, ceilToStep } from './time.js';
import { twoOptStarPass } from './two-opt-star.js';

export interface ImproveLimits {
  maxPasses: number;
  deadline: number;
  rng: Rng;
  swapRoutes?: number;
  /** Also exchange route tails (2-opt*); default false. */
  twoOptStar?: boolean;
}

export function improve(sol: Solution, cand: number[][], limits: ImproveLimits): number {
  let passes = 0;
  while (passes < limits.maxPasses && Date.now() < limits.deadline) {
    passes++;
    let improved = false;
    if (insertUnassigned(sol, cand)) improved = true;
    if (ejectAndInsert(sol, cand, limits.deadline)) improved = true;
    if (relocatePass(sol, cand, limits.rng)) improved = true;
    if (swapPass(sol, cand, limits.rng, limits.swapRoutes ?? 8)) improved = true;
    if (limits.twoOptStar === true && twoOptStarPass(sol, cand, limits.rng, 10, limits.deadline)) improved = true;
    if (!improved) break;
  }
  return passes;
}

function unassignedByPriority(sol: Solution): number[] {
  const m = sol.m;
  const list: number[] = [];
  for (let o = 0; o < m.nO; o++) if (sol.routeOf[o] < 0) list.push(o);
  return list.sort((a, b) => m.oPriority[b] - m.oPriority[a] || a - b);
}

function cheapest(sol: Solution, o: number, routes: number[]): { r: number; pos: number; cost: number } {
  let best = { r: -1, pos: -1, cost: Infinity };
  for (const r of routes) {
    const b = sol.bestInsert(o, r);
    if (b.cost < best.cost) best = { r, pos: b.pos, cost: b.cost };
  }
  return best;
}

function insertUnassigned(sol: Solution, cand: number[][]): boolean {
  let changed = false;
  for (const o of unassignedByPriority(sol)) {
    const b = cheapest(sol, o, cand[o]);
    if (b.r < 0) continue;
    sol.insertAt(o, b.r, b.pos);
    changed = true;
  }
  return changed;
}

function ejectAndInsert(sol: Solution, cand: number[][], deadline: number): boolean {
  const m = sol.m;
  let changed = false;
  for (const u of unassignedByPriority(sol)) {
    if (Date.now() > deadline) break;
    if (tryEject(sol, cand, u)) changed = true;
  }
  return changed;
  function tryEject(s: Solution, c: number[][], u: number): boolean {
    // The nearest few routes only: ejection is the most expensive move.
    for (const r of c[u].slice(0, 8)) {
      const cg = m.rCg[r];
      for (const v of [...s.seq[r]]) {
        if (s.load[cg] - m.oDurMin[v] + m.oDurMin[u] > m.cWeekly[cg]) continue;
        const from = s.remove(v);
        const b = s.bestInsert(u, r);
        if (b.pos >= 0) {
          s.insertAt(u, r, b.pos);
          const again = cheapest(s, v, c[v]);
          if (again.r >= 0) {
            s.insertAt(v, again.r, again.pos);
            return true;
          }
          if (m.oPriority[u] > m.oPriority[v] + EPS) return true;
          s.remove(u);
        }
        s.insertAt(v, from.r, from.pos);
      }
    }
    return false;
  }
}

function relocatePass(sol: Solution, cand: number[][], rng: Rng): boolean {
  const m = sol.m;
  let changed = false;
  const orders = shuffleInPlace(
    Array.from({ length: m.nO }, (_, i) => i).filter((o) => sol.routeOf[o] >= 0),
    rng,
  );
  for (const o of orders) {
    const gain = sol.removalGain(o);
    const from = sol.remove(o);
    const routes = cand[o].includes(from.r) ? cand[o] : [...cand[o], from.r];
    const b = cheapest(sol, o, routes);
    if (b.r >= 0 && b.cost < gain - EPS && !(b.r === from.r && b.pos === from.pos)) {
      sol.insertAt(o, b.r, b.pos);
      changed = true;
    } else sol.insertAt(o, from.r, from.pos);
  }
  return changed;
}

/** Extra travel (ms) of putting `o` in place of the visit at `k` of route `r`, or NaN if infeasible. */
function evalReplace(sol: Solution, r: number, k: number, o: number): number {
  const m = sol.m;
  const seq = sol.seq[r];
  const st = sol.st[r];
  const rEnd = m.rEnd[r];
  const old = seq[k];
  const prev = k === 0 ? homeOf(m, m.rCg[r]) : seq[k - 1];
  const prevEnd = k === 0 ? m.rStart[r] : st[k - 1] + m.oDur[prev];
  const dIn = travelMsBetween(m, prev, o);
  const t = ceilToStep(Math.max(prevEnd + dIn, m.oWs[o]), m.step) + m.oDur[o];
  if (t > m.oWe[o] || t > rEnd) return NaN;
  let delta = dIn - travelMsBetween(m, prev, old);
  if (k + 1 === seq.length) {
    if (!m.returnToBase) return delta;
    const back = backMs(m, r, o);
    return t + back > rEnd ? NaN : delta + back - sol.rBack[r];
  }
  const next = seq[k + 1];
  const dOut = travelMsBetween(m, o, next);
  delta += dOut - travelMsBetween(m, old, next);
  return walkLater(sol, r, k + 1, o, t, dOut) ? delta : NaN;
}

function swapPass(sol: Solution, cand: number[][], rng: Rng, swapRoutes: number): boolean {
  const m = sol.m;
  let changed = false;
  const orders = shuffleInPlace(
    Array.from({ length: m.nO }, (_, i) => i).filter((o) => sol.routeOf[o] >= 0),
    rng,
  );
  for (const o1 of orders) {
    const a = sol.routeOf[o1];
    const ca = m.rCg[a];
    const routes = cand[o1];
    let done = false;
    for (let i = 0; i < routes.length && i < swapRoutes && !done; i++) {
      const b = routes[i];
      if (b === a) continue;
      const cb = m.rCg[b];
      const seqB = sol.seq[b];
      for (let j = 0; j < seqB.length; j++) {
        const o2 = seqB[j];
        if (ca !== cb) {
          if (!canServe(m, ca, o2)) continue;
          const d1 = m.oDurMin[o1];
          const d2 = m.oDurMin[o2];
          if (sol.load[ca] - d1 + d2 > m.cWeekly[ca] || sol.load[cb] - d2 + d1 > m.cWeekly[cb]) continue;
        }
        const q = m.oDemand[o2] - m.oDemand[o1];
        if (sol.rDemand[a] + q > m.cCapacity[ca] || sol.rDemand[b] - q > m.cCapacity[cb]) continue;
        const k = sol.seq[a].indexOf(o1);
        const dA = evalReplace(sol, a, k, o2);
        if (Number.isNaN(dA)) continue;
        const dB = evalReplace(sol, b, j, o1);
        if (Number.isNaN(dB)) continue;
        const delta = swapDelta(sol, o1, ca, o2, cb) + (dA + dB) / MINUTE_MS;
        if (delta >= -EPS) continue;
        sol.seq[a][k] = o2;
        seqB[j] = o1;
        sol.schedule(a);
        sol.schedule(b);
        sol.load[ca] += m.oDurMin[o2] - m.oDurMin[o1];
        sol.load[cb] += m.oDurMin[o1] - m.oDurMin[o2];
        sol.routeOf[o1] = b;
        sol.routeOf[o2] = a;
        changed = true;
        done = true;
        break;
      }
    }
  }
  return changed;
}

/** Continuity and workload part of swapping o1 (caregiver ca) with o2 (caregiver cb). */
function swapDelta(sol: Solution, o1: number, ca: number, o2: number, cb: number): number {
  const m: Model = sol.m;
  const miss = (o: number, c: number) => (isMiss(m, o, c) ? 1 : 0);
  let d = (miss(o1, cb) + miss(o2, ca) - miss(o1, ca) - miss(o2, cb)) * m.missWeight;
  if (ca !== cb) {
    const la = sol.load[ca];
    const lb = sol.load[cb];
    const shift = m.oDurMin[o2] - m.oDurMin[o1];
    d += (BALANCE_WEIGHT * ((la + shift) ** 2 - la ** 2 + (lb - shift) ** 2 - lb ** 2)) / 3600;
  }
  return d;
}
