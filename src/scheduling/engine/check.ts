/**
 * The independent oracle: every hard rule a plan breaks, recomputed from the instance alone
 * (no engine state). Used by the tests, and by the service to check staff overrides.
 */
import { MINUTE_MS, parseTime } from './time.js';
import { travelMs } from './travel.js';
import type { Assignment, CaregiverInput, Instance, OrderInput, Plan } from './types.js';

export type Rule =
  'plan' | 'skill' | 'level' | 'duration' | 'window' | 'shift' | 'overlap' | 'travel' | 'return' | 'capacity' | 'weekly' | 'objective';

export interface Violation {
  rule: Rule;
  message: string;
  orderId?: string;
  caregiverId?: string;
}

export interface CheckOptions {
  /** Also check that every order is listed once and that the objective matches (default true). */
  complete?: boolean;
}

interface Visit {
  a: Assignment;
  order: OrderInput;
  start: number;
  end: number;
  shift: number;
}

export function checkPlan(instance: Instance, plan: Plan, options: CheckOptions = {}): Violation[] {
  const out: Violation[] = [];
  const orders = new Map(instance.orders.map((o) => [o.id, o]));
  const caregivers = new Map(instance.caregivers.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const visits = new Map<string, Visit[]>();
  for (const a of plan.assignments) {
    const order = orders.get(a.orderId);
    const cg = caregivers.get(a.caregiverId);
    const at = { orderId: a.orderId, caregiverId: a.caregiverId };
    if (!order || !cg) {
      out.push({ rule: 'plan', ...at, message: `unknown ${order ? 'caregiver' : 'order'} in assignment of ${a.orderId}` });
      continue;
    }
    if (seen.has(a.orderId)) out.push({ rule: 'plan', ...at, message: `order ${a.orderId} assigned more than once` });
    seen.add(a.orderId);
    if (!cg.skills.includes(order.skill)) out.push({ rule: 'skill', ...at, message: `${cg.id} lacks skill ${order.skill}` });
    if (cg.level > order.minLevel) {
      out.push({ rule: 'level', ...at, message: `${cg.id} is level ${cg.level}; order needs ${order.minLevel} or better` });
    }
    const start = parseTime(a.start);
    const end = parseTime(a.end);
    if (Number.isNaN(start) || Number.isNaN(end)) {
      out.push({ rule: 'plan', ...at, message: `unreadable start or end for ${a.orderId}` });
      continue;
    }
    if (end - start !== order.durationMinutes * MINUTE_MS) {
      out.push({ rule: 'duration', ...at, message: `visit lasts ${(end - start) / MINUTE_MS} min, order needs ${order.durationMinutes}` });
    }
    if (start < parseTime(order.windowStart) || end > parseTime(order.windowEnd)) {
      out.push({ rule: 'window', ...at, message: `visit ${a.start}–${a.end} is outside the window` });
    }
    const shift = cg.shifts.findIndex((s) => parseTime(s.start) <= start && end <= parseTime(s.end));
    if (shift < 0) out.push({ rule: 'shift', ...at, message: `visit ${a.start}–${a.end} is outside ${cg.id}'s shifts` });
    visits.set(cg.id, [...(visits.get(cg.id) ?? []), { a, order, start, end, shift }]);
  }
  for (const [id, list] of visits) checkCaregiver(instance, caregivers.get(id)!, list, out);
  if (options.complete ?? true) checkComplete(instance, plan, seen, out);
  return out;
}

function checkCaregiver(instance: Instance, cg: CaregiverInput, list: Visit[], out: Violation[]): void {
  const speed = instance.travel.speedKmh;
  list.sort((x, y) => x.start - y.start);
  let minutes = 0;
  list.forEach((v, i) => {
    minutes += v.order.durationMinutes;
    const at = { orderId: v.order.id, caregiverId: cg.id };
    const prev = i > 0 ? list[i - 1] : undefined;
    if (prev && prev.end > v.start) {
      out.push({ rule: 'overlap', ...at, message: `${cg.id}'s visits ${prev.order.id} and ${v.order.id} overlap` });
      return;
    }
    if (v.shift < 0) return;
    const fromHome = !prev || prev.shift !== v.shift;
    const leave = fromHome ? parseTime(cg.shifts[v.shift].start) : prev.end;
    const need = travelMs(fromHome ? cg.location : prev.order.location, v.order.location, speed);
    if (leave + need > v.start) {
      const from = fromHome ? 'the start of the shift' : `visit ${prev.order.id}`;
      out.push({ rule: 'travel', ...at, message: `${cg.id} cannot travel from ${from} to ${v.order.id} in time` });
    }
    const next = list[i + 1];
    if (instance.returnToBase === true && (!next || next.shift !== v.shift)) {
      // The shift's last visit: the way back to the caregiver's location must end by the shift's end.
      const shiftEnd = parseTime(cg.shifts[v.shift].end);
      if (v.end + travelMs(v.order.location, cg.location, speed) > shiftEnd) {
        out.push({ rule: 'return', ...at, message: `${cg.id} cannot be back at base by the end of the shift after ${v.order.id}` });
      }
    }
  });
  if (cg.capacity !== undefined) {
    const carried = new Map<number, number>();
    for (const v of list) if (v.shift >= 0) carried.set(v.shift, (carried.get(v.shift) ?? 0) + (v.order.demand ?? 0));
    for (const [shift, demand] of carried) {
      if (demand > cg.capacity)
        out.push({
          rule: 'capacity',
          caregiverId: cg.id,
          message: `${cg.id}'s shift ${shift + 1} carries ${demand}, capacity ${cg.capacity}`,
        });
    }
  }
  if (cg.weeklyMinutesLeft !== undefined && minutes > cg.weeklyMinutesLeft) {
    out.push({ rule: 'weekly', caregiverId: cg.id, message: `${cg.id} gets ${minutes} min, ${cg.weeklyMinutesLeft} left this week` });
  }
}

function checkComplete(instance: Instance, plan: Plan, assigned: Set<string>, out: Violation[]): void {
  const listed = new Set(assigned);
  for (const u of plan.unassigned) {
    if (listed.has(u.orderId)) out.push({ rule: 'plan', orderId: u.orderId, message: `order ${u.orderId} listed twice` });
    listed.add(u.orderId);
  }
  for (const o of instance.orders) {
    if (!listed.has(o.id)) out.push({ rule: 'plan', orderId: o.id, message: `order ${o.id} is neither assigned nor unassigned` });
  }
  const e = evaluatePlan(instance, plan.assignments);
  const ob = plan.objective;
  if (ob.assigned !== plan.assignments.length)
    out.push({ rule: 'objective', message: `objective.assigned is ${ob.assigned}, plan has ${plan.assignments.length}` });
  if (Math.abs(ob.travelMinutes - e.travelMinutes) > 0.051)
    out.push({ rule: 'objective', message: `objective.travelMinutes is ${ob.travelMinutes}, recomputed ${e.travelMinutes.toFixed(2)}` });
  if (ob.continuityMisses !== e.continuityMisses)
    out.push({ rule: 'objective', message: `objective.continuityMisses is ${ob.continuityMisses}, recomputed ${e.continuityMisses}` });
}

export interface PlanFigures {
  travelMinutes: number;
  continuityMisses: number;
  /** Assigned orders that have a preferred or usual caregiver. */
  withPreference: number;
}

/**
 * Travel and continuity of a set of assignments, from the instance alone. Each shift's first visit
 * is reached from the caregiver's location; with returnToBase each shift's last visit is followed
 * by the way back there.
 */
export function evaluatePlan(instance: Instance, assignments: Assignment[]): PlanFigures {
  const orders = new Map(instance.orders.map((o) => [o.id, o]));
  const usual = new Map<string, Set<string>>();
  for (const c of instance.caregivers) {
    for (const r of c.usualResidentIds ?? []) usual.set(r, (usual.get(r) ?? new Set()).add(c.id));
  }
  let misses = 0;
  let withPreference = 0;
  let travel = 0;
  for (const a of assignments) {
    const o = orders.get(a.orderId);
    if (!o) continue;
    const pref = o.preferredCaregiverId != null ? new Set([o.preferredCaregiverId]) : o.residentId ? usual.get(o.residentId) : undefined;
    if (pref) {
      withPreference++;
      if (!pref.has(a.caregiverId)) misses++;
    }
  }
  for (const cg of instance.caregivers) {
    const mine = assignments
      .filter((a) => a.caregiverId === cg.id && orders.has(a.orderId))
      .sort((x, y) => parseTime(x.start) - parseTime(y.start));
    const speed = instance.travel.speedKmh;
    const back = instance.returnToBase === true;
    let prevShift = -1;
    let prevLoc = cg.location;
    mine.forEach((a, i) => {
      const start = parseTime(a.start);
      const shift = cg.shifts.findIndex((s) => parseTime(s.start) <= start && start < parseTime(s.end));
      const loc = orders.get(a.orderId)!.location;
      if (back && i > 0 && shift !== prevShift) travel += travelMs(prevLoc, cg.location, speed) / MINUTE_MS;
      travel += travelMs(shift !== prevShift ? cg.location : prevLoc, loc, speed) / MINUTE_MS;
      prevShift = shift;
      prevLoc = loc;
    });
    if (back && mine.length > 0) travel += travelMs(prevLoc, cg.location, speed) / MINUTE_MS;
  }
  return { travelMinutes: travel, continuityMisses: misses, withPreference };
}
