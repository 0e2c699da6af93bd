/**
 * Acceptance rule of the ruin-and-recreate search. The first goals are never traded: a change
 * that assigns fewer orders, less priority or more continuity misses is refused, one that
 * improves them is taken. Between plans equal on those, travel decides with a simulated-annealing
 * threshold: a change adding `x` minutes is taken when x < -temperature·ln(u), u uniform in (0, 1];
 * at temperature 0 only plans no worse are taken (travel, then workload balance). When continuity
 * is weighed against travel (`continuityWorth` minutes a miss), the annealing runs on travel plus
 * that worth of each miss instead.
 */
import { EPS, type Score } from './solution.js';

export function accepts(change: Score, temperature: number, u: number, continuityWorth?: number): boolean {
  if (change.assigned !== 0) return change.assigned > 0;
  if (Math.abs(change.prioritySum) > EPS) return change.prioritySum > 0;
  if (continuityWorth === undefined && change.misses !== 0) return change.misses < 0;
  const cost = change.travelMin + (continuityWorth ?? 0) * change.misses;
  if (Math.abs(cost) <= 1e-6) return change.balance <= 1e-9;
  if (cost < 0) return true;
  return temperature > 0 && cost < -temperature * Math.log(Math.max(u, 1e-12));
}

/** Geometric cooling from `start` to `end` over `steps` steps; 0 when `start` is 0. */
export function temperatureAt(start: number, end: number, step: number, steps: number): number {
  if (start <= 0) return 0;
  return start * Math.pow(end / start, Math.min(1, step / Math.max(1, steps)));
}
