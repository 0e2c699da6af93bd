import { describe, expect, it } from '@jest/globals';
import { checkPlan } from './check.js';
import { STRICT_CONTINUITY, solve } from './solve.js';
import { aCaregiver, anInstance, anOrder, at, CENTRE } from './test-builders.js';
import { travelMinutes } from './travel.js';

describe('solve', () => {
  it('assigns the API.md example and explains why', () => {
    const inst = anInstance([aCaregiver()], [anOrder()]);
    const plan = solve(inst);
    expect(checkPlan(inst, plan)).toEqual([]);
    expect(plan.assignments).toEqual([
      {
        orderId: 'o1',
        caregiverId: 'c1',
        start: at('09:00'),
        end: at('10:00'),
        explanation: '1.5 km from base (first visit of the shift); skill cleaning, level 3',
        explanationZh: '距出发地 1.5 公里（本班第一单）；技能助洁，等级 3',
      },
    ]);
    expect(plan.objective).toEqual({
      assigned: 1,
      travelMinutes: Math.round(travelMinutes(CENTRE, inst.orders[0].location, 20) * 10) / 10,
      continuityMisses: 0,
    });
  });

  it('starts a visit after the travel from the shift start, on a whole minute', () => {
    const inst = anInstance([aCaregiver({ shifts: [{ start: at('09:00'), end: at('12:00') }] })], [anOrder()]);
    expect(solve(inst).assignments[0]).toMatchObject({ start: at('09:05'), end: at('10:05') });
  });

  it('honours the preferred caregiver even at more travel when continuity is strict, and says so', () => {
    const far = { lat: 25.9, lng: 113.1 };
    const inst = anInstance(
      [aCaregiver({ id: 'near' }), aCaregiver({ id: 'usual', location: far })],
      [anOrder({ preferredCaregiverId: 'usual', windowEnd: at('14:00') }), anOrder({ id: 'o2', residentId: 'r9' })],
    );
    inst.caregivers[0].usualResidentIds = ['r9'];
    const plan = solve(inst, { continuityWorthMinutes: STRICT_CONTINUITY });
    expect(plan.assignments.map((a) => [a.orderId, a.caregiverId])).toEqual([
      ['o2', 'near'],
      ['o1', 'usual'],
    ]);
    expect(plan.assignments.map((a) => a.explanation!.split(';')[0])).toEqual(['usual caregiver', 'preferred caregiver']);
    expect(plan.assignments.map((a) => a.explanationZh!.split('；')[0])).toEqual(['平常服务的护理员', '老人指定的护理员']);
    expect(plan.objective.continuityMisses).toBe(0);
  });

  it('weighs continuity against travel when told what a usual caregiver is worth', () => {
    // The usual caregiver lives about 15 minutes farther out than the other one.
    const far = { lat: 25.83, lng: 113.05 };
    const inst = anInstance(
      [aCaregiver({ id: 'near' }), aCaregiver({ id: 'usual', location: far })],
      [anOrder({ preferredCaregiverId: 'usual' })],
    );
    const near = solve(inst, { continuityWorthMinutes: 5 });
    const strict = solve(inst, { continuityWorthMinutes: STRICT_CONTINUITY });
    const generous = solve(inst, { continuityWorthMinutes: 120 });
    expect(near.assignments[0].caregiverId).toBe('near');
    expect(near.objective.continuityMisses).toBe(1);
    expect(near.objective.travelMinutes).toBeLessThan(strict.objective.travelMinutes - 5);
    expect(strict.assignments[0].caregiverId).toBe('usual');
    expect(generous.assignments[0].caregiverId).toBe('usual');
  });

  it('weighs a usual caregiver as 10 travel minutes by default, or as the instance says', () => {
    // The usual caregiver is about 15 minutes farther: worth less than that by default.
    const far = { lat: 25.83, lng: 113.05 };
    const inst = anInstance(
      [aCaregiver({ id: 'near' }), aCaregiver({ id: 'usual', location: far })],
      [anOrder({ preferredCaregiverId: 'usual' })],
    );
    expect(solve(inst).assignments[0].caregiverId).toBe('near');
    expect(solve({ ...inst, weights: { continuityWorthMinutes: 20 } }).assignments[0].caregiverId).toBe('usual');
    expect(solve({ ...inst, weights: { continuityWorthMinutes: 20 } }, { continuityWorthMinutes: 0 }).assignments[0].caregiverId).toBe(
      'near',
    );
  });

  it('gives the higher priority order the only slot', () => {
    const inst = anInstance(
      [aCaregiver({ shifts: [{ start: at('08:00'), end: at('10:30') }] })],
      [anOrder({ id: 'low' }), anOrder({ id: 'high', priority: 2 })],
    );
    const plan = solve(inst);
    expect(plan.assignments.map((a) => a.orderId)).toEqual(['high']);
    expect(plan.unassigned).toEqual([
      { orderId: 'low', reason: 'all qualified caregivers fully booked in the window', reasonZh: '合格护理员在该时段都已排满' },
    ]);
  });

  it('says why an order cannot be assigned', () => {
    const inst = anInstance(
      [
        aCaregiver({ skills: ['cleaning', 'medical'], level: 4, weeklyMinutesLeft: 30 }),
        aCaregiver({ id: 'c2', shifts: [{ start: at('14:00'), end: at('18:00') }] }),
      ],
      [
        anOrder({ id: 'meal', skill: 'meal' }),
        anOrder({ id: 'med', skill: 'medical', minLevel: 3 }),
        anOrder({ id: 'late', windowStart: at('19:00'), windowEnd: at('20:00') }),
        anOrder({ id: 'far', location: { lat: 26.5, lng: 113.01 }, windowStart: at('09:00'), windowEnd: at('11:00') }),
        anOrder({ id: 'week', skill: 'medical', minLevel: 4 }),
      ],
    );
    // Each reason in English and in Chinese.
    const reasons = Object.fromEntries(solve(inst).unassigned.map((u) => [u.orderId, [u.reason, u.reasonZh]]));
    expect(reasons).toEqual({
      meal: ['no caregiver with skill meal', '没有会助餐的护理员'],
      med: ['no caregiver with skill medical at level 3 or better', '没有等级 3 或以上（1 级最高）、会助医的护理员'],
      late: [
        'no caregiver with skill cleaning at level 5 or better on shift within the window',
        '时段内没有在班的等级 5 或以上（1 级最高）、会助洁的护理员',
      ],
      far: [
        'qualified caregivers on shift cannot reach the address within the window (nearest base 81.2 km away)',
        '在班的合格护理员无法在时段内赶到（最近的出发地 81.2 公里）',
      ],
      week: ['qualified caregivers on shift have no weekly minutes left', '在班的合格护理员本周工时已用完'],
    });
  });

  it('never lets one caregiver be in two places and uses a second shift from base', () => {
    const inst = anInstance(
      [
        aCaregiver({
          shifts: [
            { start: at('08:00'), end: at('10:30') },
            { start: at('13:00'), end: at('16:00') },
          ],
        }),
      ],
      [
        anOrder({ id: 'a' }),
        anOrder({ id: 'b', windowStart: at('09:00'), windowEnd: at('16:00') }),
        anOrder({ id: 'c', windowStart: at('13:00'), windowEnd: at('15:00') }),
      ],
    );
    const plan = solve(inst);
    expect(checkPlan(inst, plan)).toEqual([]);
    expect(plan.objective.assigned).toBe(3);
  });
});

