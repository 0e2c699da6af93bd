import { makeIdNumber } from '../people/id-number.js';
import { COMMUNITY_NAMES, VILLAGE_FIRST, VILLAGE_SECOND, type Division, type Place } from './chenzhou.js';
import type { FacilityPlan } from './facilities.js';
import { fullName, type Gender } from './names.js';
import { distanceKm, type Random } from './random.js';

export type SubsidyCategory = 'none' | 'tekun' | 'dibao' | 'dibao_edge';

export interface ResidentPlan {
  id: string;
  name: string;
  idNumber: string;
  birthDate: string;
  gender: Gender;
  phone: string | null;
  address: string;
  lat: number | null;
  lng: number | null;
  district: string;
  street: string;
  careLevel: number;
  subsidyCategory: SubsidyCategory;
  dietaryNeeds: string[];
  homeFacilityCode: string;
}

/**
 * Ages are counted at this fixed date, not today, so that the same seed gives the same rows
 * whenever it runs; everyone born on or before 1966-11-01 is at least 60 from then on.
 */
export const REFERENCE_DATE = '2026-11-01';
export const MIN_AGE = 60;
export const MAX_AGE = 98;

const AGE_BANDS: [[number, number], number][] = [
  [[60, 69], 0.52],
  [[70, 79], 0.31],
  [[80, 89], 0.14],
  [[90, 98], 0.03],
];

/** GB/T 42195 levels: most older people are intact or mildly impaired; severe impairment rises with age. */
function careLevelWeights(age: number): [number, number][] {
  if (age < 70)
    return [
      [0, 0.7],
      [1, 0.2],
      [2, 0.06],
      [3, 0.03],
      [4, 0.01],
    ];
  if (age < 80)
    return [
      [0, 0.52],
      [1, 0.28],
      [2, 0.11],
      [3, 0.06],
      [4, 0.03],
    ];
  return [
    [0, 0.28],
    [1, 0.32],
    [2, 0.2],
    [3, 0.12],
    [4, 0.08],
  ];
}

export function subsidyWeights(urban: boolean): [SubsidyCategory, number][] {
  return urban
    ? [
        ['none', 0.88],
        ['dibao', 0.06],
        ['dibao_edge', 0.045],
        ['tekun', 0.015],
      ]
    : [
        ['none', 0.78],
        ['dibao', 0.11],
        ['dibao_edge', 0.07],
        ['tekun', 0.04],
      ];
}

export function ageBand(rng: Random): number {
  const [lo, hi] = rng.weighted(AGE_BANDS);
  return rng.int(lo, hi);
}

/** A birth date at which the person is exactly `age` on REFERENCE_DATE. */
export function birthDateFor(rng: Random, age: number): string {
  const [y, m, d] = REFERENCE_DATE.split('-').map(Number);
  const latest = Date.UTC(y - age, m - 1, d);
  return new Date(latest - rng.int(0, 364) * 86_400_000).toISOString().slice(0, 10);
}

/** Hands out ID numbers that no other demo resident has: sequences are per area and birth date. */
export class IdNumberBook {
  private readonly taken = new Set<string>();

  issue(rng: Random, areaCode: string, birthDate: string, gender: Gender): string {
    // The sequence's last digit is odd for men and even for women.
    let sequence = rng.int(1, 499) * 2 - (gender === 'male' ? 1 : 0);
    for (let tries = 0; tries < 500; tries++) {
      const key = `${areaCode}${birthDate}${sequence}`;
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return makeIdNumber(areaCode, birthDate, sequence);
      }
      sequence = sequence + 2 > 998 ? sequence + 2 - 998 : sequence + 2;
    }
    throw new Error(`no free ID sequence for ${areaCode} ${birthDate}`);
  }
}

export function dietaryNeeds(rng: Random, age: number): string[] {
  const needs: string[] = [];
  if (rng.chance(0.28)) needs.push('low_salt');
  if (rng.chance(0.15)) needs.push('low_sugar');
  if (rng.chance(0.05 + Math.max(0, age - 70) * 0.01)) needs.push('soft');
  if (rng.chance(0.03)) needs.push('vegetarian');
  else if (rng.chance(0.004)) needs.push('halal');
  return needs;
}

export function homeAddress(rng: Random, division: Division, place: Place): string {
  if (place.urban) {
    return (
      `郴州市${division.name}${place.name}${rng.pick(COMMUNITY_NAMES)}社区${rng.pick(division.roads)}${rng.int(1, 299)}号` +
      `${rng.int(1, 30)}栋${rng.int(1, 4)}单元${rng.int(1, 18)}0${rng.int(1, 4)}`
    );
  }
  return `郴州市${division.name}${place.name}${rng.pick(VILLAGE_FIRST)}${rng.pick(VILLAGE_SECOND)}村${rng.int(1, 15)}组${rng.int(1, 80)}号`;
}

/** The nearest facility, or now and then the second nearest (people follow habit and family too). */
export function homeFacility(rng: Random, facilities: readonly FacilityPlan[], at: { lat: number; lng: number }): FacilityPlan {
  let best = facilities[0];
  let second = facilities[0];
  let bestKm = Infinity;
  let secondKm = Infinity;
  for (const f of facilities) {
    const km = distanceKm(at, f);
    if (km < bestKm) {
      second = best;
      secondKm = bestKm;
      best = f;
      bestKm = km;
    } else if (km < secondKm) {
      second = f;
      secondKm = km;
    }
  }
  return rng.chance(0.12) && secondKm < bestKm + 3 ? second : best;
}

export interface PersonDraft {
  gender: Gender;
  age: number;
  surname?: string;
}

/** One older person of a household that lives at `address`, located at `at` (null: unknown). */
export function makeResident(
  rng: Random,
  ids: IdNumberBook,
  id: string,
  person: PersonDraft,
  home: {
    division: Division;
    place: Place;
    address: string;
    at: { lat: number; lng: number } | null;
    facility: FacilityPlan;
    subsidy: SubsidyCategory;
  },
): ResidentPlan {
  const birthDate = birthDateFor(rng, person.age);
  const phoneChance = Math.max(0.45, 0.93 - (person.age - 60) * 0.012);
  return {
    id,
    name: fullName(rng, person.gender, 'older', person.surname),
    idNumber: ids.issue(rng, home.division.areaCode, birthDate, person.gender),
    birthDate,
    gender: person.gender,
    phone: rng.chance(phoneChance) ? rng.mobile() : null,
    address: home.address,
    lat: home.at?.lat ?? null,
    lng: home.at?.lng ?? null,
    district: home.division.name,
    street: home.place.name,
    careLevel: rng.weighted(careLevelWeights(person.age)),
    subsidyCategory: home.subsidy,
    dietaryNeeds: dietaryNeeds(rng, person.age),
    homeFacilityCode: home.facility.code,
  };
}
