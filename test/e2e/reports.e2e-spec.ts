/**
 * Reports over a small known month (December 2026, with 30 November beside it): every figure of
 * every report checked against values worked out by hand in the comments, including a month
 * boundary in Asia/Shanghai, a cancelled order, a rescheduled one and one moved between
 * facilities (both changed after the rollups were first built, so the triggers must catch them).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkRollupsAgainstRaw } from '../../src/reports/raw-check.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  EVERY_DAY,
  TEST_PASSWORD,
  aCaregiver,
  aFacility,
  anAccount,
  anAssignment,
  anOrder,
  aResident,
  aShift,
  aSlot,
  aVisit,
  cancelOrder,
  moveOrder,
} from '../fixtures/index.js';

const API = '/api/v1/reports';
let t: TestApp;
let admin: string;
let bureau: string;
let centreA: string;
let senior: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  // Thresholds: A (7/16 = 43.75 %) is over-used at 40 %, B (1/3) under-used below 35 %.
  t = await startTestApp({ reportOverUsedPercent: 40, reportUnderUsedPercent: 35 });
  const db = t.db;
  // Report facilities offer every service round the clock; slots may hold more than capacity.
  const openDayAndNight = { services: 'all' as const, openingHours: { weekdays: EVERY_DAY, open: '00:00', close: '23:59' } };
  const allRounder = { skills: ['meal', 'cleaning', 'mobility', 'medical'], level: 2 };
  const overCommitted = { overCommitted: true };
  const A = (ids.A = await aFacility(db, { name: '北湖区人民路综合养老服务中心, "A"', ...openDayAndNight }));
  const B = (ids.B = await aFacility(db, { name: '苏仙岭综合养老服务中心', district: '苏仙区', street: '苏仙岭街道', ...openDayAndNight }));
  const C = (ids.C = await aFacility(db, { name: '人民路社区日间照料中心', type: 'day_care', ...openDayAndNight }));
  const r1 = await aResident(db, A, { birthDate: '1950-03-01', subsidyCategory: 'tekun' });
  const r2 = await aResident(db, A, { birthDate: '1940-06-01', subsidyCategory: 'dibao', careLevel: 3 });
  const r3 = await aResident(db, A, { birthDate: '1948-01-01', subsidyCategory: 'dibao_edge', careLevel: 0 });
  const south = { district: '苏仙区', street: '苏仙岭街道' };
  // r4 turns 80 on 2026-12-20: aged 80+ in December, not in November.
  const r4 = await aResident(db, B, { birthDate: '1946-12-20', careLevel: 4, ...south });
  const r5 = await aResident(db, B, { birthDate: '1955-05-05', subsidyCategory: 'dibao', careLevel: 2, ...south });
  const by = (await db.query(`SELECT id FROM users WHERE username = 'admin'`))[0].id as string;
  const cA = await aCaregiver(db, A, allRounder);
  const cA2 = await aCaregiver(db, A, allRounder);
  const cB = await aCaregiver(db, B, allRounder);

  const S0 = await aSlot(db, A, 'cleaning.home', '2026-11-30T23:30:00+08:00', 1, overCommitted); // November
  const S1 = await aSlot(db, A, 'cleaning.home', '2026-12-01T00:30:00+08:00', 2, overCommitted); // December
  const S2 = await aSlot(db, A, 'meal.dine_in', '2026-12-02T11:30:00+08:00', 10, overCommitted);
  const S3 = await aSlot(db, A, 'medical.home_nursing', '2026-12-03T09:00:00+08:00', 1, overCommitted);
  const S4 = await aSlot(db, B, 'cleaning.home', '2026-12-04T09:00:00+08:00', 2, overCommitted);
  const S5 = await aSlot(db, A, 'cleaning.home', '2026-12-05T09:00:00+08:00', 1, overCommitted);
  const S6 = await aSlot(db, A, 'cleaning.home', '2026-12-10T09:00:00+08:00', 1, overCommitted);
  const S7 = await aSlot(db, A, 'cleaning.home', '2026-12-06T09:00:00+08:00', 1, overCommitted);
  const S8 = await aSlot(db, B, 'cleaning.home', '2026-12-06T09:00:00+08:00', 1, overCommitted);
  await aSlot(db, C, 'meal.dine_in', '2026-12-02T11:30:00+08:00', 5, overCommitted);

  const tekun = (base: number) => ({ baseFen: base, subsidyFen: base, funding: [{ source: 'tekun_support', amountFen: base }] });
  await anOrder(db, { residentId: r1, slotId: S0, status: 'completed', waitHours: 20, createdBy: by, ...tekun(4500) });
  const o1 = await anOrder(db, { residentId: r1, slotId: S1, status: 'completed', waitHours: 30, createdBy: by, ...tekun(4500) });
  const o2 = await anOrder(db, {
    residentId: r2,
    slotId: S1,
    status: 'completed',
    waitHours: 2,
    createdBy: by,
    baseFen: 4500,
    subsidyFen: 3150,
    funding: [{ source: 'gov_purchase', amountFen: 3150 }],
  });
  await anOrder(db, {
    residentId: r2,
    slotId: S2,
    status: 'completed',
    waitHours: 5,
    createdBy: by,
    baseFen: 1200,
    subsidyFen: 1140,
    funding: [
      { source: 'gov_purchase', amountFen: 840 },
      { source: 'advanced_age_meal', amountFen: 300 },
    ],
  });
  await anOrder(db, { residentId: r3, slotId: S2, status: 'no_show', waitHours: 50, createdBy: by, baseFen: 1200 });
  const o5 = await anOrder(db, { residentId: r4, slotId: S2, status: 'missed', waitHours: 1, createdBy: by, baseFen: 1200 });
  const o6 = await anOrder(db, { residentId: r3, slotId: S3, status: 'assigned', waitHours: 100, createdBy: by, baseFen: 8000 });
  await anOrder(db, { residentId: r5, slotId: S3, status: 'waitlisted', waitHours: 4, createdBy: by, baseFen: 8000 });
  await anOrder(db, { residentId: r4, slotId: S2, status: 'cancelled', everConfirmed: false, waitHours: 6, createdBy: by, baseFen: 1200 });
  ids.o9 = await anOrder(db, { residentId: r4, slotId: S4, status: 'confirmed', waitHours: 8, createdBy: by, baseFen: 4500 });
  // o10: booked 10 h before 5 December 09:00; rescheduled to 10 December, so it waits 130 h (bucket 120).
  ids.o10 = await anOrder(db, { residentId: r1, slotId: S5, status: 'confirmed', waitHours: 10, createdBy: by, baseFen: 4500 });
  // o11: at A on 6 December, moved to B at the same time (waits 3 h).
  ids.o11 = await anOrder(db, { residentId: r3, slotId: S7, status: 'confirmed', waitHours: 3, createdBy: by, baseFen: 4500 });
  ids.S6 = S6;
  ids.S8 = S8;

  await aShift(db, cA, A, '2026-11-30T20:00:00+08:00', '2026-12-01T02:00:00+08:00'); // 240 min in November, 120 in December
  await aShift(db, cA, A, '2026-12-01T08:00:00+08:00', '2026-12-01T16:00:00+08:00'); // 480
  await aShift(db, cB, B, '2026-12-04T08:00:00+08:00', '2026-12-04T12:00:00+08:00'); // 240
  await anAssignment(db, o1, cA, { start: '2026-12-01T00:30:00+08:00', end: '2026-12-01T02:00:00+08:00' }); // 90
  await anAssignment(db, o2, cA2, { start: '2026-12-01T00:30:00+08:00', end: '2026-12-01T02:00:00+08:00' }); // 90
  await anAssignment(db, o5, cA, { start: '2026-12-02T11:30:00+08:00', end: '2026-12-02T12:30:00+08:00' }); // 60
  await anAssignment(db, o6, cA, { start: '2026-12-03T09:00:00+08:00', end: '2026-12-03T10:00:00+08:00' }); // 60
  await aVisit(db, o2, cA2, 80); // received 80 minutes, not the service's 90

  admin = await t.login('admin');
  bureau = await t.login((await anAccount(db, 'bureau_staff')).username, TEST_PASSWORD);
  centreA = await t.login((await anAccount(db, 'centre_staff', { facilityId: A })).username, TEST_PASSWORD);
  senior = await t.login((await anAccount(db, 'senior', { residentId: r1 })).username, TEST_PASSWORD);

  // Build the rollups once, then change orders underneath them: the triggers must mark the days.
  await get(`${API}/utilisation?from=2026-11-01&to=2026-12-31&groupBy=month`, admin);
  await cancelOrder(db, ids.o9);
  await moveOrder(db, ids.o10, { slotId: ids.S6 });
  await moveOrder(db, ids.o11, { slotId: ids.S8 });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function get(path: string, auth: string, status = 200) {
  const res = await t.http().get(path).set('Authorization', auth);
  if (res.status !== status) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

const zero = {
  capacity: 0,
  booked: 0,
  completed: 0,
  cancelled: 0,
  noShow: 0,
  missed: 0,
  waitlisted: 0,
  refusedDemand: 0,
  assignedMinutes: 0,
};

/** 2 December holds the meals only: that day and the meal service over December show the same figures. */
const mealFigures = {
  capacity: 15,
  booked: 3,
  completed: 1,
  cancelled: 1,
  noShow: 1,
  missed: 1,
  waitlisted: 0,
  refusedDemand: 1,
  fillRate: 0.2,
  assignedMinutes: 60,
  caregiverUtilisation: null,
  medianWaitHours: 4,
};

