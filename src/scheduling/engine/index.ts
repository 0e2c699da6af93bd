/** The assignment engine: plain TypeScript, no framework. See solve.ts for the algorithm. */
export type * from './types.js';
export { solve, solveDetailed, type SolveResult } from './solve.js';
export { checkPlan, evaluatePlan, type Violation, type Rule, type PlanFigures, type CheckOptions } from './check.js';
export { validateInstance, formatProblems, isInstance, type Problem } from './validate.js';
export { greedyPlan } from './greedy.js';
export { exhaustive, type ExhaustiveResult } from './exhaustive.js';
export { haversineKm, travelMinutes, EARTH_RADIUS_KM } from './travel.js';
export { skillZh } from './explain.js';
