/**
 * npm run bench:assign — the assignment engine against the greedy baseline (and, on small
 * instances, the exhaustive search) on generated city-day instances. A second table compares
 * travel on the same orders: those both plans assign, each plan's routes with its other visits
 * left out (which, travel obeying the triangle inequality, only shortens them). Rows with a
 * continuity worth show the engine weighing continuity against travel instead of ranking it first.
 */
import { checkPlan, evaluatePlan, exhaustive, greedyPlan, solve } from '../src/scheduling/engine/index.js';
import type { Instance, Plan } from '../src/scheduling/engine/types.js';
import { ruralNursingHome, small, urbanStreetCentre, wholeCity } from './assign-instances.js';

interface Row {
  instance: string;
  method: string;
  assigned: number;
  unassigned: number;
  travel: number;
  continuity: string;
  seconds: number;
  violations: number;
  note?: string;
}

interface CommonRow {
  instance: string;
  both: number;
  greedy: number;
  engine: number;
}

/** Travel minutes of the plan's routes kept to the given orders (first visit of a shift from base). */
function travelOn(instance: Instance, plan: Plan, keep: Set<string>): number {
  return evaluatePlan(instance, plan.assignments.filter((a) => keep.has(a.orderId))).travelMinutes;
}

function common(name: string, instance: Instance, greedy: Plan, engine: Plan): CommonRow {
  const byEngine = new Set(engine.assignments.map((a) => a.orderId));
  const both = new Set(greedy.assignments.map((a) => a.orderId).filter((id) => byEngine.has(id)));
  return { instance: name, both: both.size, greedy: travelOn(instance, greedy, both), engine: travelOn(instance, engine, both) };
}

function run(name: string, method: string, instance: Instance, make: () => Plan): { row: Row; plan: Plan } {
  const t0 = performance.now();
  const plan = make();
  const seconds = (performance.now() - t0) / 1000;
  const f = evaluatePlan(instance, plan.assignments);
  const continuity = f.withPreference === 0 ? '-' : `${(100 * (1 - f.continuityMisses / f.withPreference)).toFixed(1)}%`;
  const row: Row = {
    instance: name,
    method,
    assigned: plan.objective.assigned,
    unassigned: plan.unassigned.length,
    travel: plan.objective.travelMinutes,
    continuity,
    seconds,
    violations: checkPlan(instance, plan).length,
  };
  return { row, plan };
}

function print(rows: Row[]): void {
  const head = ['instance', 'method', 'assigned', 'unassigned', 'travel min', 'continuity', 'seconds', 'violations', 'note'];
  const cells = rows.map((r) => [r.instance, r.method, String(r.assigned), String(r.unassigned), r.travel.toFixed(1), r.continuity, r.seconds.toFixed(2), String(r.violations), r.note ?? '']);
  table(head, cells);
}

function table(head: string[], cells: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => '| ' + c.map((x, i) => x.padEnd(widths[i]!)).join(' | ') + ' |';
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const c of cells) console.log(line(c));
}

/** Settings of what a usual caregiver is worth in travel minutes, printed beside the default (continuity first). */
const WORTHS = [10, 20];
const rows: Row[] = [];
const commons: CommonRow[] = [];
const big: [string, Instance][] = [
  ['urban street centre (40 cg, 400 orders)', urbanStreetCentre()],
  ['whole city (500 cg, 5000 orders, 24 facilities)', wholeCity()],
  ['rural nursing home (12 cg, 70 orders)', ruralNursingHome()],
];
for (const [name, inst] of big) {
  const { row: g, plan: gp } = run(name, 'greedy', inst, () => greedyPlan(inst));
  const { row: e, plan: ep } = run(name, 'engine', inst, () => solve(inst));
  commons.push(common(name, inst, gp, ep));
  const perVisit = (r: Row) => r.travel / Math.max(1, r.assigned);
  const pct = (a: number, b: number) => `${a <= b ? '' : '+'}${(100 * (a / b - 1)).toFixed(1)}%`;
  e.note = `travel ${pct(e.travel, g.travel)} total, ${pct(perVisit(e), perVisit(g))} per visit vs greedy; +${e.assigned - g.assigned} assigned`;
  rows.push(g, e);
  // Continuity weighed against travel (ASSIGN_CONTINUITY_WORTH_MINUTES): what each setting gives up and gains.
  for (const worth of WORTHS) {
    const w = run(name, `engine, continuity worth ${worth} min`, inst, () => solve(inst, { continuityWorthMinutes: worth })).row;
    w.note = `travel ${pct(w.travel, g.travel)} total, ${pct(perVisit(w), perVisit(g))} per visit vs greedy; +${w.assigned - g.assigned} assigned`;
    rows.push(w);
  }
  if (inst.orders.length <= 1000) {
    // The same engine with continuity ignored: what honouring preferred caregivers costs in travel.
    const blind = { ...inst, caregivers: inst.caregivers.map((c) => ({ ...c, usualResidentIds: [] })), orders: inst.orders.map((o) => ({ ...o, preferredCaregiverId: null })) };
    const b = run(name, 'engine, no continuity', blind, () => solve(blind)).row;
    b.continuity = '-';
    b.note = `travel ${pct(b.travel, g.travel)} total, ${pct(perVisit(b), perVisit(g))} per visit vs greedy`;
    rows.push(b);
  }
}
for (let seed = 1; seed <= 6; seed++) {
  const inst = small(seed);
  const name = `small #${seed} (3 cg, 12 orders)`;
  const g = run(name, 'greedy', inst, () => greedyPlan(inst)).row;
  const e = run(name, 'engine', inst, () => solve(inst)).row;
  let complete = true;
  const x = run(name, 'exhaustive', inst, () => {
    const res = exhaustive(inst);
    complete = res.complete;
    return res.plan;
  }).row;
  x.note = complete ? 'proved optimal' : 'node limit hit: best found';
  const gap = x.travel === 0 ? 0 : (100 * (e.travel - x.travel)) / x.travel;
  e.note = `${e.assigned === x.assigned ? 'same assigned as exhaustive' : `${e.assigned - x.assigned} vs exhaustive`}; travel gap ${gap.toFixed(1)}%`;
  rows.push(g, e, x);
}
print(rows);
console.log('');
console.log('Travel on the same orders: those both plans assign, each plan\'s routes with its other visits left out.');
table(
  ['instance', 'orders both assign', 'greedy travel min', 'engine travel min', 'engine vs greedy'],
  commons.map((c) => [c.instance, String(c.both), c.greedy.toFixed(1), c.engine.toFixed(1), `${c.engine <= c.greedy ? '' : '+'}${(100 * (c.engine / c.greedy - 1)).toFixed(1)}%`]),
);
