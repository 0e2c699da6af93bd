/**
 * 2-opt* between two routes: route a keeps its visits up to a cut and takes route b's visits after
 * b's cut, and b the reverse (each tail keeps its order, so no time window sees a reversed
 * sequence). Each candidate exchange is priced in constant time from per-route prefix sums of
 * travel, demand and workload, and checked against the latest arrival the tail's first visit
 * already allows when both routes end at the same place and time (a depot's fleet), else by
 * walking the tail; only an exchange that pays is then scheduled in full, and undone if the full schedule breaks a
 * rule or the plan does not gain after all. Qualification (skills, level), weekly minutes and
 * capacity are checked before.
 */
import { type Model, backMs, canServe, homeOf, isMiss, travelMsBetween } from './model.js';
import { type Rng, shuffleInPlace } from './rng.js';
import { BALANCE_WEIGHT, EPS, type Solution } from './solution.js';
import { MINUTE_MS, ceilToStep } from './time.js';

/** Prefix sums of a route: travel into each visit, demand, workload minutes and misses (of its own caregiver). */
interface Prefix {
  travel: Float64Array;
  demand: Float64Array;
  minutes: Float64Array;
  misses: Float64Array;
}

function prefixOf(sol: Solution, r: number): Prefix {
  const m = sol.m;
  const seq = sol.seq[r];
  const leg = sol.leg[r];
  const c = m.rCg[r];
  const n = seq.length;
  // Index k + 1 holds the sum over visits 0..k; index 0 is the empty prefix.
  const p: Prefix = {
    travel: new Float64Array(n + 1),
    demand: new Float64Array(n + 1),
    minutes: new Float64Array(n + 1),
    misses: new Float64Array(n + 1),
  };
  for (let k = 0; k < n; k++) {
    const o = seq[k];
    p.travel[k + 1] = p.travel[k] + leg[k];
    p.demand[k + 1] = p.demand[k] + m.oDemand[o];
    p.minutes[k + 1] = p.minutes[k] + m.oDurMin[o];
    p.misses[k + 1] = p.misses[k] + (isMiss(m, o, c) ? 1 : 0);
  }
  return p;
}

/** Whether both routes start and end at the same place and time, so one's latest arrivals hold for the other. */
function sameFrame(m: Model, a: number, b: number): boolean {
  const ha = homeOf(m, m.rCg[a]);
  const hb = homeOf(m, m.rCg[b]);
  return m.rEnd[a] === m.rEnd[b] && m.lat[ha] === m.lat[hb] && m.lng[ha] === m.lng[hb];
}

/**
 * One pass of first-improvement 2-opt* over the routes in a seeded random order, each route
 * against the `partners` routes nearest it (by the centre of their visits) among its visits'
 * candidate routes, until `deadline` (ms since the epoch). True when a move was made.
 */
export function twoOptStarPass(sol: Solution, cand: number[][], rng: Rng, partners = 10, deadline = Infinity): boolean {
  const m = sol.m;
  const prefix: (Prefix | null)[] = Array.from({ length: m.nR }, () => null);
  const pre = (r: number) => (prefix[r] ??= prefixOf(sol, r));
  const centre = new Float64Array(2 * m.nR);
  const setCentre = (r: number) => {
    const seq = sol.seq[r];
    let lat = 0;
    let lng = 0;
    for (const o of seq) {
      lat += m.lat[o];
      lng += m.lng[o];
    }
    const n = Math.max(1, seq.length);
    centre[2 * r] = seq.length > 0 ? lat / n : m.lat[homeOf(m, m.rCg[r])];
    centre[2 * r + 1] = seq.length > 0 ? lng / n : m.lng[homeOf(m, m.rCg[r])];
  };
  for (let r = 0; r < m.nR; r++) setCentre(r);
  let changed = false;
  const order = shuffleInPlace(
    Array.from({ length: m.nR }, (_, r) => r).filter((r) => sol.seq[r].length > 0),
    rng,
  );
  for (const a of order) {
    if (Date.now() > deadline) break;
    let moved = true;
    // Again from the start while the route keeps gaining (each move is a strict gain, so this ends).
    while (moved) {
      moved = false;
      const near = partnersOf(sol, cand, a, centre, partners);
      outer: for (let i = -1; i < sol.seq[a].length; i++) {
        for (const b of near) {
          const j = bestCut(sol, a, i, b, pre);
          if (j === null) continue;
          if (apply(sol, a, i, b, j)) {
            prefix[a] = null;
            prefix[b] = null;
            setCentre(a);
            setCentre(b);
            moved = true;
            changed = true;
            break outer;
          }
        }
      }
    }
  }
  return changed;
}

