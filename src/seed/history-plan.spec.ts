import { describe, expect, it } from '@jest/globals';
import { addDays, dayStart, isoWeekday, MINUTE_MS, shanghaiDate } from '../common/shanghai-time.js';
import type { PolicyRule } from '../orders/pricing.js';
import {
  planHistory,
  type HistoryCaregiver,
  type HistoryInput,
  type HistoryResident,
  type HistoryService,
  type HistorySlot,
} from './history-plan.js';

const F = 'f0000000-0000-4000-8000-000000000001';
const FIRST_DAY = '2026-11-02'; // a Monday
const DAYS = 28;
const UNTIL = dayStart(addDays(FIRST_DAY, DAYS));

const SERVICES: HistoryService[] = [
  {
    code: 'meal.dine_in',
    category: 'meal',
    place: 'facility',
    durationMinutes: 60,
    requiredSkill: 'meal',
    minCaregiverLevel: 5,
    basePriceFen: 1200,
  },
  {
    code: 'meal.delivery',
    category: 'meal',
    place: 'home',
    durationMinutes: 30,
    requiredSkill: 'meal',
    minCaregiverLevel: 5,
    basePriceFen: 1500,
  },
  {
    code: 'cleaning.home',
    category: 'cleaning',
    place: 'home',
    durationMinutes: 90,
    requiredSkill: 'cleaning',
    minCaregiverLevel: 5,
    basePriceFen: 4500,
  },
];
const POLICY: PolicyRule[] = [
  {
    subsidyCategory: 'dibao',
    minAge: null,
    categories: [],
    sharePermille: 700,
    monthlyMinutes: 600,
    fixedFen: 0,
    fundingSource: 'gov_purchase',
  },
  {
    subsidyCategory: null,
    minAge: 80,
    categories: ['meal'],
    sharePermille: 0,
    monthlyMinutes: null,
    fixedFen: 300,
    fundingSource: 'advanced_age_meal',
  },
];

function at(day: string, hhmm: string): number {
  return dayStart(day) + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * MINUTE_MS;
}

/** Two caregivers working 08:00–16:00 every day; cleaning and delivery slots of capacity 2 and lunch seats for 8. */
function input(seed = 7): HistoryInput {
  const days = Array.from({ length: DAYS }, (_, i) => addDays(FIRST_DAY, i));
  const caregivers: HistoryCaregiver[] = ['c1', 'c2'].map((id) => ({
    id,
    facilityId: F,
    skills: ['meal', 'cleaning'],
    level: 4,
    shifts: days.map((d) => ({ start: at(d, '08:00'), end: at(d, '16:00') })),
  }));
  const slots: HistorySlot[] = days.flatMap((d) => [
    ...['08:30', '10:30', '12:30', '14:30'].map((t) => ({
      id: `clean|${d}|${t}`,
      facilityId: F,
      serviceCode: 'cleaning.home',
      start: at(d, t),
      end: at(d, t) + 90 * MINUTE_MS,
      sitting: null,
      capacity: 2,
    })),
    ...['11:00', '11:30', '12:00'].map((t) => ({
      id: `deliver|${d}|${t}`,
      facilityId: F,
      serviceCode: 'meal.delivery',
      start: at(d, t),
      end: at(d, t) + 30 * MINUTE_MS,
      sitting: null,
      capacity: 2,
    })),
    {
      id: `lunch|${d}`,
      facilityId: F,
      serviceCode: 'meal.dine_in',
      start: at(d, '11:30'),
      end: at(d, '12:30'),
      sitting: 'lunch' as const,
      capacity: 8,
    },
  ]);
  const residents: HistoryResident[] = Array.from({ length: 30 }, (_, i) => ({
    id: `r${i}`,
    facilityId: F,
    birthDate: i % 3 === 0 ? '1940-05-01' : '1955-05-01',
    subsidyCategory: i % 4 === 0 ? 'dibao' : 'none',
    careLevel: i % 5,
    lat: 25.79,
    lng: 113.03,
    address: '人民西路8号',
    dietaryNeeds: [],
    booker: { userId: `u${i}`, channel: 'self' },
    feedbackUserId: i % 2 === 0 ? `u${i}` : null,
  }));
  return { seed, firstDay: FIRST_DAY, until: UNTIL, services: SERVICES, slots, caregivers, residents, policy: POLICY };
}

