/**
 * Ruin operators of the ruin-and-recreate search. Both pick visits related to a seed order, so
 * the recreate step can rearrange one neighbourhood of the city at a time:
 *   - related: the visits of a few of the seed's candidate routes closest to it in space and time;
 *   - strings: from the routes passing nearest the seed, a run of consecutive visits each (as in
 *     slack induction by string removals), which frees whole stretches of a caregiver's day.
 */
import { type Model, distKm } from './model.js';
import type { Rng } from './rng.js';
import type { Solution } from './solution.js';

/** When the seed happens: its start if assigned, else the middle of its window. */
export function seedTime(sol: Solution, seed: number): number {
  const m = sol.m;
  const r = sol.routeOf[seed];
  return r >= 0 ? sol.st[r][sol.seq[r].indexOf(seed)] : (m.oWs[seed] + m.oWe[seed]) / 2;
}

/** Closeness of visit `o` (starting at `start`) to the seed: km apart plus 3 km per hour apart. */
export function relatedness(m: Model, seed: number, when: number, o: number, start: number): number {
  return distKm(m, seed, o) + (3 * Math.abs(start - when)) / 3_600_000;
}

/** The visits of a few random routes among the seed's nearest, closest to it first. */
export function relatedRemoval(sol: Solution, options: number[], seed: number, rng: Rng): number[] {
  const count = 2 + Math.floor(rng() * 4);
  const pool = options.slice(0, Math.max(count * 2, 8));
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, pool.length)) chosen.add(pool[Math.floor(rng() * pool.length)]);
  const k = 4 + Math.floor(rng() * 14);
  const when = seedTime(sol, seed);
  const scored: { o: number; s: number }[] = [];
  for (const r of chosen) {
    const st = sol.st[r];
    sol.seq[r].forEach((o, i) => scored.push({ o, s: relatedness(sol.m, seed, when, o, st[i]) }));
  }
  scored.sort((a, b) => a.s - b.s || a.o - b.o);
  const out = scored.slice(0, k).map((x) => x.o);
  if (sol.routeOf[seed] >= 0 && !out.includes(seed)) out.push(seed);
  return out;
}

export interface StringLimits {
  /** Longest string removed from one route. */
  maxLength: number;
  /** Visits removed on average. */
  meanRemoved: number;
}

/**
 * Strings of consecutive visits from the routes that pass nearest the seed (its own route first):
 * each string holds the route's visit nearest the seed, at a random offset.
 */
export function stringRemoval(sol: Solution, options: number[], seed: number, rng: Rng, limits: StringLimits): number[] {
  const own = sol.routeOf[seed];
  const routes = own >= 0 && !options.includes(own) ? [own, ...options] : options;
  const when = seedTime(sol, seed);
  const near: { r: number; k: number; s: number }[] = [];
  let visits = 0;
  for (const r of routes) {
    const seq = sol.seq[r];
    if (seq.length === 0) continue;
    visits += seq.length;
    let bestK = 0;
    let bestS = Infinity;
    for (let k = 0; k < seq.length; k++) {
      const s = seq[k] === seed ? -1 : relatedness(sol.m, seed, when, seq[k], sol.st[r][k]);
      if (s < bestS) {
        bestS = s;
        bestK = k;
      }
    }
    near.push({ r, k: bestK, s: bestS });
  }
  if (near.length === 0) return [];
  near.sort((a, b) => a.s - b.s || a.r - b.r);
  const lsMax = Math.max(1, Math.min(limits.maxLength, visits / near.length));
  const ksMax = Math.max(1, (4 * limits.meanRemoved) / (1 + lsMax) - 1);
  const strings = Math.min(near.length, 1 + Math.floor(rng() * ksMax));
  const out: number[] = [];
  for (let i = 0; i < strings; i++) {
    const { r, k } = near[i];
    const seq = sol.seq[r];
    const len = 1 + Math.floor(rng() * Math.min(seq.length, lsMax));
    const first = Math.max(0, Math.min(seq.length - len, k - Math.floor(rng() * len)));
    for (let j = first; j < first + len; j++) out.push(seq[j]);
  }
  return out;
}