/** 3 December holds the home nursing only: that day and the nursing service over December show the same figures. */
const nursingFigures = {
  ...zero,
  capacity: 1,
  booked: 1,
  waitlisted: 1,
  refusedDemand: 1,
  fillRate: 1,
  assignedMinutes: 60,
  caregiverUtilisation: null,
  medianWaitHours: 96,
};

/** One expected coverage row; n holds residents, served, unserved, entitledResidents, entitledUnserved, entitledMinutes, receivedMinutes, shortfall. */
function coverageRow(group: string, groupLabel: string, place: { district: string; street: string }, n: number[]) {
  const [residents, served, unserved, entitledResidents, entitledUnserved, entitledMinutes, receivedMinutes, shortfall] = n;
  return {
    group,
    groupLabel,
    ...place,
    residents,
    served,
    unserved,
    entitledResidents,
    entitledUnserved,
    entitledMinutes,
    receivedMinutes,
    shortfall,
  };
}

describe('GET /reports/utilisation', () => {
  it('by month splits at Shanghai midnight: 23:30 on 30 November is November, 00:30 on 1 December is December', async () => {
    const { body } = await get(`${API}/utilisation?from=2026-11-01&to=2026-12-31&groupBy=month`, bureau);
    expect(body.rows).toEqual([
      {
        ...zero,
        key: '2026-11',
        capacity: 1,
        booked: 1,
        completed: 1,
        fillRate: 1,
        rosteredMinutes: 240,
        caregiverUtilisation: 0,
        medianWaitHours: 18,
      },
      {
        key: '2026-12',
        capacity: 24,
        booked: 8,
        completed: 3,
        cancelled: 2,
        noShow: 1,
        missed: 1,
        waitlisted: 1,
        refusedDemand: 2,
        fillRate: 0.3333,
        rosteredMinutes: 840,
        assignedMinutes: 300,
        caregiverUtilisation: 0.3571,
        // waits of the 8 booked, in buckets: 1, 2, 3, 4, 24, 48, 96, 120 → the 4th: 4
        medianWaitHours: 4,
      },
    ]);
  });

  it('adds partial months from the daily rollup to whole months from the monthly one', async () => {
    const { body } = await get(`${API}/utilisation?from=2026-11-30&to=2026-12-31&groupBy=month`, bureau);
    expect(body.rows.map((r: { key: string; capacity: number; booked: number }) => [r.key, r.capacity, r.booked])).toEqual([
      ['2026-11', 1, 1],
      ['2026-12', 24, 8],
    ]);
    // Without 1 December (2 units, 2 booked, 180 assigned minutes, 600 rostered):
    const part = (await get(`${API}/utilisation?from=2026-12-02&to=2026-12-31&groupBy=month`, bureau)).body.rows;
    expect(part).toEqual([
      expect.objectContaining({ key: '2026-12', capacity: 22, booked: 6, completed: 1, assignedMinutes: 120, rosteredMinutes: 240 }),
    ]);
  });

  it('by facility: labels, a cancelled, a rescheduled and a moved order where they are now', async () => {
    const { body } = await get(`${API}/utilisation?from=2026-12-01&to=2026-12-31&groupBy=facility`, bureau);
    const rows = Object.fromEntries(body.rows.map((r: { key: string }) => [r.key, r]));
    expect(rows[ids.A]).toEqual({
      key: ids.A,
      label: '北湖区人民路综合养老服务中心, "A"',
      capacity: 16,
      booked: 7,
      completed: 3,
      cancelled: 1,
      noShow: 1,
      missed: 1,
      waitlisted: 1,
      refusedDemand: 2,
      fillRate: 0.4375,
      rosteredMinutes: 600,
      assignedMinutes: 300,
      caregiverUtilisation: 0.5,
      medianWaitHours: 24,
    });
    expect(rows[ids.B]).toEqual({
      ...zero,
      key: ids.B,
      label: '苏仙岭综合养老服务中心',
      capacity: 3,
      booked: 1,
      cancelled: 1,
      fillRate: 0.3333,
      rosteredMinutes: 240,
      caregiverUtilisation: 0,
      medianWaitHours: 3,
    });
    expect(rows[ids.C]).toEqual({
      ...zero,
      key: ids.C,
      label: '人民路社区日间照料中心',
      capacity: 5,
      fillRate: 0,
      rosteredMinutes: 0,
      caregiverUtilisation: null,
      medianWaitHours: null,
    });
    expect(body.rows).toHaveLength(3);
  });

  it('by day, by service, by district and by week', async () => {
    const day = (await get(`${API}/utilisation?from=2026-12-01&to=2026-12-10&groupBy=day`, bureau)).body.rows;
    expect(day.map((r: { key: string }) => r.key)).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
      '2026-12-10',
    ]);
    expect(day[0]).toEqual({
      ...zero,
      key: '2026-12-01',
      capacity: 2,
      booked: 2,
      completed: 2,
      fillRate: 1,
      rosteredMinutes: 600,
      assignedMinutes: 180,
      caregiverUtilisation: 0.3,
      medianWaitHours: 2,
    });
    expect(day[1]).toEqual({ ...mealFigures, key: '2026-12-02', rosteredMinutes: 0 });
    expect(day[2]).toEqual({ ...nursingFigures, key: '2026-12-03', rosteredMinutes: 0 });
    expect(day[3]).toEqual({
      ...zero,
      key: '2026-12-04',
      capacity: 2,
      cancelled: 1,
      fillRate: 0,
      rosteredMinutes: 240,
      caregiverUtilisation: 0,
      medianWaitHours: null,
    });
    expect(day[4]).toEqual({
      ...zero,
      key: '2026-12-05',
      capacity: 1,
      fillRate: 0,
      rosteredMinutes: 0,
      caregiverUtilisation: null,
      medianWaitHours: null,
    });
    expect(day[5]).toEqual({
      ...zero,
      key: '2026-12-06',
      capacity: 2,
      booked: 1,
      fillRate: 0.5,
      rosteredMinutes: 0,
      caregiverUtilisation: null,
      medianWaitHours: 3,
    });
    expect(day[6]).toEqual({
      ...zero,
      key: '2026-12-10',
      capacity: 1,
      booked: 1,
      fillRate: 1,
      rosteredMinutes: 0,
      caregiverUtilisation: null,
      medianWaitHours: 120,
    });

    const service = (await get(`${API}/utilisation?from=2026-12-01&to=2026-12-31&groupBy=service`, bureau)).body.rows;
    expect(service).toEqual([
      {
        ...zero,
        key: 'cleaning.home',
        label: '助洁·居家清洁',
        capacity: 8,
        booked: 4,
        completed: 2,
        cancelled: 1,
        fillRate: 0.5,
        rosteredMinutes: null,
        assignedMinutes: 180,
        caregiverUtilisation: null,
        medianWaitHours: 3,
      },
      { ...mealFigures, key: 'meal.dine_in', label: '助餐·堂食', rosteredMinutes: null },
      { ...nursingFigures, key: 'medical.home_nursing', label: '助医·上门护理', rosteredMinutes: null },
    ]);

    const district = (await get(`${API}/utilisation?from=2026-12-01&to=2026-12-31&groupBy=district`, bureau)).body.rows;
    expect(district.map((r: { key: string; capacity: number; booked: number }) => [r.key, r.capacity, r.booked])).toEqual([
      ['北湖区', 21, 7],
      ['苏仙区', 3, 1],
    ]);

    // 2026-11-30 is a Monday: its week holds 30 November (from is 1 December, so only December days count) to 6 December.
    const week = (await get(`${API}/utilisation?from=2026-12-01&to=2026-12-31&groupBy=week`, bureau)).body.rows;
    expect(
      week.map((r: { key: string; label: string; capacity: number; booked: number }) => [r.key, r.label, r.capacity, r.booked]),
    ).toEqual([
      ['2026-11-30', '2026-W49', 23, 7],
      ['2026-12-07', '2026-W50', 1, 1],
    ]);
  });

  it('filters by facility type', async () => {
    const { body } = await get(`${API}/utilisation?from=2026-12-01&to=2026-12-31&groupBy=facility&facilityType=day_care`, bureau);
    expect(body.rows.map((r: { key: string }) => r.key)).toEqual([ids.C]);
  });

  it('gives centre staff their own facility only, whatever they ask', async () => {
    const { body } = await get(`${API}/utilisation?from=2026-12-01&to=2026-12-31&groupBy=district`, centreA);
    expect(body.rows).toEqual([expect.objectContaining({ key: '北湖区', capacity: 16, booked: 7, rosteredMinutes: 600 })]);
  });

  it('rejects bad parameters with 400 and says what to change', async () => {
    const cases: [string, string][] = [
      ['from=2026-12-01&to=2026-12-31&groupBy=year', 'groupBy'],
      ['from=2026-13-01&to=2026-12-31&groupBy=day', 'from'],
      ['from=2026-12-31&to=2026-12-01&groupBy=day', 'to'],
      ['from=2025-01-01&to=2026-12-31&groupBy=day', 'to'],
      ['to=2026-12-31&groupBy=day', 'from'],
      ['from=2026-12-01&to=2026-12-31&groupBy=day&format=xlsx', 'format'],
      ['from=2026-12-01&to=2026-12-31&groupBy=day&facilityType=hospital', 'facilityType'],
    ];
    for (const [query, field] of cases) {
      const res = await get(`${API}/utilisation?${query}`, bureau, 400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(res.body.message).toMatch(/\w/);
    }
    const month = await get(`${API}/coverage?month=2026-12-01`, bureau, 400);
    expect(month.body.details[0]).toEqual({ field: 'month', message: 'month must be a month like 2026-12' });
  });
});