describe('planHistory', () => {
  const plan = planHistory(input());
  const holding = plan.orders.filter((o) => o.status !== 'cancelled');

  it('fills the past with orders of every outcome, all before the history ends', () => {
    expect(plan.orders.length).toBeGreaterThan(300);
    const statuses = new Set(plan.orders.map((o) => o.status));
    expect([...statuses].sort()).toEqual(['cancelled', 'completed', 'missed', 'no_show']);
    for (const o of plan.orders) {
      expect(o.start).toBeGreaterThanOrEqual(dayStart(FIRST_DAY));
      expect(o.end).toBeLessThanOrEqual(UNTIL);
      expect(o.createdAt).toBeLessThan(o.start);
      expect(o.updatedAt).toBeLessThanOrEqual(UNTIL);
    }
  });

  it('never books a slot past its capacity, and counts the units the orders hold', () => {
    const counted = new Map<string, number>();
    for (const o of holding) counted.set(o.slotId, (counted.get(o.slotId) ?? 0) + 1);
    expect(plan.booked).toEqual(counted);
    const capacity = new Map(input().slots.map((s) => [s.id, s.capacity]));
    for (const [slot, n] of plan.booked) expect(n).toBeLessThanOrEqual(capacity.get(slot)!);
  });

  it('gives every home visit that happened a caregiver on shift, never two visits at once', () => {
    const assigned = new Map(plan.assignments.map((a) => [a.orderId, a]));
    for (const o of holding.filter((x) => x.serviceCode !== 'meal.dine_in')) expect(assigned.has(o.id)).toBe(true);
    for (const o of plan.orders.filter((x) => x.status === 'cancelled' || x.serviceCode === 'meal.dine_in'))
      expect(assigned.has(o.id)).toBe(false);
    for (const id of ['c1', 'c2']) {
      const mine = plan.assignments.filter((a) => a.caregiverId === id).sort((a, b) => a.start - b.start);
      for (let i = 1; i < mine.length; i++) expect(mine[i].start).toBeGreaterThanOrEqual(mine[i - 1].end);
    }
    // Completed visits were checked in and out; missed ones have no check-in.
    const completedHome = holding.filter((o) => o.status === 'completed' && assigned.has(o.id)).map((o) => o.id);
    const visits = new Map(plan.visits.map((v) => [v.orderId, v]));
    for (const id of completedHome) expect(visits.get(id)?.checkOut?.minutes).toBeGreaterThan(0);
    for (const o of plan.orders.filter((x) => x.status === 'missed'))
      expect(visits.get(o.id)).toMatchObject({ checkIn: null, checkOut: null });
  });

  it('prices each order as the policy does, within each monthly allowance', () => {
    for (const o of plan.orders) {
      expect(o.subsidyFen + o.copayFen).toBe(o.baseFen);
      expect(o.funding.reduce((n, f) => n + f.amountFen, 0)).toBe(o.subsidyFen);
    }
    expect(plan.orders.some((o) => o.funding.some((f) => f.source === 'gov_purchase'))).toBe(true);
    expect(plan.orders.some((o) => o.funding.some((f) => f.source === 'advanced_age_meal'))).toBe(true);
    for (const a of plan.allowance) expect(a.minutesUsed).toBeLessThanOrEqual(a.minutesLimit);
  });

  it('has a weekly rhythm: more meals on weekdays than at weekends, at meal times', () => {
    const meals = plan.orders.filter((o) => o.serviceCode.startsWith('meal.'));
    const perDay = (weekend: boolean) =>
      meals.filter((o) => isoWeekday(shanghaiDate(o.start)) >= 6 === weekend).length / (weekend ? 8 : 20);
    expect(perDay(false)).toBeGreaterThan(perDay(true) * 1.5);
    for (const o of meals) expect(new Date(o.start).getUTCHours() + 8).toBeGreaterThanOrEqual(11);
  });

  it('leaves feedback only through an account that may give it', () => {
    expect(plan.feedback.length).toBeGreaterThan(0);
    const completed = new Set(plan.orders.filter((o) => o.status === 'completed').map((o) => o.id));
    for (const f of plan.feedback) {
      expect(completed.has(f.orderId)).toBe(true);
      expect(f.rating).toBeGreaterThanOrEqual(1);
      expect(f.rating).toBeLessThanOrEqual(5);
    }
    expect(new Set(plan.feedback.map((f) => f.byUser)).size).toBeGreaterThan(1);
  });

  it('gives the same past for the same seed, and another for another seed', () => {
    const shape = (p: ReturnType<typeof planHistory>) => p.orders.map((o) => [o.residentId, o.slotId, o.status, o.createdAt]);
    expect(shape(planHistory(input()))).toEqual(shape(plan));
    expect(shape(planHistory(input(8)))).not.toEqual(shape(plan));
  });
});
