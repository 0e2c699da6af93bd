import { describe, expect, it } from '@jest/globals';
import { DEMO_CAREGIVER, planCaregivers } from './caregivers.js';
import { DIVISIONS } from './chenzhou.js';
import { ALL_SERVICES, categoriesOf, planFacilities } from './facilities.js';

const SEED = 20210401;
const facilities = planFacilities(SEED);
const caregivers = planCaregivers(facilities, 'BH-SC-01', SEED);
const byType = (type: string) => facilities.filter((f) => f.type === type);

describe('Chenzhou geography', () => {
  it('has the 11 county-level divisions with their real names and area codes', () => {
    expect(DIVISIONS.map((d) => [d.name, d.areaCode])).toEqual([
      ['北湖区', '431002'],
      ['苏仙区', '431003'],
      ['资兴市', '431081'],
      ['桂阳县', '431021'],
      ['宜章县', '431022'],
      ['永兴县', '431023'],
      ['嘉禾县', '431024'],
      ['临武县', '431025'],
      ['汝城县', '431026'],
      ['桂东县', '431027'],
      ['安仁县', '431028'],
    ]);
  });

  it('places every street and town in its county, not far from the city centre', () => {
    for (const d of DIVISIONS) {
      expect(new Set(d.places.map((p) => p.name)).size).toBe(d.places.length);
      for (const p of d.places) {
        expect(p.name).toMatch(/(街道|镇|乡)$/);
        expect(p.lat).toBeGreaterThan(24.9);
        expect(p.lat).toBeLessThan(26.9);
        expect(p.lng).toBeGreaterThan(112.1);
        expect(p.lng).toBeLessThan(114.3);
      }
    }
  });
});

describe('the demo network', () => {
  it('has the 13 street comprehensive centres, in urban streets of 北湖区 and 苏仙区, with every service', () => {
    const centres = byType('street_centre');
    expect(centres).toHaveLength(13);
    for (const c of centres) {
      expect(['北湖区', '苏仙区']).toContain(c.district);
      expect(c.street).toMatch(/街道$/);
      expect(c.name).toBe(`${c.street}综合养老服务中心`);
      expect(c.services).toEqual(ALL_SERVICES);
      expect(c.openingHours).toEqual({ weekdays: [1, 2, 3, 4, 5, 6, 7], open: '07:30', close: '19:00' });
    }
    expect(centres[0]).toMatchObject({ code: 'BH-SC-01', name: '人民路街道综合养老服务中心' });
  });

  it('has at least 20 day-care sites and 10 rural homes spread over the counties', () => {
    expect(byType('day_care').length).toBeGreaterThanOrEqual(20);
    expect(byType('rural_home').length).toBeGreaterThanOrEqual(10);
    for (const d of DIVISIONS) expect(facilities.some((f) => f.district === d.name && f.type !== 'street_centre')).toBe(true);
    for (const f of byType('rural_home')) expect(f.name).toMatch(/^.+(县|区|市).+(镇|乡)敬老院$/);
    for (const f of byType('day_care')) expect(f.openingHours).toEqual({ weekdays: [1, 2, 3, 4, 5, 6], open: '08:00', close: '17:30' });
  });

  it('gives each facility a unique valid code and a plausible subset of the catalogue', () => {
    expect(new Set(facilities.map((f) => f.code)).size).toBe(facilities.length);
    expect(new Set(facilities.map((f) => f.id)).size).toBe(facilities.length);
    for (const f of facilities) {
      expect(f.code).toMatch(/^[A-Z0-9-]{2,32}$/);
      expect(f.name.length).toBeLessThanOrEqual(100);
      for (const s of f.services) expect(ALL_SERVICES).toContain(s);
      expect(categoriesOf(f.services)).toEqual(expect.arrayContaining(['meal', 'cleaning', 'medical']));
      if (f.type === 'day_care') expect(f.services).not.toContain('mobility.escort');
      if (f.type === 'rural_home') expect(f.services).not.toContain('medical.home_nursing');
    }
  });

  it('is the same for the same seed', () => {
    expect(planFacilities(SEED)).toEqual(facilities);
    expect(planCaregivers(planFacilities(SEED), 'BH-SC-01', SEED)).toEqual(caregivers);
  });
});

describe('the demo caregivers', () => {
  it('number at least 150, more at street centres, with 1-3 skills the facility needs', () => {
    expect(caregivers.length).toBeGreaterThanOrEqual(150);
    const count = (code: string) => caregivers.filter((c) => c.facilityCode === code).length;
    expect(count('BH-SC-01')).toBeGreaterThan(count('BH-DC-01'));
    const facility = new Map(facilities.map((f) => [f.code, f]));
    for (const c of caregivers) {
      expect(c.skills.length).toBeGreaterThanOrEqual(1);
      expect(c.skills.length).toBeLessThanOrEqual(3);
      for (const s of c.skills) expect(categoriesOf(facility.get(c.facilityCode)!.services)).toContain(s);
      expect(c.maxWeeklyMinutes).toBe(2400);
      expect(c.username).toMatch(/^[a-z0-9._-]{3,50}$/);
      expect(c.phone).toMatch(/^1\d{10}$/);
    }
    expect(new Set(caregivers.map((c) => c.id)).size).toBe(caregivers.length);
    expect(new Set(caregivers.map((c) => c.username)).size).toBe(caregivers.length);
  });

  it('are mostly at levels 4-5', () => {
    const junior = caregivers.filter((c) => c.level >= 4).length;
    expect(junior / caregivers.length).toBeGreaterThan(0.55);
    expect(caregivers.some((c) => c.level <= 2)).toBe(true);
  });

  it('can serve every category each facility offers, at the level its services ask', () => {
    for (const f of facilities) {
      const staff = caregivers.filter((c) => c.facilityCode === f.code);
      for (const category of categoriesOf(f.services)) {
        const needed = category === 'medical' ? 3 : category === 'mobility' ? 4 : 5;
        expect(staff.some((c) => c.skills.includes(category) && c.level <= needed)).toBe(true);
      }
    }
  });

  it('include the demo caregiver at the first street centre', () => {
    expect(caregivers.find((c) => c.username === 'caregiver.demo')).toMatchObject({
      ...DEMO_CAREGIVER,
      facilityCode: 'BH-SC-01',
      skills: ['meal', 'cleaning', 'medical'],
      level: 3,
    });
  });
});
