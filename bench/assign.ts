/**
 * npm run bench:assign — the assignment engine against the greedy baseline (and, on small
 * instances, the exhaustive search) on generated city-day instances.
 *
 * Per instance, the engine at its default (a usual caregiver worth 10 travel minutes) as ratios
 * to greedy measured in the same run, against the targets of issue 16: at least as many orders
 * assigned; travel per visit at most 0.8× greedy's on the street-centre and city instances; the
 * usual caregiver kept at least twice as often. Then what continuity worth 0, 10, 20 minutes and
 * strict (continuity above any travel) give, side by side with greedy; then travel on the orders
 * both plans assign. Every plan is re-checked by the independent checker.
 */
import { checkPlan, evaluatePlan, exhaustive, greedyPlan, solve } from '../src/scheduling/engine/index.js';
import { STRICT_CONTINUITY } from '../src/scheduling/engine/solve.js';
import type { Instance, Plan } from '../src/scheduling/engine/types.js';
import { ruralNursingHome, small, urbanStreetCentre, wholeCity } from './assign-instances.js';

interface Figures {
  method: string;
  assigned: number;
  travel: number;
  perVisit: number;
  /** Share of assigned orders with a usual or preferred caregiver that got them; NaN when none. */
  kept: number;
  seconds: number;
  violations: number;
}

function measure(instance: Instance, method: string, make: () => Plan): { f: Figures; plan: Plan } {
  const t0 = performance.now();
  const plan = make();
  const seconds = (performance.now() - t0) / 1000;
  const e = evaluatePlan(instance, plan.assignments);
  const assigned = plan.assignments.length;
  return {
    plan,
    f: {
      method,
      assigned,
      travel: e.travelMinutes,
      perVisit: e.travelMinutes / Math.max(1, assigned),
      kept: e.withPreference === 0 ? NaN : 1 - e.continuityMisses / e.withPreference,
      seconds,
      violations: checkPlan(instance, plan).length,
    },
  };
}

function table(head: string[], cells: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => '| ' + c.map((x, i) => x.padEnd(widths[i])).join(' | ') + ' |';
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const c of cells) console.log(line(c));
  console.log('');
}

const pct = (x: number) => (Number.isNaN(x) ? '-' : `${(100 * x).toFixed(1)}%`);
const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '1.00' : 'inf') : (a / b).toFixed(2));
const mark = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** Settings of what a usual caregiver is worth in travel minutes; 10 is the default. */
const SETTINGS: [string, number][] = [
  ['0 (continuity ignored)', 0],
  ['10 (default)', 10],
  ['20', 20],
  ['strict', STRICT_CONTINUITY],
];
const big: [string, Instance, boolean][] = [
  ['urban street centre (40 cg, 400 orders)', urbanStreetCentre(), true],
  // The same street centre as the service plans it: returnToBase is on by default for street
  // centres (facilities.return_to_base NULL), so both plans' travel then counts each shift's way back.
  ['same street centre, returnToBase (its service default)', { ...urbanStreetCentre(), returnToBase: true }, true],
  ['whole city (500 cg, 5000 orders, 24 facilities)', wholeCity(), true],
  ['rural nursing home (12 cg, 70 orders)', ruralNursingHome(), false],
];
const targetRows: string[][] = [];
const settingRows: string[][] = [];
const commonRows: string[][] = [];
for (const [name, inst, travelTarget] of big) {
  const g = measure(inst, 'greedy', () => greedyPlan(inst));
  settingRows.push([
    name,
    'greedy',
    String(g.f.assigned),
    g.f.travel.toFixed(0),
    g.f.perVisit.toFixed(2),
    pct(g.f.kept),
    '1.00',
    g.f.seconds.toFixed(2),
    String(g.f.violations),
  ]);
  for (const [label, worth] of SETTINGS) {
    const e = measure(inst, label, () => solve(inst, { continuityWorthMinutes: worth }));
    const f = e.f;
    settingRows.push([
      '',
      `engine, worth ${label}`,
      String(f.assigned),
      f.travel.toFixed(0),
      f.perVisit.toFixed(2),
      pct(f.kept),
      ratio(f.perVisit, g.f.perVisit),
      f.seconds.toFixed(2),
      String(f.violations),
    ]);
    if (worth !== 10) continue;
    const keptRatio = f.kept / g.f.kept;
    targetRows.push([
      name,
      `${ratio(f.assigned, g.f.assigned)} (${mark(f.assigned >= g.f.assigned)})`,
      `${ratio(f.perVisit, g.f.perVisit)} (${travelTarget ? mark(f.perVisit <= 0.8 * g.f.perVisit) : 'no target'})`,
      `${Number.isFinite(keptRatio) ? keptRatio.toFixed(2) : ratio(f.kept, g.f.kept)} (${mark(f.kept >= 2 * g.f.kept)})`,
    ]);
    const byEngine = new Set(e.plan.assignments.map((a) => a.orderId));
    const both = new Set(g.plan.assignments.map((a) => a.orderId).filter((id) => byEngine.has(id)));
    // Each plan's routes kept to the orders both assign (travel obeys the triangle inequality, so this only shortens them).
    const on = (p: Plan) =>
      evaluatePlan(
        inst,
        p.assignments.filter((a) => both.has(a.orderId)),
      ).travelMinutes;
    commonRows.push([name, String(both.size), on(g.plan).toFixed(0), on(e.plan).toFixed(0), ratio(on(e.plan), on(g.plan))]);
  }
}
console.log('Engine at the default (usual caregiver worth 10 travel minutes) as a ratio to greedy, same run:');
table(['instance', 'assigned (target >= 1)', 'travel per visit (target <= 0.80)', 'usual caregiver kept (target >= 2)'], targetRows);
console.log('Continuity worth 0, 10, 20 minutes and strict, beside greedy:');
table(
  ['instance', 'method', 'assigned', 'travel min', 'per visit', 'usual kept', 'per visit / greedy', 'seconds', 'violations'],
  settingRows,
);
console.log("Travel on the same orders (default engine): those both plans assign, each plan's routes with its other visits left out.");
table(['instance', 'orders both assign', 'greedy travel min', 'engine travel min', 'engine / greedy'], commonRows);

const smallRows: string[][] = [];
for (let seed = 1; seed <= 6; seed++) {
  const inst = small(seed);
  const g = measure(inst, 'greedy', () => greedyPlan(inst)).f;
  const e = measure(inst, 'engine', () => solve(inst, { continuityWorthMinutes: STRICT_CONTINUITY })).f;
  let complete = true;
  const x = measure(inst, 'exhaustive', () => {
    const res = exhaustive(inst);
    complete = res.complete;
    return res.plan;
  }).f;
  const gap = x.travel === 0 ? 0 : (100 * (e.travel - x.travel)) / x.travel;
  smallRows.push([
    `small #${seed}`,
    String(g.assigned),
    String(e.assigned),
    `${x.assigned}${complete ? ' (proved optimal)' : ' (node limit)'}`,
    `${gap.toFixed(1)}%`,
    String(g.violations + e.violations + x.violations),
  ]);
}
console.log('Small instances (3 caregivers, 12 orders), engine with strict continuity as the exhaustive search ranks it:');
table(['instance', 'greedy assigned', 'engine assigned', 'exhaustive assigned', 'engine travel gap', 'violations'], smallRows);