describe('GET /reports/coverage', () => {
  it('per priority group and street: residents, served, entitled minutes, received minutes, shortfall', async () => {
    const { body } = await get(`${API}/coverage?month=2026-12`, bureau);
    const north = { district: '北湖区', street: '人民路街道' };
    const south = { district: '苏仙区', street: '苏仙岭街道' };
    // residents, served, unserved, entitledResidents, entitledUnserved, entitledMinutes, receivedMinutes, shortfall
    expect(body.rows).toEqual([
      coverageRow('tekun', '特困', north, [1, 1, 0, 1, 0, 0, 90, 0]),
      // r2: 80 actual minutes of cleaning + 60 of meal = 140 of 600 → 460 short
      coverageRow('dibao', '低保', north, [1, 1, 0, 1, 0, 600, 140, 460]),
      coverageRow('dibao', '低保', south, [1, 0, 1, 1, 1, 600, 0, 600]),
      coverageRow('dibao_edge', '低保边缘', north, [1, 0, 1, 1, 1, 300, 0, 300]),
      coverageRow('aged_80_plus', '80岁以上高龄', north, [1, 1, 0, 1, 0, 600, 140, 460]),
      coverageRow('aged_80_plus', '80岁以上高龄', south, [1, 0, 1, 0, 0, 0, 0, 0]),
      coverageRow('care_level_3_4', '重度/完全失能 (3-4级)', north, [1, 1, 0, 1, 0, 600, 140, 460]),
      coverageRow('care_level_3_4', '重度/完全失能 (3-4级)', south, [1, 0, 1, 0, 0, 0, 0, 0]),
    ]);
    expect(body.groups.find((g: { group: string }) => g.group === 'dibao')).toEqual({
      group: 'dibao',
      groupLabel: '低保',
      residents: 2,
      served: 1,
      unserved: 1,
      entitledResidents: 2,
      entitledUnserved: 1,
      entitledMinutes: 1200,
      receivedMinutes: 140,
      shortfall: 1060,
    });
  });

  it('in November: r4 is not yet 80 and r1 was served by the order at 23:30 on the 30th', async () => {
    const { body } = await get(`${API}/coverage?month=2026-11`, bureau);
    expect(body.groups.find((g: { group: string }) => g.group === 'aged_80_plus')).toMatchObject({ residents: 1, served: 0 });
    expect(body.groups.find((g: { group: string }) => g.group === 'tekun')).toMatchObject({ residents: 1, served: 1, receivedMinutes: 90 });
  });

  it('gives centre staff the residents of their facility only', async () => {
    const { body } = await get(`${API}/coverage?month=2026-12`, centreA);
    expect(body.rows.every((r: { district: string }) => r.district === '北湖区')).toBe(true);
    expect(body.groups.find((g: { group: string }) => g.group === 'dibao')).toMatchObject({ residents: 1, entitledMinutes: 600 });
  });
});

