/**
 * The assignment engine.
 *
 * Algorithm: each order gets candidate routes (shifts of its nearest qualified caregivers in
 * which it fits alone, with the way back when the instance says returnToBase). A continuity miss
 * costs continuityWorthOf minutes of travel (default 10; strict ranks it above travel). A regret-2
 * insertion builds a plan; the greedy baseline builds another, and the better of the two
 * (orders assigned, priority, then continuity and travel, workload balance) is improved by local search (insert, eject-and-insert, relocate,
 * swap, 2-opt*), then by ruin and recreate in four annealing rounds, each followed by local search
 * (the counts of how long each order has been left out carry from round to round). Ruin and
 * recreate removes visits related to a seed order (nearby in space and time, or strings of
 * consecutive visits of the routes passing nearest it) and reinserts them with unassigned
 * orders; it never accepts fewer assigned or less priority, trades orders long left out for
 * others (absence counting), and anneals on travel plus the worth of continuity misses. Deterministic for a given instance and seed: iteration counts depend only on the
 * instance size, and the time limit is a safety cap that normal instances do not reach (unless
 * untilTimeLimit asks to search by the clock).
 */
import { constructRegret } from './construct.js';
import { greedySolution } from './greedy.js';
import { improve } from './improve.js';
import { temperatureAt } from './accept.js';
import { ruinAndRecreate } from './lns.js';
import { candidateRoutes, compileModel } from './model.js';
import { MINUTE_MS } from './time.js';
import { toPlan } from './plan.js';
import { createRng } from './rng.js';
import { type Score, type Solution, compareScores } from './solution.js';
import type { Instance, Plan, SolveOptions } from './types.js';

/** Safety cap on a solve: keeps a city-sized instance under 10 s even on a busy machine. */
export const DEFAULT_TIME_LIMIT_MS = 8_500;
/** Ruin-and-recreate start temperature (travel minutes; see accept.ts). */
export const DEFAULT_TEMPERATURE = 1;
/** Ruin-and-recreate iterations: 25 per order, at most this many (a whole city takes about 3.5 s). */
export const MAX_LNS_ITERATIONS = 28_000;
const LNS_ROUNDS = 4;
/** Travel minutes a usual caregiver is worth unless the caller or the instance says otherwise. */
export const DEFAULT_CONTINUITY_WORTH = 10;
/** A worth this large (or more) ranks continuity above any travel: the old strict order. */
export const STRICT_CONTINUITY = 10_000;

/**
 * What a continuity miss costs in travel minutes: the option, else the instance's weights, else
 * the default; undefined (continuity above any travel) from STRICT_CONTINUITY on.
 */
export function continuityWorthOf(instance: Instance, options: SolveOptions): number | undefined {
  const worth = options.continuityWorthMinutes ?? instance.weights?.continuityWorthMinutes ?? DEFAULT_CONTINUITY_WORTH;
  return worth >= STRICT_CONTINUITY ? undefined : worth;
}

export interface SolveResult {
  plan: Plan;
  score: Score;
  passes: number;
  start: 'regret' | 'greedy';
  hitTimeLimit: boolean;
  /** Ruin-and-recreate iterations run. */
  iterations: number;
}

export function solveDetailed(instance: Instance, options: SolveOptions = {}): SolveResult {
  const begun = Date.now();
  const m = compileModel(instance, continuityWorthOf(instance, options), options.startStepMs ?? MINUTE_MS);
  const cand = candidateRoutes(m, options.candidateCaregivers ?? 15);
  const regret = constructRegret(m, cand);
  const greedy = greedySolution(m);
  const useGreedy = compareScores(greedy.score(), regret.score(), m.continuityWorth) > 0;
  const sol: Solution = useGreedy ? greedy : regret;
  const maxPasses = options.maxPasses ?? Math.max(5, Math.min(50, Math.ceil(25_000 / Math.max(1, m.nO))));
  const limit = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const deadline = begun + limit;
  const rng = createRng(options.seed ?? 1);
  // A few passes first: the rounds below are each followed by local search anyway.
  let passes = improve(sol, cand, { maxPasses: Math.min(maxPasses, 3), deadline, rng });
  const iterations = options.lnsIterations ?? Math.min(MAX_LNS_ITERATIONS, Math.max(1_000, 25 * m.nO));
  const t0 = options.startTemperature ?? DEFAULT_TEMPERATURE;
  const t1 = t0 / 100;
  // Ruin and recreate in rounds, each followed by local search (which assigns and relocates what
  // the rounds leave); the annealing runs across the rounds. A tenth of the time cap is left for
  // the last passes, and on a machine too busy to finish in time each round gets an equal slice
  // of what is left, so every round still ends with local search.
  const searchEnd = begun + 0.9 * limit;
  const absence = new Float64Array(m.nO);
  let cut = false;
  let iterationsRun = 0;
  const byClock = options.untilTimeLimit === true;
  if (byClock) {
    // By the clock: each round gets an equal share of the time, the annealing runs across them.
    const clock = { start: Date.now(), end: searchEnd };
    for (let round = 0; round < LNS_ROUNDS; round++) {
      iterationsRun += ruinAndRecreate(sol, cand, {
        iterations: options.lnsIterations ?? Number.MAX_SAFE_INTEGER,
        deadline: clock.start + ((round + 1) * (clock.end - clock.start)) / LNS_ROUNDS,
        rng,
        startTemperature: t0,
        endTemperature: t1,
        clock,
        absence,
      }).iterations;
      passes += improve(sol, cand, {
        maxPasses: Math.min(maxPasses, round + 1 < LNS_ROUNDS ? 3 : 10),
        deadline,
        rng,
        twoOptStar: round + 1 === LNS_ROUNDS,
      });
    }
  }
  for (let round = 0; round < (byClock ? 0 : LNS_ROUNDS); round++) {
    const share = (k: number) => Math.floor((iterations * k) / LNS_ROUNDS);
    const planned = share(round + 1) - share(round);
    const now = Date.now();
    const stats = ruinAndRecreate(sol, cand, {
      iterations: planned,
      deadline: now + (searchEnd - now) / (LNS_ROUNDS - round),
      rng,
      startTemperature: temperatureAt(t0, t1, round, LNS_ROUNDS),
      endTemperature: temperatureAt(t0, t1, round + 1, LNS_ROUNDS),
      absence,
    });
    iterationsRun += stats.iterations;
    if (m.nO > 0 && stats.iterations < planned) cut = true;
    passes += improve(sol, cand, {
      maxPasses: Math.min(maxPasses, round + 1 < LNS_ROUNDS ? 3 : 10),
      deadline,
      rng,
      twoOptStar: round + 1 === LNS_ROUNDS,
    });
  }
  return {
    plan: toPlan(m, sol),
    score: sol.score(),
    passes,
    start: useGreedy ? 'greedy' : 'regret',
    hitTimeLimit: cut || Date.now() >= deadline,
    iterations: iterationsRun,
  };
}

export function solve(instance: Instance, options: SolveOptions = {}): Plan {
  return solveDetailed(instance, options).plan;
}
