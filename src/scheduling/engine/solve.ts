/**
 * The assignment engine.
 *
 * Algorithm: each order gets candidate routes (shifts of its nearest qualified caregivers in
 * which it fits alone). A regret-2 insertion builds a plan; the greedy baseline builds another,
 * and the better of the two (lexicographically: orders assigned, priority, continuity misses,
 * travel, workload balance) is improved by local search (insert, eject-and-insert, relocate,
 * swap) until no move improves it or a pass cap derived from the instance size is reached.
 * Deterministic for a given instance and seed: the seed only orders the local search's moves,
 * and the time limit is a safety cap that normal instances do not reach.
 */
import { constructRegret } from './construct.js';
import { greedySolution } from './greedy.js';
import { improve } from './improve.js';
import { ruinAndRecreate } from './lns.js';
import { candidateRoutes, compileModel } from './model.js';
import { toPlan } from './plan.js';
import { createRng } from './rng.js';
import { type Score, type Solution, compareScores } from './solution.js';
import type { Instance, Plan, SolveOptions } from './types.js';

export interface SolveResult {
  plan: Plan;
  score: Score;
  passes: number;
  start: 'regret' | 'greedy';
  hitTimeLimit: boolean;
}

export function solveDetailed(instance: Instance, options: SolveOptions = {}): SolveResult {
  const begun = Date.now();
  const m = compileModel(instance);
  const cand = candidateRoutes(m, options.candidateCaregivers ?? 15);
  const regret = constructRegret(m, cand);
  const greedy = greedySolution(m);
  const useGreedy = compareScores(greedy.score(), regret.score()) > 0;
  const sol: Solution = useGreedy ? greedy : regret;
  const maxPasses = options.maxPasses ?? Math.max(5, Math.min(50, Math.ceil(25_000 / Math.max(1, m.nO))));
  const deadline = begun + (options.timeLimitMs ?? 20_000);
  const rng = createRng(options.seed ?? 1);
  let passes = improve(sol, cand, { maxPasses, deadline, rng });
  const iterations = options.lnsIterations ?? Math.min(2_000, Math.max(1_000, 2 * m.nO));
  ruinAndRecreate(sol, cand, { iterations, deadline, rng });
  passes += improve(sol, cand, { maxPasses: Math.min(maxPasses, 3), deadline, rng });
  return {
    plan: toPlan(m, sol),
    score: sol.score(),
    passes,
    start: useGreedy ? 'greedy' : 'regret',
    hitTimeLimit: Date.now() >= deadline,
  };
}

export function solve(instance: Instance, options: SolveOptions = {}): Plan {
  return solveDetailed(instance, options).plan;
}
