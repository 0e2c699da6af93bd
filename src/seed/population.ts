import { DIVISIONS, type Division, type Place } from './chenzhou.js';
import type { FacilityPlan } from './facilities.js';
import { familyNameOf, fullName, surname, type Gender } from './names.js';
import { Random, stableUuid } from './random.js';
import {
  IdNumberBook,
  ageBand,
  homeAddress,
  homeFacility,
  makeResident,
  subsidyWeights,
  MAX_AGE,
  MIN_AGE,
  type ResidentPlan,
  type SubsidyCategory,
} from './residents.js';

export interface FamilyLinkPlan {
  id: string;
  residentId: string;
  relationship: string;
  canBook: boolean;
}

export interface FamilyMemberPlan {
  id: string;
  username: string;
  phone: string;
  displayName: string;
  links: FamilyLinkPlan[];
}

/** The older people living at one address, and their relatives with a family account. */
export interface HouseholdPlan {
  residents: ResidentPlan[];
  family: FamilyMemberPlan[];
}

export const DEMO_SENIOR_ID = stableUuid('resident:demo:senior');
export const DEMO_SPOUSE_ID = stableUuid('resident:demo:spouse');
export const DEMO_FAMILY_USERNAME = 'family.demo';

const CHILDREN: [[string, Gender], number][] = [
  [['儿子', 'male'], 0.5],
  [['女儿', 'female'], 0.5],
];
const OTHER_RELATIVES: [[string, Gender], number][] = [
  [['儿媳', 'female'], 0.3],
  [['女婿', 'male'], 0.15],
  [['孙女', 'female'], 0.2],
  [['孙子', 'male'], 0.2],
  [['侄子', 'male'], 0.1],
  [['外孙女', 'female'], 0.05],
];
const PHONE_PREFIXES = ['135', '136', '137', '138', '139', '150', '158', '159', '186', '188'];

/**
 * The demo city's older population, household by household. Households come from one seeded
 * stream, so the first n residents are the same whatever the total: topping up from 2,000 to
 * 100,000 adds residents without changing the ones already there. The first household is the demo
 * couple at the demo street centre (`senior.demo` and spouse), so there are at least two residents.
 */
export function planPopulation(
  total: number,
  facilities: readonly FacilityPlan[],
  demoFacilityCode: string,
  seed: number,
): HouseholdPlan[] {
  const rng = new Random(seed ^ 0x5e41025);
  const ids = new IdNumberBook();
  const phones = new FamilyPhones();
  const households = [demoHousehold(rng, ids, phones, facilities, demoFacilityCode)];
  const places = weightedPlaces();
  let residents = households[0].residents.length;
  let ordinal = 0;
  while (residents < total) {
    const household = makeHousehold(rng, ids, phones, facilities, places, households.length, () =>
      stableUuid(`resident:${seed}:${ordinal++}`),
    );
    const room = total - residents;
    if (household.residents.length > room) truncate(household, room);
    households.push(household);
    residents += household.residents.length;
  }
  return households;
}

function weightedPlaces(): [[Division, Place], number][] {
  const out: [[Division, Place], number][] = [];
  for (const division of DIVISIONS) {
    const sum = division.places.reduce((s, p) => s + p.weight, 0);
    for (const place of division.places) out.push([[division, place], (division.weight * place.weight) / sum]);
  }
  return out;
}

/** Drops the residents past `keep`, and any relative left with no one to follow. */
function truncate(household: HouseholdPlan, keep: number): void {
  household.residents = household.residents.slice(0, keep);
  const kept = new Set(household.residents.map((r) => r.id));
  household.family = household.family
    .map((m) => ({ ...m, links: m.links.filter((l) => kept.has(l.residentId)) }))
    .filter((m) => m.links.length > 0);
}

/** Family accounts log in with their phone too: numbers are unique by construction. */
class FamilyPhones {
  private next = 0;
  issue(): string {
    const k = this.next++;
    // k → (k * 7919 + c) mod 10^8 is one-to-one (7919 is prime to 10), so no two members share one.
    return PHONE_PREFIXES[k % PHONE_PREFIXES.length] + String((k * 7919 + 31_415_926) % 100_000_000).padStart(8, '0');
  }
}

