/**
 * A working plan: one visit sequence per route, with earliest-start times. Earliest start is
 * optimal for a fixed sequence, and since great-circle travel obeys the triangle inequality,
 * removing a visit never makes a route infeasible.
 */
import { MINUTE_MS, ceilToMinute } from './time.js';
import { type Model, homeOf, isMiss, travelMsBetween } from './model.js';

/** Lexicographic weights for one move's cost in minutes: a continuity miss outweighs any travel. */
export const MISS_WEIGHT = 10_000;
export const BALANCE_WEIGHT = 1e-6;
export const EPS = 1e-9;

export interface Score {
  assigned: number;
  prioritySum: number;
  misses: number;
  travelMin: number;
  balance: number;
}

export interface Journal {
  routes: Map<number, { seq: number[]; travel: number }>;
  loads: Map<number, number>;
  orders: Map<number, number>;
}

export class Solution {
  readonly seq: number[][];
  readonly st: number[][];
  readonly rTravel: Float64Array;
  readonly load: Float64Array;
  readonly routeOf: Int32Array;

  /** When set, the first change to each route, load and order is recorded so it can be undone. */
  journal: Journal | null = null;

  constructor(readonly m: Model) {
    this.seq = Array.from({ length: m.nR }, () => []);
    this.st = Array.from({ length: m.nR }, () => []);
    this.rTravel = new Float64Array(m.nR);
    this.load = new Float64Array(m.nC);
    this.routeOf = new Int32Array(m.nO).fill(-1);
  }

  clone(): Solution {
    const s = new Solution(this.m);
    for (let r = 0; r < this.m.nR; r++) {
      s.seq[r] = [...this.seq[r]!];
      s.st[r] = [...this.st[r]!];
    }
    s.rTravel.set(this.rTravel);
    s.load.set(this.load);
    s.routeOf.set(this.routeOf);
    return s;
  }

  /** Recomputes a route's times and travel; false when the sequence breaks a window or the shift. */
  schedule(r: number): boolean {
    const m = this.m;
    const seq = this.seq[r]!;
    const st = this.st[r]!;
    st.length = seq.length;
    let t = m.rStart[r]!;
    let p = homeOf(m, m.rCg[r]!);
    let travel = 0;
    let ok = true;
    for (let k = 0; k < seq.length; k++) {
      const o = seq[k]!;
      const d = travelMsBetween(m, p, o);
      travel += d;
      const s = ceilToMinute(Math.max(t + d, m.oWs[o]!));
      st[k] = s;
      t = s + m.oDur[o]!;
      if (t > m.oWe[o]! || t > m.rEnd[r]!) ok = false;
      p = o;
    }
    this.rTravel[r] = travel;
    return ok;
  }

  private touch(o: number, r: number): void {
    const j = this.journal;
    if (!j) return;
    if (!j.routes.has(r)) j.routes.set(r, { seq: [...this.seq[r]!], travel: this.rTravel[r]! });
    const c = this.m.rCg[r]!;
    if (!j.loads.has(c)) j.loads.set(c, this.load[c]!);
    if (!j.orders.has(o)) j.orders.set(o, this.routeOf[o]!);
  }

  insertAt(o: number, r: number, pos: number): void {
    this.touch(o, r);
    this.seq[r]!.splice(pos, 0, o);
    this.schedule(r);
    this.load[this.m.rCg[r]!]! += this.m.oDurMin[o]!;
    this.routeOf[o] = r;
  }

  /** Takes the order out of its route; returns where it was. */
  remove(o: number): { r: number; pos: number } {
    const r = this.routeOf[o]!;
    this.touch(o, r);
    const pos = this.seq[r]!.indexOf(o);
    this.seq[r]!.splice(pos, 1);
    this.schedule(r);
    this.load[this.m.rCg[r]!]! -= this.m.oDurMin[o]!;
    this.routeOf[o] = -1;
    return { r, pos };
  }

  /**
   * Extra travel (ms) of inserting `o` at `pos` of route `r`, or NaN when a window or the shift
   * would break. Stops as soon as a later visit keeps its old start: the rest is then unchanged.
   */
  evalInsert(o: number, r: number, pos: number): number {
    const m = this.m;
    const seq = this.seq[r]!;
    const st = this.st[r]!;
    const rEnd = m.rEnd[r]!;
    const prev = pos === 0 ? homeOf(m, m.rCg[r]!) : seq[pos - 1]!;
    const prevEnd = pos === 0 ? m.rStart[r]! : st[pos - 1]! + m.oDur[prev]!;
    const dIn = travelMsBetween(m, prev, o);
    const s = ceilToMinute(Math.max(prevEnd + dIn, m.oWs[o]!));
    let t = s + m.oDur[o]!;
    if (t > m.oWe[o]! || t > rEnd) return NaN;
    if (pos === seq.length) return dIn;
    const next = seq[pos]!;
    const dOut = travelMsBetween(m, o, next);
    let p = o;
    let d = dOut;
    for (let k = pos; k < seq.length; k++) {
      const v = seq[k]!;
      if (k > pos) d = travelMsBetween(m, p, v);
      const sv = ceilToMinute(Math.max(t + d, m.oWs[v]!));
      if (sv <= st[k]!) break;
      t = sv + m.oDur[v]!;
      if (t > m.oWe[v]! || t > rEnd) return NaN;
      p = v;
    }
    return dIn + dOut - travelMsBetween(m, prev, next);
  }

