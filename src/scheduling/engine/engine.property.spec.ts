/** Properties over random small instances; checkPlan is the oracle for the hard rules. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { checkPlan } from './check.js';
import { exhaustive } from './exhaustive.js';
import { greedyPlan } from './greedy.js';
import { solve } from './solve.js';
import { DAY } from './test-builders.js';
import type { CaregiverInput, Instance, OrderInput } from './types.js';

const SKILLS = ['meal', 'cleaning', 'medical'];
const time = (minutes: number) =>
  `${DAY}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`;
const place = fc
  .record({ lat: fc.integer({ min: 0, max: 60 }), lng: fc.integer({ min: 0, max: 60 }) })
  .map(({ lat, lng }) => ({ lat: 25.74 + lat / 1000, lng: 112.98 + lng / 1000 }));

const caregiver = fc.record({
  skills: fc.subarray(SKILLS, { minLength: 1 }),
  level: fc.integer({ min: 1, max: 5 }),
  location: place,
  shifts: fc.oneof(
    fc
      .tuple(fc.integer({ min: 7 * 60, max: 10 * 60 }), fc.integer({ min: 120, max: 540 }))
      .map(([s, len]) => [{ start: time(s), end: time(s + len) }]),
    fc.constant(null).map(() => [
      { start: time(8 * 60), end: time(11 * 60) },
      { start: time(13 * 60), end: time(17 * 60) },
    ]),
  ),
  weeklyMinutesLeft: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
  capacity: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
});

const order = fc.record({
  skill: fc.constantFrom(...SKILLS),
  minLevel: fc.integer({ min: 1, max: 5 }),
  location: place,
  windowStart: fc.integer({ min: 7 * 60, max: 16 * 60 }),
  windowLength: fc.integer({ min: 60, max: 240 }),
  durationMinutes: fc.constantFrom(20, 30, 45, 60),
  preferred: fc.integer({ min: -2, max: 2 }),
  priority: fc.integer({ min: 0, max: 2 }),
  demand: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
});

function instanceArb(maxCaregivers: number, maxOrders: number): fc.Arbitrary<Instance> {
  return fc
    .record({
      caregivers: fc.array(caregiver, { minLength: 1, maxLength: maxCaregivers }),
      orders: fc.array(order, { minLength: 1, maxLength: maxOrders }),
      speedKmh: fc.constantFrom(10, 20, 40),
    })
    .map(({ caregivers, orders, speedKmh }) => {
      const cgs: CaregiverInput[] = caregivers.map(({ capacity, ...c }, i) => ({
        id: `c${i}`,
        ...c,
        ...(capacity === undefined ? {} : { capacity }),
      }));
      const os: OrderInput[] = orders.map((o, i) => ({
        id: `o${i}`,
        skill: o.skill,
        minLevel: o.minLevel,
        location: o.location,
        windowStart: time(o.windowStart),
        windowEnd: time(o.windowStart + Math.max(o.windowLength, o.durationMinutes)),
        durationMinutes: o.durationMinutes,
        preferredCaregiverId: o.preferred >= 0 && o.preferred < cgs.length ? `c${o.preferred}` : null,
        priority: o.priority,
        ...(o.demand === undefined ? {} : { demand: o.demand }),
      }));
      return { travel: { speedKmh }, caregivers: cgs, orders: os };
    });
}

const quick = { lnsIterations: 150 };

describe('engine properties', () => {
  it('every plan keeps every hard rule and lists every order once', () => {
    fc.assert(
      fc.property(instanceArb(4, 14), (inst) => {
        expect(checkPlan(inst, solve(inst, quick))).toEqual([]);
        expect(checkPlan(inst, greedyPlan(inst))).toEqual([]);
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it('keeps every hard rule and the greedy count when continuity is weighed against travel', () => {
    fc.assert(
      fc.property(instanceArb(4, 14), fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constant(10_000)), (inst, worth) => {
        const plan = solve(inst, { ...quick, continuityWorthMinutes: worth });
        expect(checkPlan(inst, plan)).toEqual([]);
        expect(plan.objective.assigned).toBeGreaterThanOrEqual(greedyPlan(inst).objective.assigned);
      }),
      { numRuns: 100, seed: 5 },
    );
  });

  it('keeps every hard rule and the way back with returnToBase, at any continuity weight', () => {
    fc.assert(
      fc.property(instanceArb(4, 14), fc.constantFrom(0, 10, 20, 10_000), (inst, worth) => {
        const back: Instance = { ...inst, returnToBase: true };
        const plan = solve(back, { ...quick, continuityWorthMinutes: worth });
        expect(checkPlan(back, plan)).toEqual([]);
        expect(checkPlan(back, greedyPlan(back))).toEqual([]);
        expect(plan.objective.assigned).toBeGreaterThanOrEqual(greedyPlan(back).objective.assigned);
      }),
      { numRuns: 120, seed: 13 },
    );
  });

  it('keeps every hard rule when visits start to the millisecond', () => {
    fc.assert(
      fc.property(instanceArb(4, 14), fc.boolean(), (inst, returnToBase) => {
        const x: Instance = { ...inst, returnToBase };
        expect(checkPlan(x, solve(x, { ...quick, startStepMs: 1 }))).toEqual([]);
      }),
      { numRuns: 80, seed: 17 },
    );
  });

  it('never assigns fewer orders than the greedy baseline', () => {
    fc.assert(
      fc.property(instanceArb(4, 16), (inst) => {
        expect(solve(inst, quick).objective.assigned).toBeGreaterThanOrEqual(greedyPlan(inst).objective.assigned);
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('is deterministic for the same input and seed', () => {
    fc.assert(
      fc.property(instanceArb(3, 12), fc.integer({ min: 1, max: 1000 }), (inst, seed) => {
        expect(solve(structuredClone(inst), { ...quick, seed })).toEqual(solve(inst, { ...quick, seed }));
      }),
      { numRuns: 60, seed: 3 },
    );
  });

  it('assigns as many orders as the exhaustive search on tiny instances', () => {
    let compared = 0;
    fc.assert(
      fc.property(instanceArb(3, 8), (inst) => {
        const best = exhaustive(inst, 200_000);
        expect(checkPlan(inst, best.plan)).toEqual([]);
        if (!best.complete) return;
        compared++;
        expect(solve(inst, quick).objective.assigned).toBe(best.plan.objective.assigned);
      }),
      { numRuns: 100, seed: 11 },
    );
    expect(compared).toBeGreaterThan(80);
  });
});