/** The `count` routes other than `a` named by its visits' candidate lists whose centres are nearest a's (ties by number). */
function partnersOf(sol: Solution, cand: number[][], a: number, centre: Float64Array, count: number): number[] {
  const seen = new Set<number>();
  for (const o of sol.seq[a]) for (const r of cand[o]) if (r !== a) seen.add(r);
  const ax = centre[2 * a];
  const ay = centre[2 * a + 1];
  const d = (r: number) => (centre[2 * r] - ax) ** 2 + (centre[2 * r + 1] - ay) ** 2;
  return [...seen]
    .map((r) => ({ r, d: d(r) }))
    .sort((x, y) => x.d - y.d || x.r - y.r)
    .slice(0, count)
    .map((x) => x.r);
}

/**
 * The cut j in route b (-1: before its first visit) whose exchange with a's cut i gains most by
 * the constant-time estimate and passes its checks; null when none gains.
 */
function bestCut(sol: Solution, a: number, i: number, b: number, pre: (r: number) => Prefix): number | null {
  const m = sol.m;
  const seqA = sol.seq[a];
  const seqB = sol.seq[b];
  const na = seqA.length;
  const nb = seqB.length;
  const ca = m.rCg[a];
  const cb = m.rCg[b];
  const pa = pre(a);
  const pb = pre(b);
  const frame = sameFrame(m, a, b);
  const pA = i >= 0 ? seqA[i] : homeOf(m, ca);
  const endA = i >= 0 ? sol.st[a][i] + m.oDur[pA] : m.rStart[a];
  const lastA = na > 0 ? seqA[na - 1] : -1;
  const lastB = nb > 0 ? seqB[nb - 1] : -1;
  // a's tail: visits i+1..na-1.
  const tailATravel = i + 1 < na ? pa.travel[na] - pa.travel[i + 2] : 0;
  const tailADemand = pa.demand[na] - pa.demand[i + 1];
  const tailAMinutes = pa.minutes[na] - pa.minutes[i + 1];
  const loadA = sol.load[ca];
  const loadB = sol.load[cb];
  let best = -EPS;
  let bestJ: number | null = null;
  for (let j = -1; j < nb; j++) {
    if (i + 1 >= na && j + 1 >= nb) continue; // both tails empty: nothing moves
    if (i === -1 && j === -1) continue; // whole routes swapped
    const pB = j >= 0 ? seqB[j] : homeOf(m, cb);
    const endB = j >= 0 ? sol.st[b][j] + m.oDur[pB] : m.rStart[b];
    const tailBTravel = j + 1 < nb ? pb.travel[nb] - pb.travel[j + 2] : 0;
    const tailBDemand = pb.demand[nb] - pb.demand[j + 1];
    const tailBMinutes = pb.minutes[nb] - pb.minutes[j + 1];
    if (pa.demand[i + 1] + tailBDemand > m.cCapacity[ca] || pb.demand[j + 1] + tailADemand > m.cCapacity[cb]) continue;
    if (ca !== cb && (loadA - tailAMinutes + tailBMinutes > m.cWeekly[ca] || loadB - tailBMinutes + tailAMinutes > m.cWeekly[cb])) continue;
    // New a: prefix of a, then b's tail, then home; new b likewise.
    const newA =
      pa.travel[i + 1] + (j + 1 < nb ? travelMsBetween(m, pA, seqB[j + 1]) + tailBTravel + backMs(m, a, lastB) : backMs(m, a, pA));
    const newB =
      pb.travel[j + 1] + (i + 1 < na ? travelMsBetween(m, pB, seqA[i + 1]) + tailATravel + backMs(m, b, lastA) : backMs(m, b, pB));
    let delta = (newA + newB - sol.rTravel[a] - sol.rTravel[b]) / MINUTE_MS;
    if (ca !== cb) {
      // Misses can only fall by those in the two tails now; price them exactly only when that could pay.
      const maxGain = (pa.misses[na] - pa.misses[i + 1] + pb.misses[nb] - pb.misses[j + 1]) * m.missWeight;
      if (delta - maxGain >= best) continue;
      delta += missChange(m, seqA, i + 1, ca, cb) + missChange(m, seqB, j + 1, cb, ca);
      const shift = tailBMinutes - tailAMinutes;
      delta += (BALANCE_WEIGHT * ((loadA + shift) ** 2 - loadA ** 2 + (loadB - shift) ** 2 - loadB ** 2)) / 3600;
    }
    if (delta >= best) continue;
    // Time: each tail's first visit reached no later than it may be (exact when the routes share a frame).
    if (frame) {
      if (j + 1 < nb && endA + travelMsBetween(m, pA, seqB[j + 1]) - sol.latest[b][j + 1] > 1) continue;
      if (i + 1 < na && endB + travelMsBetween(m, pB, seqA[i + 1]) - sol.latest[a][i + 1] > 1) continue;
    } else if (!tailFits(sol, a, pA, endA, seqB, j + 1) || !tailFits(sol, b, pB, endB, seqA, i + 1)) continue;
    if (ca !== cb && (!servesAll(m, ca, seqB, j + 1) || !servesAll(m, cb, seqA, i + 1))) continue;
    best = delta;
    bestJ = j;
  }
  return bestJ;
}

