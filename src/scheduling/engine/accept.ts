/**
 * Acceptance rule of the ruin-and-recreate search. The first goals are never traded: a change
 * that assigns fewer orders, less priority or more continuity misses is refused, one that
 * improves them is taken. Between plans equal on those, travel decides with a simulated-annealing
 * threshold: a change adding `x` minutes is taken when x < -temperature·ln(u), u uniform in (0, 1];
 * at temperature 0 only plans no worse are taken (travel, then workload balance).
 */
import { EPS, type Score } from './solution.js';

export function accepts(change: Score, temperature: number, u: number): boolean {
  if (change.assigned !== 0) return change.assigned > 0;
  if (Math.abs(change.prioritySum) > EPS) return change.prioritySum > 0;
  if (change.misses !== 0) return change.misses < 0;
  if (Math.abs(change.travelMin) <= 1e-6) return change.balance <= 1e-9;
  if (change.travelMin < 0) return true;
  return temperature > 0 && change.travelMin < -temperature * Math.log(Math.max(u, 1e-12));
}

/** Geometric cooling from `start` to `end` over `steps` steps; 0 when `start` is 0. */
export function temperatureAt(start: number, end: number, step: number, steps: number): number {
  if (start <= 0) return 0;
  return start * Math.pow(end / start, Math.min(1, step / Math.max(1, steps)));
}