describe('returnToBase', () => {
  it('counts the way back as travel and keeps it inside the shift', () => {
    const inst = anInstance([aCaregiver()], [anOrder()]);
    const oneWay = travelMinutes(CENTRE, inst.orders[0].location, 20);
    const there = solve(inst).objective.travelMinutes;
    const back = solve({ ...inst, returnToBase: true });
    expect(there).toBeCloseTo(oneWay, 1);
    expect(back.objective.travelMinutes).toBeCloseTo(2 * oneWay, 1);
    expect(checkPlan({ ...inst, returnToBase: true }, back)).toEqual([]);
  });

  it('leaves out a visit that fits the shift but not the way back', () => {
    // The visit can end at 11:00 (the window's end); the shift ends 11:02, less than the way back.
    const shifts = [{ start: at('08:00'), end: at('11:02') }];
    const inst = anInstance([aCaregiver({ shifts })], [anOrder({ windowStart: at('10:00'), windowEnd: at('11:00') })]);
    expect(solve(inst).objective.assigned).toBe(1);
    const back = solve({ ...inst, returnToBase: true });
    expect(back.objective.assigned).toBe(0);
    expect(back.unassigned[0].reason).toMatch(/be back at base by the end of the shift/);
  });

  it('goes out and back in each shift', () => {
    const inst = anInstance(
      [
        aCaregiver({
          shifts: [
            { start: at('08:00'), end: at('11:00') },
            { start: at('13:00'), end: at('16:00') },
          ],
        }),
      ],
      [anOrder({ id: 'a' }), anOrder({ id: 'b', windowStart: at('13:00'), windowEnd: at('15:00') })],
      20,
    );
    const plan = solve({ ...inst, returnToBase: true });
    const oneWay = travelMinutes(CENTRE, inst.orders[0].location, 20);
    expect(plan.objective.assigned).toBe(2);
    expect(plan.objective.travelMinutes).toBeCloseTo(4 * oneWay, 1);
    expect(checkPlan({ ...inst, returnToBase: true }, plan)).toEqual([]);
  });
});

describe('capacity', () => {
  it('puts no more on a shift than the caregiver can carry', () => {
    // Without capacities the near caregiver would take both visits.
    const orders = [anOrder({ demand: 3 }), anOrder({ id: 'o2', demand: 3, windowEnd: at('14:00') })];
    const far = { lat: 25.9, lng: 113.1 };
    expect(
      solve(anInstance([aCaregiver(), aCaregiver({ id: 'c2', location: far })], orders)).assignments.map((a) => a.caregiverId),
    ).toEqual(['c1', 'c1']);
    const inst = anInstance([aCaregiver({ capacity: 5 }), aCaregiver({ id: 'c2', location: far, capacity: 3 })], orders);
    const plan = solve(inst);
    expect(plan.assignments.map((a) => a.caregiverId).sort()).toEqual(['c1', 'c2']);
    expect(checkPlan(inst, plan)).toEqual([]);
  });
});

describe('an instance with nothing to plan', () => {
  it('gives an empty plan rather than failing (no orders, or no caregivers)', () => {
    const shift = { start: '2026-12-01T08:00:00+08:00', end: '2026-12-01T16:00:00+08:00' };
    const caregiver = { id: 'c1', skills: ['cleaning'], level: 3, location: { lat: 25.77, lng: 113.01 }, shifts: [shift] };
    expect(solve({ travel: { speedKmh: 20 }, caregivers: [caregiver], orders: [] })).toEqual({
      assignments: [],
      unassigned: [],
      objective: { assigned: 0, travelMinutes: 0, continuityMisses: 0 },
    });
    expect(solve({ travel: { speedKmh: 20 }, caregivers: [], orders: [] }).assignments).toEqual([]);
  });
});