function makeHousehold(
  rng: Random,
  ids: IdNumberBook,
  phones: FamilyPhones,
  facilities: readonly FacilityPlan[],
  places: [[Division, Place], number][],
  index: number,
  nextId: () => string,
): HouseholdPlan {
  const [division, place] = rng.weighted(places);
  const subsidy: SubsidyCategory = rng.weighted(subsidyWeights(place.urban));
  const centre = rng.near(place.lat, place.lng, place.urban ? (division.prefix === 'BH' || division.prefix === 'SX' ? 1.5 : 2.5) : 6);
  const at = rng.chance(0.03) ? null : centre;
  const facility = homeFacility(rng, facilities, at ?? place);
  const home = { division, place, address: homeAddress(rng, division, place), at, facility, subsidy };

  const firstAge = ageBand(rng);
  const firstGender: Gender = rng.chance(0.52 + (firstAge - 60) * 0.006) ? 'female' : 'male';
  // 特困 people have no one to support them: they live alone and have no family account.
  const couple = subsidy !== 'tekun' && rng.chance(firstAge < 80 ? 0.4 : 0.2);
  const people = [{ gender: firstGender, age: firstAge }];
  if (couple) {
    const gap = rng.int(0, 5);
    const age = Math.min(MAX_AGE, Math.max(MIN_AGE, firstGender === 'female' ? firstAge + gap : firstAge - gap));
    people.push({ gender: firstGender === 'female' ? 'male' : 'female', age });
  }
  const residents = people.map((p) => makeResident(rng, ids, nextId(), p, home));
  const family: FamilyMemberPlan[] = [];
  if (subsidy !== 'tekun' && rng.chance(0.35)) {
    const husband = residents.find((r) => r.gender === 'male');
    const clan = husband ? familyNameOf(husband.name) : surname(rng);
    const [relationship, gender] = rng.weighted(CHILDREN);
    family.push(
      member(rng, phones, `family.${String(index).padStart(6, '0')}`, fullName(rng, gender, 'younger', clan), residents, relationship),
    );
    if (rng.chance(0.25)) {
      const [other, otherGender] = rng.weighted(OTHER_RELATIVES);
      const otherClan = other === '孙女' || other === '孙子' || other === '侄子' ? clan : surname(rng);
      family.push(
        member(
          rng,
          phones,
          `family.${String(index).padStart(6, '0')}.2`,
          fullName(rng, otherGender, 'younger', otherClan),
          residents,
          other,
        ),
      );
    }
  }
  return { residents, family };
}

function member(
  rng: Random,
  phones: FamilyPhones,
  username: string,
  displayName: string,
  residents: ResidentPlan[],
  relationship: string,
): FamilyMemberPlan {
  const id = stableUuid(`user:${username}`);
  const canBook = rng.chance(0.9);
  return {
    id,
    username,
    phone: phones.issue(),
    displayName,
    links: residents.map((r) => ({ id: stableUuid(`family-link:${id}:${r.id}`), residentId: r.id, relationship, canBook })),
  };
}

/** 王秀英 (senior.demo) and her husband 李国华 near the demo centre; their daughter 李娟 is family.demo. */
function demoHousehold(
  rng: Random,
  ids: IdNumberBook,
  phones: FamilyPhones,
  facilities: readonly FacilityPlan[],
  code: string,
): HouseholdPlan {
  const facility = facilities.find((f) => f.code === code);
  if (!facility) throw new Error(`demo facility ${code} is not in the plan`);
  const division = DIVISIONS.find((d) => d.name === facility.district)!;
  const place = division.places.find((p) => p.name === facility.street)!;
  const at = rng.near(facility.lat, facility.lng, 0.8);
  const shared = {
    address: `郴州市${division.name}${place.name}和平社区人民西路18号3栋2单元501`,
    lat: at.lat,
    lng: at.lng,
    district: division.name,
    street: place.name,
    subsidyCategory: 'none' as const,
    homeFacilityCode: facility.code,
  };
  const senior: ResidentPlan = {
    ...shared,
    id: DEMO_SENIOR_ID,
    name: '王秀英',
    idNumber: ids.issue(rng, division.areaCode, '1951-03-08', 'female'),
    birthDate: '1951-03-08',
    gender: 'female',
    phone: '13907351234',
    careLevel: 1,
    dietaryNeeds: ['low_salt'],
  };
  const spouse: ResidentPlan = {
    ...shared,
    id: DEMO_SPOUSE_ID,
    name: '李国华',
    idNumber: ids.issue(rng, division.areaCode, '1948-10-12', 'male'),
    birthDate: '1948-10-12',
    gender: 'male',
    // No mobile: the centre books for him by phone.
    phone: null,
    careLevel: 2,
    dietaryNeeds: ['low_salt', 'soft'],
  };
  const daughter = member(rng, phones, DEMO_FAMILY_USERNAME, '李娟', [senior, spouse], '女儿');
  daughter.links = daughter.links.map((l) => ({ ...l, canBook: true }));
  return { residents: [senior, spouse], family: [daughter] };
}
