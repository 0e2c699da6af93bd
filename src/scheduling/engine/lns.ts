/**
 * Ruin and recreate (large neighbourhood search). Each iteration picks a seed order, removes
 * visits related to it (see ruin.ts), and puts them back together with some unassigned orders
 * that could use the routes touched (see recreate.ts). Acceptance (accept.ts) never gives up
 * assigned orders, priority or continuity; on travel it anneals from `startTemperature` down to
 * nearly zero, so the search can climb out of local optima early and settles at the end. The best
 * plan seen is kept. The number of iterations is fixed by the caller, so the result depends only
 * on input and seed; the deadline is a safety cap.
 *
 * Orders left out are counted each iteration they stay out (absence, as in slack induction by
 * string removals' fleet minimisation): a change that assigns as many orders, of the same
 * priority, but leaves out orders that were out less often is taken whatever it costs in travel,
 * and one that leaves out orders out more often is refused. So the search does not settle on
 * one hard order: it keeps trading it for others until one arrangement fits them all.
 */
import { accepts, temperatureAt } from './accept.js';
import { isMiss } from './model.js';
import { recreateRegret, recreateSequential } from './recreate.js';
import type { Rng } from './rng.js';
import { relatedRemoval, stringRemoval } from './ruin.js';
import { EPS, type Score, type Solution, ZERO_SCORE, compareScores } from './solution.js';

export interface LnsLimits {
  iterations: number;
  deadline: number;
  rng: Rng;
  /** Travel minutes a change may add and still be taken with probability 1/e, at the start. */
  startTemperature?: number;
  /** The same at the last iteration. */
  endTemperature?: number;
  /** Share of iterations that ruin by strings rather than by related visits (default 0.5). */
  stringShare?: number;
  /** Share of iterations that recreate one order at a time rather than by regret (default 0.5). */
  sequentialShare?: number;
  /** Blink rate of the one-at-a-time recreate (default 0.01). */
  blinkRate?: number;
  /** Unassigned orders offered the freed room each iteration, at most (default 8). */
  extras?: number;
  /**
   * Cool by the clock instead of by iteration: the temperature at instant `now` is that of
   * (now - start) / (end - start) of the way from startTemperature to endTemperature.
   */
  clock?: { start: number; end: number };
  /** How long each order has been left out, carried from call to call (else counted from 0). */
  absence?: Float64Array;
}

export interface LnsStats {
  accepted: number;
  iterations: number;
}

