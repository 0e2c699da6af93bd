import { describe, expect, it } from '@jest/globals';
import { birthDateOf, genderOf, idNumberProblem } from '../people/id-number.js';
import { DIVISIONS } from './chenzhou.js';
import { planFacilities } from './facilities.js';
import { DEMO_FAMILY_USERNAME, DEMO_SENIOR_ID, DEMO_SPOUSE_ID, planPopulation } from './population.js';
import { MAX_AGE, MIN_AGE, REFERENCE_DATE } from './residents.js';

const SEED = 20210401;
const facilities = planFacilities(SEED);
const households = planPopulation(5000, facilities, 'BH-SC-01', SEED);
const residents = households.flatMap((h) => h.residents);
const family = households.flatMap((h) => h.family);
const share = (pred: (r: (typeof residents)[number]) => boolean) => residents.filter(pred).length / residents.length;

function ageAt(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

describe('the demo population', () => {
  it('has exactly the residents asked for, and the demo couple even when fewer are asked', () => {
    expect(residents).toHaveLength(5000);
    expect(
      planPopulation(0, facilities, 'BH-SC-01', SEED)
        .flatMap((h) => h.residents)
        .map((r) => r.id),
    ).toEqual([DEMO_SENIOR_ID, DEMO_SPOUSE_ID]);
    expect(planPopulation(3, facilities, 'BH-SC-01', SEED).flatMap((h) => h.residents)).toHaveLength(3);
  });

  it('gives everyone a valid ID number that agrees with birth date, gender and county', () => {
    const areaOf = new Map(DIVISIONS.map((d) => [d.name, d.areaCode]));
    for (const r of residents) {
      expect(idNumberProblem(r.idNumber)).toBeNull();
      expect(birthDateOf(r.idNumber)).toBe(r.birthDate);
      expect(genderOf(r.idNumber)).toBe(r.gender);
      expect(r.idNumber.slice(0, 6)).toBe(areaOf.get(r.district));
    }
    expect(new Set(residents.map((r) => r.idNumber)).size).toBe(residents.length);
    expect(new Set(residents.map((r) => r.id)).size).toBe(residents.length);
  });

  it('has only people aged 60 to 98, mostly in their sixties and seventies', () => {
    for (const r of residents) {
      const age = ageAt(r.birthDate, REFERENCE_DATE);
      expect(age).toBeGreaterThanOrEqual(MIN_AGE);
      expect(age).toBeLessThanOrEqual(MAX_AGE);
    }
    expect(share((r) => ageAt(r.birthDate, REFERENCE_DATE) < 80)).toBeGreaterThan(0.75);
    expect(share((r) => ageAt(r.birthDate, REFERENCE_DATE) >= 90)).toBeGreaterThan(0.005);
  });

  it('has a realistic mix of care levels and subsidy categories', () => {
    expect(share((r) => r.careLevel <= 1)).toBeGreaterThan(0.7);
    expect(share((r) => r.careLevel >= 3)).toBeGreaterThan(0.03);
    expect(share((r) => r.careLevel >= 3)).toBeLessThan(0.15);
    expect(share((r) => r.subsidyCategory === 'none')).toBeGreaterThan(0.75);
    for (const c of ['dibao', 'dibao_edge', 'tekun'] as const) expect(share((r) => r.subsidyCategory === c)).toBeGreaterThan(0.005);
    expect(share((r) => r.subsidyCategory === 'tekun')).toBeLessThan(share((r) => r.subsidyCategory === 'dibao'));
  });

  it('gives most a mobile and a location, and lives everyone in all 11 divisions', () => {
    expect(share((r) => r.phone !== null)).toBeGreaterThan(0.7);
    expect(share((r) => r.lat === null)).toBeGreaterThan(0.005);
    expect(share((r) => r.lat === null)).toBeLessThan(0.1);
    for (const r of residents) {
      expect((r.lat === null) === (r.lng === null)).toBe(true);
      if (r.phone !== null) expect(r.phone).toMatch(/^1\d{10}$/);
      expect(r.address.startsWith(`郴州市${r.district}${r.street}`)).toBe(true);
    }
    expect(new Set(residents.map((r) => r.district)).size).toBe(11);
    expect(share((r) => r.dietaryNeeds.length > 0)).toBeGreaterThan(0.2);
  });

  it('links family accounts to a share of residents, some to two seniors, none to 特困 people', () => {
    const linked = new Set(family.flatMap((m) => m.links.map((l) => l.residentId)));
    expect(linked.size / residents.length).toBeGreaterThan(0.2);
    expect(family.some((m) => m.links.length === 2)).toBe(true);
    for (const r of residents) if (r.subsidyCategory === 'tekun') expect(linked.has(r.id)).toBe(false);
    expect(new Set(family.map((m) => m.username)).size).toBe(family.length);
    expect(new Set(family.map((m) => m.phone)).size).toBe(family.length);
    for (const m of family) {
      expect(m.username).toMatch(/^[a-z0-9._-]{3,50}$/);
      expect(m.phone).toMatch(/^1\d{10}$/);
    }
    expect(family.filter((m) => m.links.every((l) => l.canBook)).length / family.length).toBeGreaterThan(0.8);
  });

  it('starts with the demo couple at the demo centre, both followed by family.demo', () => {
    const [demo] = households;
    expect(demo.residents.map((r) => [r.name, r.homeFacilityCode])).toEqual([
      ['王秀英', 'BH-SC-01'],
      ['李国华', 'BH-SC-01'],
    ]);
    expect(demo.family).toHaveLength(1);
    expect(demo.family[0].username).toBe(DEMO_FAMILY_USERNAME);
    expect(demo.family[0].links.map((l) => [l.residentId, l.relationship, l.canBook])).toEqual([
      [DEMO_SENIOR_ID, '女儿', true],
      [DEMO_SPOUSE_ID, '女儿', true],
    ]);
  });

  it('is deterministic, and a larger city begins with the smaller one', () => {
    expect(planPopulation(5000, facilities, 'BH-SC-01', SEED)).toEqual(households);
    const small = planPopulation(1201, facilities, 'BH-SC-01', SEED).flatMap((h) => h.residents);
    expect(small).toEqual(residents.slice(0, 1201));
    const other = planPopulation(100, facilities, 'BH-SC-01', SEED + 1).flatMap((h) => h.residents);
    expect(other.slice(2).map((r) => r.idNumber)).not.toEqual(residents.slice(2, 100).map((r) => r.idNumber));
  });
});
