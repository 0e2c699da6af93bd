import { homeServiceSlots, planSlots, seatSlots, type CapacityInput, type ServiceSpec } from './capacity-rule.js';
import { dayStart, MINUTE_MS, toShanghaiIso } from '../common/shanghai-time.js';

const DAY = '2026-12-01'; // a Tuesday
const at = (hhmm: string, day = DAY) => dayStart(day) + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * MINUTE_MS;
const shift = (from: string, to: string, day = DAY) => ({ start: at(from, day), end: at(to, day) });

const cleaning: ServiceSpec = {
  code: 'cleaning.home',
  category: 'cleaning',
  place: 'home',
  durationMinutes: 90,
  requiredSkill: 'cleaning',
  minCaregiverLevel: 5,
};
const delivery: ServiceSpec = {
  code: 'meal.delivery',
  category: 'meal',
  place: 'home',
  durationMinutes: 30,
  requiredSkill: 'meal',
  minCaregiverLevel: 5,
};
const nursing: ServiceSpec = {
  code: 'medical.home_nursing',
  category: 'medical',
  place: 'home',
  durationMinutes: 60,
  requiredSkill: 'medical',
  minCaregiverLevel: 3,
};
const dineIn: ServiceSpec = {
  code: 'meal.dine_in',
  category: 'meal',
  place: 'facility',
  durationMinutes: 60,
  requiredSkill: 'meal',
  minCaregiverLevel: 5,
};
const healthCheck: ServiceSpec = {
  code: 'medical.health_check',
  category: 'medical',
  place: 'facility',
  durationMinutes: 30,
  requiredSkill: 'medical',
  minCaregiverLevel: 3,
};

function input(over: Partial<CapacityInput>): CapacityInput {
  return {
    openingHours: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '08:00', close: '18:00' },
    days: [DAY],
    notBefore: 0,
    travelMinutes: 20,
    services: [cleaning],
    caregivers: [],
    seats: [],
    ...over,
  };
}

const times = (slots: { start: number; capacity: number }[]) =>
  slots.sort((a, b) => a.start - b.start).map((s) => `${toShanghaiIso(s.start).slice(11, 16)}×${s.capacity}`);

describe('capacity rule: home services', () => {
  it('packs one caregiver’s shift with visits, a travel allowance before each, on the 30-minute grid', () => {
    const slots = homeServiceSlots(input({ caregivers: [{ id: 'a', skills: ['cleaning'], level: 5, shifts: [shift('08:00', '16:00')] }] }));
    // 08:20 → grid 08:30, ends 10:00; +20 → 10:20 → 10:30 … the last must end by 16:00.
    expect(times(slots)).toEqual(['08:30×1', '10:30×1', '12:30×1', '14:30×1']);
    expect(slots.every((s) => s.end - s.start === 90 * MINUTE_MS)).toBe(true);
  });

  it('never counts more visits than the caregiver’s minutes allow, whatever the slots overlap', () => {
    const caregivers = [{ id: 'a', skills: ['cleaning'], level: 5, shifts: [shift('08:00', '16:00')] }];
    const total = homeServiceSlots(input({ caregivers })).reduce((n, s) => n + s.capacity, 0);
    expect(total).toBeLessThanOrEqual(Math.floor((8 * 60) / (90 + 20)));
  });

  it('adds caregivers on shift at the same time into one slot’s capacity', () => {
    const caregivers = ['a', 'b', 'c'].map((id) => ({ id, skills: ['cleaning'], level: 4, shifts: [shift('08:00', '12:00')] }));
    expect(times(homeServiceSlots(input({ caregivers })))).toEqual(['08:30×3', '10:30×3']);
  });

  it('counts only caregivers with the skill and a high enough level', () => {
    const caregivers = [
      { id: 'a', skills: ['medical'], level: 4, shifts: [shift('08:00', '12:00')] }, // level 4 may not nurse (needs ≤ 3)
      { id: 'b', skills: ['cleaning'], level: 1, shifts: [shift('08:00', '12:00')] }, // no medical skill
      { id: 'c', skills: ['medical'], level: 2, shifts: [shift('08:00', '10:00')] },
    ];
    expect(times(homeServiceSlots(input({ services: [nursing], caregivers })))).toEqual(['08:30×1']);
  });

  it('keeps visits inside opening hours and on opening days only', () => {
    const caregivers = [
      { id: 'a', skills: ['cleaning'], level: 5, shifts: [shift('06:00', '12:00'), shift('08:00', '12:00', '2026-12-06')] },
    ];
    const hours = { weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '11:00' };
    const slots = homeServiceSlots(input({ openingHours: hours, caregivers, days: [DAY, '2026-12-06'] }));
    expect(slots.map((s) => toShanghaiIso(s.start))).toEqual(['2026-12-01T09:00:00+08:00']);
  });

  it('shares a multi-skilled caregiver’s time between services instead of counting it twice', () => {
    const caregivers = [{ id: 'a', skills: ['cleaning', 'meal'], level: 5, shifts: [shift('08:00', '12:00')] }];
    const slots = homeServiceSlots(input({ services: [cleaning, delivery], caregivers }));
    const busy = slots.map((s) => ({ start: s.start - 20 * MINUTE_MS, end: s.end })).sort((x, y) => x.start - y.start);
    for (let i = 1; i < busy.length; i++) expect(busy[i].start).toBeGreaterThanOrEqual(busy[i - 1].end);
    expect(new Set(slots.map((s) => s.serviceCode))).toEqual(new Set(['cleaning.home', 'meal.delivery']));
  });

  it('leaves out slots in the past and outside the horizon, and is deterministic', () => {
    const caregivers = [
      { id: 'a', skills: ['cleaning'], level: 5, shifts: [shift('08:00', '16:00'), shift('08:00', '16:00', '2026-12-02')] },
    ];
    const given = input({ caregivers, notBefore: at('11:00') });
    expect(times(homeServiceSlots(given))).toEqual(['12:30×1', '14:30×1']);
    expect(planSlots(given)).toEqual(planSlots(given));
  });
});

describe('capacity rule: seats', () => {
  it('gives each meal sitting its seats on opening days', () => {
    const slots = seatSlots(
      input({
        services: [dineIn],
        days: [DAY, '2026-12-06'],
        openingHours: { weekdays: [2], open: '08:00', close: '18:00' },
        seats: [{ serviceCode: 'meal.dine_in', sitting: 'lunch', seats: 40 }],
      }),
    );
    expect(slots).toEqual([{ serviceCode: 'meal.dine_in', start: at('11:30'), end: at('12:30'), sitting: 'lunch', capacity: 40 }]);
  });

  it('gives a facility service without sittings back-to-back slots inside opening hours', () => {
    const slots = seatSlots(
      input({
        services: [healthCheck],
        openingHours: { weekdays: [2], open: '08:00', close: '10:00' },
        seats: [{ serviceCode: 'medical.health_check', sitting: null, seats: 2 }],
      }),
    );
    expect(times(slots)).toEqual(['08:00×2', '08:30×2', '09:00×2', '09:30×2']);
  });

  it('plans nothing for zero seats or a service the facility does not offer', () => {
    expect(seatSlots(input({ services: [dineIn], seats: [{ serviceCode: 'meal.dine_in', sitting: 'lunch', seats: 0 }] }))).toEqual([]);
    expect(seatSlots(input({ services: [], seats: [{ serviceCode: 'meal.dine_in', sitting: 'lunch', seats: 5 }] }))).toEqual([]);
  });
});