export function ruinAndRecreate(sol: Solution, cand: number[][], limits: LnsLimits): LnsStats {
  const m = sol.m;
  const { rng } = limits;
  const t0 = limits.startTemperature ?? 0;
  const t1 = Math.min(t0, limits.endTemperature ?? t0 / 100);
  const { stringShare = 0.5, sequentialShare = 0.5, blinkRate = 0.01, extras = 8 } = limits;
  const stats: LnsStats = { accepted: 0, iterations: 0 };
  if (m.nO === 0) return stats;
  // The best plan seen, copied only when an accepted change leaves it (only annealing does).
  let best: Solution | null = null;
  let bestScore = sol.score();
  let current = bestScore;
  let atBest = true;
  // How many iterations each order has been left out, and the orders out now.
  const absence = limits.absence ?? new Float64Array(m.nO);
  const out = new Set<number>();
  for (let o = 0; o < m.nO; o++) if (sol.routeOf[o] < 0 && cand[o].length > 0) out.add(o);
  const { clock } = limits;
  let temperature = t0;
  for (let it = 0; it < limits.iterations; it++) {
    if ((it & 63) === 0) {
      const now = Date.now();
      if (now > limits.deadline) break;
      if (clock) temperature = temperatureAt(t0, t1, now - clock.start, clock.end - clock.start);
    }
    if (!clock) temperature = temperatureAt(t0, t1, it, limits.iterations);
    stats.iterations++;
    const seed = pickSeed(sol, rng);
    const options = preferredFirst(sol, cand[seed], seed);
    if (options.length === 0) continue;
    const removed =
      rng() < stringShare
        ? stringRemoval(sol, options, seed, rng, { maxLength: 10, meanRemoved: 10 })
        : relatedRemoval(sol, options, seed, rng);
    const touched = new Set<number>(options.slice(0, 8));
    for (const o of removed) touched.add(sol.routeOf[o]);
    const extra = new Set<number>();
    if (sol.routeOf[seed] < 0) extra.add(seed);
    // The orders out now that could use a touched route, route by route and by number within one
    // route (walking the few orders out rather than all orders of each route: a depot's routes
    // are every order's candidates).
    if (out.size > 0 && extra.size < extras) {
      const outSorted = [...out].sort((a, b) => a - b);
      for (const r of touched) {
        for (const o of outSorted) if (extra.size < extras && sol.routeOf[o] < 0 && cand[o].includes(r)) extra.add(o);
      }
    }
    sol.journal = { routes: new Map(), loads: new Map(), orders: new Map() };
    for (const o of removed) sol.remove(o);
    const reinsert = [...removed, ...extra];
    if (rng() < sequentialShare) recreateSequential(sol, cand, reinsert, rng, blinkRate);
    else recreateRegret(sol, cand, reinsert, rng);
    const change = sol.journalChange();
    const worth = sol.m.continuityWorth;
    const absent = absenceChange(sol, absence, change, worth);
    for (const o of out) absence[o] += 1;
    if (absent > 0 || (absent === 0 && !accepts(change, temperature, rng(), worth))) {
      sol.undo();
      continue;
    }
    for (const o of sol.journal.orders.keys()) {
      if (sol.routeOf[o] < 0) out.add(o);
      else out.delete(o);
    }
    stats.accepted++;
    const worse = compareScores(change, ZERO_SCORE, worth) < 0;
    if (worse && atBest) {
      // Leaving the best plan seen: keep it (the journal still holds what changed).
      best = sol.clone();
      revert(best, sol);
    }
    sol.journal = null;
    current = add(current, change);
    if (compareScores(current, bestScore, worth) > 0) {
      bestScore = current;
      atBest = true;
    } else if (worse) atBest = false;
  }
  if (best !== null && !atBest) sol.copyFrom(best);
  return stats;
}

/**
 * A random order, drawn again (up to twice) while it is assigned without a continuity miss:
 * unassigned orders and continuity misses are where the first goals can still gain.
 */
export function pickSeed(sol: Solution, rng: Rng): number {
  const m = sol.m;
  let seed = 0;
  for (let draw = 0; draw < 3; draw++) {
    seed = Math.floor(rng() * m.nO);
    const r = sol.routeOf[seed];
    if (r < 0 || isMiss(m, seed, m.rCg[r])) break;
  }
  return seed;
}

/** The seed's candidate routes with its preferred caregivers' routes moved to the front when it misses them. */
export function preferredFirst(sol: Solution, options: number[], seed: number): number[] {
  const m = sol.m;
  const pref = m.oPref[seed];
  const r = sol.routeOf[seed];
  if (pref == null || (r >= 0 && pref.has(m.rCg[r]))) return options;
  const mine = options.filter((x) => pref.has(m.rCg[x]));
  if (mine.length === 0) return options;
  return [...mine, ...options.filter((x) => !pref.has(m.rCg[x]))];
}

/**
 * For a change that keeps the number assigned, the priority and (unless continuity is weighed
 * against travel) the continuity misses: the absence of the orders it leaves out minus that of
 * the orders it brings in (negative: better). 0 for every other change, and when none moves in or out.
 */
export function absenceChange(sol: Solution, absence: Float64Array, change: Score, worth: number | undefined): number {
  if (change.assigned !== 0 || Math.abs(change.prioritySum) > EPS || (worth === undefined && change.misses !== 0)) return 0;
  let d = 0;
  for (const [o, oldR] of sol.journal!.orders) {
    const nowOut = sol.routeOf[o] < 0;
    if (nowOut !== oldR < 0) d += nowOut ? absence[o] : -absence[o];
  }
  return d;
}

/** Undoes on `copy` (a clone of `sol`) the changes `sol`'s journal recorded. */
function revert(copy: Solution, sol: Solution): void {
  copy.journal = sol.journal;
  copy.undo();
}

function add(a: Score, d: Score): Score {
  return {
    assigned: a.assigned + d.assigned,
    prioritySum: a.prioritySum + d.prioritySum,
    misses: a.misses + d.misses,
    travelMin: a.travelMin + d.travelMin,
    balance: a.balance + d.balance,
  };
}
