import { describe, expect, it } from '@jest/globals';
import { checkPlan } from './check.js';
import { aCaregiver, anInstance, anOrder, at, CENTRE } from './test-builders.js';
import { travelMinutes } from './travel.js';
import type { Assignment, Instance, Plan } from './types.js';

const near = { lat: 25.78, lng: 113.02 };
const instance: Instance = anInstance(
  [aCaregiver({ id: 'c1', weeklyMinutesLeft: 120 }), aCaregiver({ id: 'c2', skills: ['meal'], level: 4 })],
  [anOrder({ id: 'o1' }), anOrder({ id: 'o2', windowStart: at('10:00'), windowEnd: at('13:00') })],
);
const toNear = travelMinutes(CENTRE, near, 20);

function planOf(assignments: Assignment[], unassigned: string[] = []): Plan {
  return {
    assignments,
    unassigned: unassigned.map((orderId) => ({ orderId, reason: 'x' })),
    objective: { assigned: assignments.length, travelMinutes: Math.round(toNear * 10) / 10, continuityMisses: 0 },
  };
}
const visit = (orderId: string, caregiverId: string, start: string, end: string): Assignment => ({
  orderId,
  caregiverId,
  start: at(start),
  end: at(end),
});
const rules = (p: Plan, complete = false) => checkPlan(instance, p, { complete }).map((v) => v.rule);

describe('checkPlan', () => {
  it('accepts a plan that keeps every rule (same address: no travel between visits)', () => {
    expect(toNear).toBeGreaterThan(3);
    expect(checkPlan(instance, planOf([visit('o1', 'c1', '09:00', '10:00'), visit('o2', 'c1', '10:00', '11:00')]))).toEqual([]);
  });

  it('finds a missing skill and a level that is not good enough', () => {
    const inst = anInstance([aCaregiver({ id: 'c3', level: 4 })], [anOrder({ minLevel: 3 })]);
    expect(checkPlan(inst, planOf([visit('o1', 'c3', '09:00', '10:00')]), { complete: false }).map((v) => v.rule)).toEqual(['level']);
    expect(rules(planOf([visit('o1', 'c2', '09:00', '10:00')]))).toEqual(['skill']);
  });

  it('finds visits outside the window, outside the shift, or of the wrong length', () => {
    expect(rules(planOf([visit('o1', 'c1', '10:30', '11:30')]))).toEqual(['window']);
    expect(rules(planOf([visit('o2', 'c1', '15:30', '16:30')]))).toEqual(['window', 'shift']);
    expect(rules(planOf([visit('o1', 'c1', '09:00', '09:30')]))).toEqual(['duration']);
  });

  it('requires the travel time from the caregiver location at the start of a shift', () => {
    const inst = anInstance([aCaregiver({ shifts: [{ start: at('09:00'), end: at('16:00') }] })], [anOrder()]);
    expect(checkPlan(inst, planOf([visit('o1', 'c1', '09:00', '10:00')]), { complete: false }).map((v) => v.rule)).toEqual(['travel']);
    expect(checkPlan(inst, planOf([visit('o1', 'c1', '09:05', '10:05')]), { complete: false })).toEqual([]);
  });

  it('requires travel time between consecutive visits at different addresses', () => {
    const inst = anInstance([aCaregiver()], [anOrder(), anOrder({ id: 'o2', location: CENTRE, windowEnd: at('12:00') })]);
    const tight = planOf([visit('o1', 'c1', '09:00', '10:00'), visit('o2', 'c1', '10:00', '11:00')]);
    expect(checkPlan(inst, tight, { complete: false }).map((v) => v.rule)).toEqual(['travel']);
    const ok = planOf([visit('o1', 'c1', '09:00', '10:00'), visit('o2', 'c1', '10:05', '11:05')]);
    expect(checkPlan(inst, ok, { complete: false })).toEqual([]);
  });

  it('finds overlapping visits and the weekly limit', () => {
    expect(rules(planOf([visit('o1', 'c1', '09:30', '10:30'), visit('o2', 'c1', '10:00', '11:00')]))).toEqual(['overlap']);
    const inst = anInstance([aCaregiver({ weeklyMinutesLeft: 90 })], instance.orders);
    const p = planOf([visit('o1', 'c1', '09:00', '10:00'), visit('o2', 'c1', '10:00', '11:00')]);
    expect(checkPlan(inst, p, { complete: false }).map((v) => v.rule)).toEqual(['weekly']);
  });

  it('checks the plan lists each order once and that the objective adds up', () => {
    const p = planOf([visit('o1', 'c1', '09:00', '10:00'), visit('o1', 'c1', '10:00', '11:00')]);
    expect(checkPlan(instance, p).map((v) => v.rule)).toEqual(['plan', 'plan']);
    const wrong = {
      ...planOf([visit('o1', 'c1', '09:00', '10:00')], ['o2']),
      objective: { assigned: 2, travelMinutes: 0, continuityMisses: 1 },
    };
    expect(checkPlan(instance, wrong).map((v) => v.rule)).toEqual(['objective', 'objective', 'objective']);
  });

  it('with returnToBase, requires the way back by the end of the shift and counts it as travel', () => {
    const inst: Instance = {
      ...anInstance([aCaregiver({ shifts: [{ start: at('08:00'), end: at('10:03') }] })], [anOrder()]),
      returnToBase: true,
    };
    const p = {
      ...planOf([visit('o1', 'c1', '09:00', '10:00')]),
      objective: { assigned: 1, travelMinutes: Math.round(2 * toNear * 10) / 10, continuityMisses: 0 },
    };
    expect(toNear).toBeGreaterThan(3);
    expect(toNear).toBeLessThan(5);
    expect(checkPlan(inst, p).map((v) => v.rule)).toEqual(['return']);
    const roomy: Instance = { ...inst, caregivers: [aCaregiver({ shifts: [{ start: at('08:00'), end: at('10:10') }] })] };
    expect(checkPlan(roomy, p)).toEqual([]);
    expect(checkPlan({ ...roomy, returnToBase: false }, p).map((v) => v.rule)).toEqual(['objective']);
  });

  it('finds a shift whose visits carry more than the caregiver can', () => {
    const inst = anInstance(
      [aCaregiver({ capacity: 5 })],
      [anOrder({ demand: 3 }), anOrder({ id: 'o2', demand: 3, location: near, windowStart: at('10:00'), windowEnd: at('13:00') })],
    );
    const p = planOf([visit('o1', 'c1', '09:00', '10:00'), visit('o2', 'c1', '10:00', '11:00')]);
    expect(checkPlan(inst, p, { complete: false }).map((v) => v.rule)).toEqual(['capacity']);
    expect(checkPlan({ ...inst, caregivers: [aCaregiver({ capacity: 6 })] }, p, { complete: false })).toEqual([]);
  });
});