  /** Cost in minutes (continuity, travel, workload) of the cheapest feasible insertion, or Infinity. */
  bestInsert(o: number, r: number): { cost: number; pos: number } {
    const m = this.m;
    const c = m.rCg[r]!;
    const load = this.load[c]!;
    const dur = m.oDurMin[o]!;
    if (load + dur > m.cWeekly[c]!) return { cost: Infinity, pos: -1 };
    const seq = this.seq[r]!;
    const st = this.st[r]!;
    let best = Infinity;
    let bestPos = -1;
    for (let pos = 0; pos <= seq.length; pos++) {
      // A visit that must end before the previous visit's start cannot go here or later.
      if (pos > 0 && st[pos - 1]! + m.oDur[seq[pos - 1]!]! + dur * MINUTE_MS > m.oWe[o]!) break;
      const d = this.evalInsert(o, r, pos);
      if (!Number.isNaN(d) && d < best) {
        best = d;
        bestPos = pos;
      }
    }
    if (bestPos < 0) return { cost: Infinity, pos: -1 };
    const miss = isMiss(m, o, c) ? MISS_WEIGHT : 0;
    const bal = (BALANCE_WEIGHT * ((load + dur) ** 2 - load ** 2)) / 3600;
    return { cost: miss + best / MINUTE_MS + bal, pos: bestPos };
  }

  /** Cost (same units) the plan saves when the order leaves its route. */
  removalGain(o: number): number {
    const m = this.m;
    const r = this.routeOf[o]!;
    const seq = this.seq[r]!;
    const pos = seq.indexOf(o);
    const c = m.rCg[r]!;
    const prev = pos === 0 ? homeOf(m, c) : seq[pos - 1]!;
    let d = travelMsBetween(m, prev, o);
    if (pos + 1 < seq.length) {
      const next = seq[pos + 1]!;
      d += travelMsBetween(m, o, next) - travelMsBetween(m, prev, next);
    }
    const load = this.load[c]!;
    const dur = m.oDurMin[o]!;
    const miss = isMiss(m, o, c) ? MISS_WEIGHT : 0;
    const bal = (BALANCE_WEIGHT * (load ** 2 - (load - dur) ** 2)) / 3600;
    return miss + d / MINUTE_MS + bal;
  }

  /** Puts back everything the journal recorded and stops recording. */
  undo(): void {
    const j = this.journal!;
    this.journal = null;
    for (const [r, old] of j.routes) {
      this.seq[r] = old.seq;
      this.schedule(r);
    }
    for (const [c, load] of j.loads) this.load[c] = load;
    for (const [o, r] of j.orders) this.routeOf[o] = r;
  }

  /** How the journaled changes move the score (positive: better), compared lexicographically. */
  journalDelta(): number {
    const j = this.journal!;
    const m = this.m;
    let assigned = 0;
    let priority = 0;
    let misses = 0;
    for (const [o, oldR] of j.orders) {
      const newR = this.routeOf[o]!;
      const sign = (newR >= 0 ? 1 : 0) - (oldR >= 0 ? 1 : 0);
      assigned += sign;
      priority += sign * m.oPriority[o]!;
      misses += (newR >= 0 && isMiss(m, o, m.rCg[newR]!) ? 1 : 0) - (oldR >= 0 && isMiss(m, o, m.rCg[oldR]!) ? 1 : 0);
    }
    let travel = 0;
    for (const [r, old] of j.routes) travel += this.rTravel[r]! - old.travel;
    let balance = 0;
    for (const [c, load] of j.loads) balance += (this.load[c]! ** 2 - load ** 2) / 3600;
    return compareScores(
      { assigned, prioritySum: priority, misses, travelMin: travel / MINUTE_MS, balance },
      { assigned: 0, prioritySum: 0, misses: 0, travelMin: 0, balance: 0 },
    );
  }

  score(): Score {
    const m = this.m;
    let assigned = 0;
    let prioritySum = 0;
    let misses = 0;
    for (let o = 0; o < m.nO; o++) {
      const r = this.routeOf[o]!;
      if (r < 0) continue;
      assigned++;
      prioritySum += m.oPriority[o]!;
      if (isMiss(m, o, m.rCg[r]!)) misses++;
    }
    let travel = 0;
    for (let r = 0; r < m.nR; r++) travel += this.rTravel[r]!;
    let balance = 0;
    for (let c = 0; c < m.nC; c++) balance += (this.load[c]! / 60) ** 2;
    return { assigned, prioritySum, misses, travelMin: travel / MINUTE_MS, balance };
  }
}

/** Positive when `a` is the better plan: more assigned, then priority, continuity, travel, balance. */
export function compareScores(a: Score, b: Score): number {
  if (a.assigned !== b.assigned) return a.assigned - b.assigned;
  if (Math.abs(a.prioritySum - b.prioritySum) > EPS) return a.prioritySum - b.prioritySum;
  if (a.misses !== b.misses) return b.misses - a.misses;
  if (Math.abs(a.travelMin - b.travelMin) > 1e-6) return b.travelMin - a.travelMin;
  if (Math.abs(a.balance - b.balance) > 1e-9) return b.balance - a.balance;
  return 0;
}