describe('GET /reports/subsidies', () => {
  it('reconciles: subsidy + copay = base of the completed orders, funding sources add up to the subsidy', async () => {
    const { body } = await get(`${API}/subsidies?month=2026-12`, bureau);
    expect(body).toEqual({
      month: '2026-12',
      totals: { orders: 3, baseFen: 10200, subsidyFen: 8790, copayFen: 1410, fundingFen: 8790 },
      reconciles: true,
      byFundingSource: [
        { key: 'advanced_age_meal', orders: 1, amountFen: 300 },
        { key: 'gov_purchase', orders: 2, amountFen: 3990 },
        { key: 'tekun_support', orders: 1, amountFen: 4500 },
      ],
      byCategory: [
        { key: 'dibao', orders: 2, baseFen: 5700, subsidyFen: 4290, copayFen: 1410 },
        { key: 'tekun', orders: 1, baseFen: 4500, subsidyFen: 4500, copayFen: 0 },
      ],
      byService: [
        { key: 'cleaning.home', label: '助洁·居家清洁', orders: 2, baseFen: 9000, subsidyFen: 7650, copayFen: 1350 },
        { key: 'meal.dine_in', label: '助餐·堂食', orders: 1, baseFen: 1200, subsidyFen: 1140, copayFen: 60 },
      ],
      byFacility: [{ key: ids.A, label: '北湖区人民路综合养老服务中心, "A"', orders: 3, baseFen: 10200, subsidyFen: 8790, copayFen: 1410 }],
      // No beds in this city: the residential part is empty (test/e2e/residential-charges.e2e-spec.ts fills it).
      residential: {
        totals: { key: 'total', residents: 0, baseFen: 0, subsidyFen: 0, copayFen: 0 },
        byFundingSource: [],
        byCategory: [],
        byFacility: [],
      },
    });
    const nov = (await get(`${API}/subsidies?month=2026-11`, bureau)).body;
    expect(nov.totals).toEqual({ orders: 1, baseFen: 4500, subsidyFen: 4500, copayFen: 0, fundingFen: 4500 });
  });

  it('moves spend with a change of subsidy category', async () => {
    await t.db.query(
      `UPDATE residents SET subsidy_category = 'dibao_edge' WHERE id = (SELECT resident_id FROM orders WHERE base_fen = 1200 AND status = 'completed')`,
    );
    const { body } = await get(`${API}/subsidies?month=2026-12`, bureau);
    expect(body.byCategory.map((c: { key: string; orders: number }) => [c.key, c.orders])).toEqual([
      ['dibao_edge', 2],
      ['tekun', 1],
    ]);
    await t.db.query(
      `UPDATE residents SET subsidy_category = 'dibao' WHERE id = (SELECT resident_id FROM orders WHERE base_fen = 1200 AND status = 'completed')`,
    );
  });

  it('gives centre staff of B nothing of A', async () => {
    const b = await t.login((await anAccount(t.db, 'centre_staff', { facilityId: ids.B })).username, TEST_PASSWORD);
    const { body } = await get(`${API}/subsidies?month=2026-12`, b);
    expect(body.totals).toEqual({ orders: 0, baseFen: 0, subsidyFen: 0, copayFen: 0, fundingFen: 0 });
    expect(body.byFacility).toEqual([]);
  });
});

