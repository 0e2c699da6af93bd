/**
 * A working plan: one visit sequence per route, with earliest-start times. Earliest start is
 * optimal for a fixed sequence, and since great-circle travel obeys the triangle inequality,
 * removing a visit never makes a route infeasible. Each route also keeps the travel into each
 * visit and the latest time each visit may be reached with the rest of the route still on time,
 * so most insertions are checked in constant time. With returnToBase, a route's travel includes
 * the way back from its last visit, which must end by the shift's end.
 */
import { MINUTE_MS, ceilToStep, floorToStep } from './time.js';
import { type Model, backMs, homeOf, isMiss, travelMsBetween } from './model.js';
import type { Rng } from './rng.js';

export const BALANCE_WEIGHT = 1e-6;
export const EPS = 1e-9;

export interface Score {
  assigned: number;
  prioritySum: number;
  misses: number;
  travelMin: number;
  balance: number;
}

export const ZERO_SCORE: Score = { assigned: 0, prioritySum: 0, misses: 0, travelMin: 0, balance: 0 };

export interface Journal {
  routes: Map<number, { seq: number[]; leg: number[]; travel: number }>;
  loads: Map<number, number>;
  orders: Map<number, number>;
}

export class Solution {
  readonly seq: number[][];
  readonly st: number[][];
  /** Travel (ms) into each visit from the previous one (or from the caregiver's location). */
  readonly leg: number[][];
  /** Latest arrival (ms) at each visit that keeps it and every later visit of the route feasible. */
  readonly latest: number[][];
  readonly rTravel: Float64Array;
  /** Travel (ms) of the way back from the last visit (0 without returnToBase or visits). */
  readonly rBack: Float64Array;
  /** Sum of the demands of the route's visits. */
  readonly rDemand: Float64Array;
  readonly load: Float64Array;
  readonly routeOf: Int32Array;

  /** When set, the first change to each route, load and order is recorded so it can be undone. */
  journal: Journal | null = null;

  constructor(readonly m: Model) {
    this.seq = Array.from({ length: m.nR }, () => []);
    this.st = Array.from({ length: m.nR }, () => []);
    this.leg = Array.from({ length: m.nR }, () => []);
    this.latest = Array.from({ length: m.nR }, () => []);
    this.rTravel = new Float64Array(m.nR);
    this.rBack = new Float64Array(m.nR);
    this.rDemand = new Float64Array(m.nR);
    this.load = new Float64Array(m.nC);
    this.routeOf = new Int32Array(m.nO).fill(-1);
  }

  clone(): Solution {
    const s = new Solution(this.m);
    s.copyFrom(this);
    return s;
  }

  /** Recomputes a route's times and travel; false when the sequence breaks a window or the shift. */
  schedule(r: number): boolean {
    const m = this.m;
    const seq = this.seq[r];
    const leg = this.leg[r];
    leg.length = seq.length;
    let p = homeOf(m, m.rCg[r]);
    for (let k = 0; k < seq.length; k++) {
      leg[k] = travelMsBetween(m, p, seq[k]);
      p = seq[k]!;
    }
    return this.retime(r);
  }

  /** Recomputes a route's times, latest arrivals and travel from its (already correct) legs. */
  private retime(r: number): boolean {
    const m = this.m;
    const seq = this.seq[r];
    const st = this.st[r];
    const leg = this.leg[r];
    const latest = this.latest[r];
    const n = seq.length;
    st.length = n;
    latest.length = n;
    const rEnd = m.rEnd[r];
    let t = m.rStart[r];
    let travel = 0;
    let demand = 0;
    let ok = true;
    for (let k = 0; k < n; k++) {
      const o = seq[k];
      const d = leg[k];
      travel += d;
      demand += m.oDemand[o];
      const s = ceilToStep(Math.max(t + d, m.oWs[o]), m.step);
      st[k] = s;
      t = s + m.oDur[o];
      if (t > m.oWe[o] || t > rEnd) ok = false;
    }
    const back = n > 0 ? backMs(m, r, seq[n - 1]) : 0;
    if (t + back > rEnd) ok = false;
    for (let k = n - 1; k >= 0; k--) {
      const o = seq[k];
      let cap = Math.min(m.oWe[o], rEnd - (k + 1 === n ? back : 0)) - m.oDur[o];
      if (k + 1 < n) cap = Math.min(cap, latest[k + 1] - leg[k + 1] - m.oDur[o]);
      latest[k] = latestArrival(cap, m.oWs[o], m.step);
    }
    this.rBack[r] = back;
    this.rDemand[r] = demand;
    if (demand > m.cCapacity[m.rCg[r]]) ok = false;
    this.rTravel[r] = travel + back;
    return ok;
  }