/**
 * Whether visits from..end of `seq`, driven to from `p` (free at `t`), keep their windows, the
 * shift of route `r` and (with returnToBase) the way back to r's caregiver's location.
 */
function tailFits(sol: Solution, r: number, p: number, t: number, seq: number[], from: number): boolean {
  const m = sol.m;
  const rEnd = m.rEnd[r];
  for (let k = from; k < seq.length; k++) {
    const v = seq[k];
    t = ceilToStep(Math.max(t + travelMsBetween(m, p, v), m.oWs[v]), m.step) + m.oDur[v];
    if (t > m.oWe[v] || t > rEnd) return false;
    p = v;
  }
  return t + backMs(m, r, p) <= rEnd;
}

/** Change in miss cost of moving visits from..end of `seq` from caregiver `from` to `to`. */
function missChange(m: Model, seq: number[], from: number, c: number, to: number): number {
  let d = 0;
  for (let k = from; k < seq.length; k++) d += (isMiss(m, seq[k], to) ? 1 : 0) - (isMiss(m, seq[k], c) ? 1 : 0);
  return d * m.missWeight;
}

function servesAll(m: Model, c: number, seq: number[], from: number): boolean {
  for (let k = from; k < seq.length; k++) if (!canServe(m, c, seq[k])) return false;
  return true;
}

/** Makes the exchange; keeps it only when both routes keep every rule and the plan gains. */
function apply(sol: Solution, a: number, i: number, b: number, j: number): boolean {
  const m = sol.m;
  const ca = m.rCg[a];
  const cb = m.rCg[b];
  const oldA = sol.seq[a];
  const oldB = sol.seq[b];
  const before = cost(sol, a, b);
  const tailA = oldA.slice(i + 1);
  const tailB = oldB.slice(j + 1);
  sol.seq[a] = [...oldA.slice(0, i + 1), ...tailB];
  sol.seq[b] = [...oldB.slice(0, j + 1), ...tailA];
  const shift = minutes(m, tailB) - minutes(m, tailA);
  sol.load[ca] += shift;
  sol.load[cb] -= shift;
  for (const o of tailB) sol.routeOf[o] = a;
  for (const o of tailA) sol.routeOf[o] = b;
  const ok = sol.schedule(a) && sol.schedule(b);
  if (ok && cost(sol, a, b) < before - EPS) return true;
  sol.seq[a] = oldA;
  sol.seq[b] = oldB;
  sol.load[ca] -= shift;
  sol.load[cb] += shift;
  for (const o of tailB) sol.routeOf[o] = b;
  for (const o of tailA) sol.routeOf[o] = a;
  sol.schedule(a);
  sol.schedule(b);
  return false;
}

function minutes(m: Model, seq: number[]): number {
  let s = 0;
  for (const o of seq) s += m.oDurMin[o];
  return s;
}

/** Travel, misses and workload balance of two routes (and their caregivers), in minutes. */
function cost(sol: Solution, a: number, b: number): number {
  const m = sol.m;
  let misses = 0;
  for (const r of [a, b]) for (const o of sol.seq[r]) if (isMiss(m, o, m.rCg[r])) misses++;
  const cs = new Set([m.rCg[a], m.rCg[b]]);
  let bal = 0;
  for (const c of cs) bal += (BALANCE_WEIGHT * sol.load[c] ** 2) / 3600;
  return (sol.rTravel[a] + sol.rTravel[b]) / MINUTE_MS + misses * m.missWeight + bal;
}