describe('GET /reports/facilities', () => {
  it('puts the street centres side by side, ranked by fill rate and flagged against the thresholds', async () => {
    const { body } = await get(`${API}/facilities?month=2026-12`, bureau);
    expect(body).toMatchObject({ month: '2026-12', facilityType: 'street_centre', overUsedFillRate: 0.4, underUsedFillRate: 0.35 });
    expect(body.rows).toEqual([
      expect.objectContaining({
        rank: 1,
        facilityId: ids.A,
        capacity: 16,
        booked: 7,
        completed: 3,
        fillRate: 0.4375,
        rosteredMinutes: 600,
        assignedMinutes: 300,
        caregiverUtilisation: 0.5,
        refusedDemand: 2,
        flag: 'over_used',
      }),
      expect.objectContaining({
        rank: 2,
        facilityId: ids.B,
        capacity: 3,
        booked: 1,
        cancelled: 1,
        fillRate: 0.3333,
        rosteredMinutes: 240,
        flag: 'under_used',
      }),
    ]);
    const mine = await get(`${API}/facilities?month=2026-12`, centreA);
    expect(mine.body.rows.map((r: { facilityId: string }) => r.facilityId)).toEqual([ids.A]);
  });
});

describe('CSV and access', () => {
  it('answers CSV with a BOM, a header row, proper quoting and the Chinese names intact', async () => {
    const res = await t
      .http()
      .get(`${API}/utilisation?from=2026-12-01&to=2026-12-31&groupBy=facility&format=csv`)
      .set('Authorization', bureau)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    // For people: Chinese headers, rates in per cent (the JSON keeps field names and ratios).
    expect(lines[0]).toBe(
      '编号/日期,名称,名额,预约,完成,取消,老人不在,护理员未到,候补中,满员率(%),排班分钟,派单分钟,护理员工时利用率(%),未满足需求(单),等待时间中位数(小时)',
    );
    expect(lines).toContain(`${ids.A},"北湖区人民路综合养老服务中心, ""A""",16,7,3,1,1,1,1,43.8,600,300,50.0,2,24`);
    expect(lines).toContain(`${ids.C},人民路社区日间照料中心,5,0,0,0,0,0,0,0.0,0,0,,0,`);
    for (const path of ['coverage?month=2026-12&format=csv', 'subsidies?month=2026-12&format=csv', 'facilities?month=2026-12&format=csv']) {
      const r = await get(`${API}/${path}`, bureau);
      expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(r.text.charCodeAt(0)).toBe(0xfeff);
    }
    const coverage = (await get(`${API}/coverage?month=2026-12&format=csv`, bureau)).text;
    expect(coverage).toContain('\r\n低保,苏仙区,苏仙岭街道,1,0,1,1,1,600,0,600\r\n');
    // The district filter keeps that district's streets only, with its own totals.
    const beihu = (await get(`${API}/coverage?month=2026-12&format=csv&district=${encodeURIComponent('北湖区')}`, bureau)).text;
    expect(beihu).not.toContain('苏仙岭街道');
    expect(beihu).toContain('北湖区合计');
    const subsidies = (await get(`${API}/subsidies?month=2026-12&format=csv`, bureau)).text;
    expect(subsidies).toContain('\r\n合计,2026-12,,3,102.00,87.90,14.10,87.90,\r\n');
  });

  it('refuses seniors, families and caregivers with 403 and strangers with 401', async () => {
    await get(`${API}/utilisation?from=2026-12-01&to=2026-12-31&groupBy=day`, senior, 403);
    for (const path of ['coverage?month=2026-12', 'subsidies?month=2026-12', 'facilities?month=2026-12'])
      await get(`${API}/${path}`, senior, 403);
    const res = await t.http().get(`${API}/coverage?month=2026-12`);
    expect(res.status).toBe(401);
  });

  it('keeps rollups equal to a direct query over the raw tables', async () => {
    const checks = await checkRollupsAgainstRaw(t.db, '2026-11-01', '2026-12-31');
    expect(checks.filter((c) => c.mismatches > 0)).toEqual([]);
  });

  it('shows a change of a slot’s capacity in the next report, and a booking’s count without touching the slot’s markers', async () => {
    const [slot] = await t.db.query<{ id: string; day: string }[]>(
      `SELECT id, report_day(starts_at)::text AS day FROM capacity_slots ORDER BY starts_at LIMIT 1`,
    );
    const capacityOn = async () =>
      (await get(`${API}/utilisation?from=${slot.day}&to=${slot.day}&groupBy=day`, admin)).body.rows[0].capacity as number;
    const before = await capacityOn();
    await t.db.query('UPDATE capacity_slots SET capacity = capacity + 5 WHERE id = $1', [slot.id]);
    expect(await capacityOn()).toBe(before + 5);
    await t.db.query('UPDATE capacity_slots SET booked = booked WHERE id = $1', [slot.id]);
    expect((await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM report_dirty_days'))[0].n).toBe(0);
    await t.db.query('UPDATE capacity_slots SET capacity = capacity - 5 WHERE id = $1', [slot.id]);
    expect(await capacityOn()).toBe(before);
  });
});