  private touch(o: number, r: number): void {
    const j = this.journal;
    if (!j) return;
    if (!j.routes.has(r)) j.routes.set(r, { seq: [...this.seq[r]], leg: [...this.leg[r]], travel: this.rTravel[r] });
    const c = this.m.rCg[r];
    if (!j.loads.has(c)) j.loads.set(c, this.load[c]);
    if (!j.orders.has(o)) j.orders.set(o, this.routeOf[o]);
  }

  insertAt(o: number, r: number, pos: number): void {
    this.touch(o, r);
    const m = this.m;
    const seq = this.seq[r];
    const leg = this.leg[r];
    seq.splice(pos, 0, o);
    leg.splice(pos, 0, travelMsBetween(m, pos === 0 ? homeOf(m, m.rCg[r]) : seq[pos - 1], o));
    if (pos + 1 < seq.length) leg[pos + 1] = travelMsBetween(m, o, seq[pos + 1]);
    this.retime(r);
    this.load[this.m.rCg[r]] += this.m.oDurMin[o];
    this.routeOf[o] = r;
  }

  /** Takes the order out of its route; returns where it was. */
  remove(o: number): { r: number; pos: number } {
    const r = this.routeOf[o];
    this.touch(o, r);
    const m = this.m;
    const seq = this.seq[r];
    const leg = this.leg[r];
    const pos = seq.indexOf(o);
    seq.splice(pos, 1);
    leg.splice(pos, 1);
    if (pos < seq.length) leg[pos] = travelMsBetween(m, pos === 0 ? homeOf(m, m.rCg[r]) : seq[pos - 1], seq[pos]);
    this.retime(r);
    this.load[this.m.rCg[r]] -= this.m.oDurMin[o];
    this.routeOf[o] = -1;
    return { r, pos };
  }

  /**
   * Extra travel (ms) of inserting `o` at `pos` of route `r`, or NaN when a window or the shift
   * would break. Constant time unless the arrival at the next visit is within a millisecond of its
   * latest arrival; then the route is walked until a later visit keeps its old start.
   */
  evalInsert(o: number, r: number, pos: number): number {
    const m = this.m;
    const prev = pos === 0 ? homeOf(m, m.rCg[r]) : this.seq[r][pos - 1];
    return this.evalInsertFrom(o, r, pos, travelMsBetween(m, prev, o));
  }

  /** Travel (ms) from the order to the next visit, as last computed by evalInsertFrom; NaN when not. */
  private lastOut = NaN;

  /** evalInsert with the travel into `o` given. */
  private evalInsertFrom(o: number, r: number, pos: number, dIn: number): number {
    const m = this.m;
    const seq = this.seq[r];
    const st = this.st[r];
    const rEnd = m.rEnd[r];
    this.lastOut = NaN;
    const prevEnd = pos === 0 ? m.rStart[r] : st[pos - 1] + m.oDur[seq[pos - 1]];
    const s = ceilToStep(Math.max(prevEnd + dIn, m.oWs[o]), m.step);
    const t = s + m.oDur[o];
    if (t > m.oWe[o] || t > rEnd) return NaN;
    if (pos === seq.length) {
      if (!m.returnToBase) return dIn;
      const back = backMs(m, r, o);
      if (t + back > rEnd) return NaN;
      return dIn + back - this.rBack[r];
    }
    const latest = this.latest[r][pos];
    if (t - latest > 1) return NaN;
    const next = seq[pos];
    const dOut = travelMsBetween(m, o, next);
    this.lastOut = dOut;
    const gain = dIn + dOut - this.leg[r][pos];
    // Far from the latest arrival either way, the answer is certain; near it, walk the route.
    const slack = latest - (t + dOut);
    if (slack >= 1) return gain;
    if (slack < -1) return NaN;
    return walkLater(this, r, pos, o, t, dOut) ? gain : NaN;
  }

  /**
   * Cost in minutes (continuity, travel, workload) of the cheapest feasible insertion, or Infinity.
   * With `blink`, each feasible position is passed over with that probability (for diversity).
   */
  bestInsert(o: number, r: number, blink: Rng | null = null, blinkRate = 0): { cost: number; pos: number } {
    const m = this.m;
    const c = m.rCg[r];
    const load = this.load[c];
    const dur = m.oDurMin[o];
    if (load + dur > m.cWeekly[c] || !this.fitsLoad(o, r)) return { cost: Infinity, pos: -1 };
    const seq = this.seq[r];
    const st = this.st[r];
    const latest = this.latest[r];
    const n = seq.length;
    const ws = m.oWs[o];
    const durMs = m.oDur[o];
    const endCap = Math.min(m.oWe[o], m.rEnd[r]);
    let best = Infinity;
    let bestPos = -1;
    // Travel into `o` from the previous point, carried over from the last position when known
    // (travel is symmetric to the bit).
    let dIn = NaN;
    for (let pos = 0; pos <= n; pos++) {
      const prevEnd = pos === 0 ? m.rStart[r] : st[pos - 1] + m.oDur[seq[pos - 1]];
      // Without any travel the visit would already end too late, here and at every later position.
      if (ceilToStep(Math.max(prevEnd, ws), m.step) + durMs > endCap) break;
      // Without any travel the next visit would already be reached too late.
      if (pos < n && Math.max(prevEnd, ws) + durMs - latest[pos] > 1) {
        dIn = NaN;
        continue;
      }
      if (Number.isNaN(dIn)) dIn = travelMsBetween(m, pos === 0 ? homeOf(m, c) : seq[pos - 1], o);
      const d = this.evalInsertFrom(o, r, pos, dIn);
      dIn = this.lastOut;
      if (!Number.isNaN(d) && d < best) {
        if (blink !== null && blink() < blinkRate) continue;
        best = d;
        bestPos = pos;
      }
    }
    if (bestPos < 0) return { cost: Infinity, pos: -1 };
    return { cost: this.insertCost(o, r, best), pos: bestPos };
  }

  /** Whether the route can carry the order's demand too. */
  fitsLoad(o: number, r: number): boolean {
    const m = this.m;
    return this.rDemand[r] + m.oDemand[o] <= m.cCapacity[m.rCg[r]];
  }

  /** Cost in minutes of adding `o` to route `r` at `travelMs` extra travel: continuity, travel, workload. */
  insertCost(o: number, r: number, travelMs: number): number {
    const m = this.m;
    const c = m.rCg[r];
    const load = this.load[c];
    const dur = m.oDurMin[o];
    const miss = isMiss(m, o, c) ? m.missWeight : 0;
    const bal = (BALANCE_WEIGHT * ((load + dur) ** 2 - load ** 2)) / 3600;
    return miss + travelMs / MINUTE_MS + bal;
  }

  /** Copies another solution of the same model into this one. */
  copyFrom(other: Solution): void {
    for (let r = 0; r < this.m.nR; r++) {
      this.seq[r] = [...other.seq[r]];
      this.st[r] = [...other.st[r]];
      this.leg[r] = [...other.leg[r]];
      this.latest[r] = [...other.latest[r]];
    }
    this.rTravel.set(other.rTravel);
    this.rBack.set(other.rBack);
    this.rDemand.set(other.rDemand);
    this.load.set(other.load);
    this.routeOf.set(other.routeOf);
    this.journal = null;
  }

  /** Cost (same units) the plan saves when the order leaves its route. */
  removalGain(o: number): number {
    const m = this.m;
    const r = this.routeOf[o];
    const seq = this.seq[r];
    const pos = seq.indexOf(o);
    const c = m.rCg[r];
    const prev = pos === 0 ? homeOf(m, c) : seq[pos - 1];
    let d = travelMsBetween(m, prev, o);
    if (pos + 1 < seq.length) {
      const next = seq[pos + 1];
      d += travelMsBetween(m, o, next) - travelMsBetween(m, prev, next);
    } else d += this.rBack[r] - backMs(m, r, prev);
    const load = this.load[c];
    const dur = m.oDurMin[o];
    const miss = isMiss(m, o, c) ? m.missWeight : 0;
    const bal = (BALANCE_WEIGHT * (load ** 2 - (load - dur) ** 2)) / 3600;
    return miss + d / MINUTE_MS + bal;
  }

  /** Puts back everything the journal recorded and stops recording. */
  undo(): void {
    const j = this.journal!;
    this.journal = null;
    for (const [r, old] of j.routes) {
      this.seq[r] = old.seq;
      this.leg[r] = old.leg;
      this.retime(r);
    }
    for (const [c, load] of j.loads) this.load[c] = load;
    for (const [o, r] of j.orders) this.routeOf[o] = r;
  }

  /** The score's change since the journal started (new minus old, per component). */
  journalChange(): Score {
    const j = this.journal!;
    const m = this.m;
    let assigned = 0;
    let priority = 0;
    let misses = 0;
    for (const [o, oldR] of j.orders) {
      const newR = this.routeOf[o];
      const sign = (newR >= 0 ? 1 : 0) - (oldR >= 0 ? 1 : 0);
      assigned += sign;
      priority += sign * m.oPriority[o];
      misses += (newR >= 0 && isMiss(m, o, m.rCg[newR]) ? 1 : 0) - (oldR >= 0 && isMiss(m, o, m.rCg[oldR]) ? 1 : 0);
    }
    let travel = 0;
    for (const [r, old] of j.routes) travel += this.rTravel[r] - old.travel;
    let balance = 0;
    for (const [c, load] of j.loads) balance += (this.load[c] ** 2 - load ** 2) / 3600;
    return { assigned, prioritySum: priority, misses, travelMin: travel / MINUTE_MS, balance };
  }

  score(): Score {
    const m = this.m;
    let assigned = 0;
    let prioritySum = 0;
    let misses = 0;
    for (let o = 0; o < m.nO; o++) {
      const r = this.routeOf[o];
      if (r < 0) continue;
      assigned++;
      prioritySum += m.oPriority[o];
      if (isMiss(m, o, m.rCg[r])) misses++;
    }
    let travel = 0;
    for (let r = 0; r < m.nR; r++) travel += this.rTravel[r];
    let balance = 0;
    for (let c = 0; c < m.nC; c++) balance += (this.load[c] / 60) ** 2;
    return { assigned, prioritySum, misses, travelMin: travel / MINUTE_MS, balance };
  }
}

/**
 * Walks route `r` from visit `pos` on, the visit before it (`p`) now ending at `t` and `d` ms
 * away: whether every later visit still keeps its window and the shift (and the way back, with
 * returnToBase). Stops as soon as a visit keeps its old start: the rest is unchanged.
 */
export function walkLater(sol: Solution, r: number, pos: number, p: number, t: number, d: number): boolean {
  const m = sol.m;
  const seq = sol.seq[r];
  const st = sol.st[r];
  const rEnd = m.rEnd[r];
  for (let k = pos; k < seq.length; k++) {
    const v = seq[k];
    if (k > pos) d = travelMsBetween(m, p, v);
    const sv = ceilToStep(Math.max(t + d, m.oWs[v]), m.step);
    if (sv <= st[k]) return true;
    t = sv + m.oDur[v];
    if (t > m.oWe[v] || t > rEnd) return false;
    p = v;
  }
  return !m.returnToBase || t + sol.rBack[r] <= rEnd;
}

/**
 * The latest arrival at a visit that may start no later than `latestStart`: visits start on whole
 * minutes (or `step`s), so arriving up to that minute (rounded down) is on time; -Infinity when
 * even arriving at the window's opening is too late.
 */
export function latestArrival(latestStart: number, windowStart: number, step: number = MINUTE_MS): number {
  const s = floorToStep(latestStart, step);
  return windowStart > s ? -Infinity : s;
}

/** Positive when `a` is the better plan: more assigned, then priority, continuity, travel, balance. */
export function compareScores(a: Score, b: Score, continuityWorth?: number): number {
  if (a.assigned !== b.assigned) return a.assigned - b.assigned;
  if (Math.abs(a.prioritySum - b.prioritySum) > EPS) return a.prioritySum - b.prioritySum;
  if (continuityWorth !== undefined) {
    const cost = (s: Score) => s.travelMin + continuityWorth * s.misses;
    if (Math.abs(cost(a) - cost(b)) > 1e-6) return cost(b) - cost(a);
  }
  if (a.misses !== b.misses) return b.misses - a.misses;
  if (Math.abs(a.travelMin - b.travelMin) > 1e-6) return b.travelMin - a.travelMin;
  if (Math.abs(a.balance - b.balance) > 1e-9) return b.balance - a.balance;
  return 0;
}
