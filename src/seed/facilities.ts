import { DIVISIONS, VILLAGE_FIRST, VILLAGE_SECOND, type Division, type Place } from './chenzhou.js';
import { Random, stableUuid } from './random.js';

export type FacilityType = 'street_centre' | 'day_care' | 'rural_home';

export interface OpeningHours {
  weekdays: number[];
  open: string;
  close: string;
}

export interface FacilityPlan {
  id: string;
  code: string;
  name: string;
  type: FacilityType;
  district: string;
  street: string;
  address: string;
  lat: number;
  lng: number;
  openingHours: OpeningHours;
  phone: string;
  services: string[];
}

export const ALL_SERVICES = [
  'meal.dine_in',
  'meal.delivery',
  'cleaning.home',
  'mobility.escort',
  'mobility.transport',
  'medical.hospital_escort',
  'medical.health_check',
  'medical.home_nursing',
];
export const DAY_CARE_SERVICES = ['meal.dine_in', 'meal.delivery', 'cleaning.home', 'medical.health_check'];
/** A rural home offers everything but home nursing. */
const RURAL_HOME_SERVICES = ALL_SERVICES.filter((s) => s !== 'medical.home_nursing');

export const EVERY_DAY: OpeningHours = { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '07:30', close: '19:00' };
export const MON_TO_SAT: OpeningHours = { weekdays: [1, 2, 3, 4, 5, 6], open: '08:00', close: '17:30' };

/** The two urban districts: their day-care sites are named after the street alone. */
const URBAN_DISTRICTS = new Set(['北湖区', '苏仙区']);

/**
 * The demo network: a street comprehensive centre in each of the 13 urban streets that have one,
 * a community day-care site in every urban street and county seat, and the rural nursing homes.
 * Ids come from the codes, so a facility keeps its id whatever the seed.
 */
export function planFacilities(seed: number): FacilityPlan[] {
  const rng = new Random(seed ^ 0x0fac1117);
  const facilities: FacilityPlan[] = [];
  for (const division of DIVISIONS) {
    const counters = { SC: 0, DC: 0, RH: 0 };
    const next = (kind: keyof typeof counters) => `${division.prefix}-${kind}-${String(++counters[kind]).padStart(2, '0')}`;
    for (const place of division.places) {
      if (place.streetCentre) {
        facilities.push(facility(rng, division, place, next('SC'), 'street_centre', `${place.name}综合养老服务中心`, ALL_SERVICES, 0.4));
      }
    }
    for (const place of division.places) {
      if (place.dayCare) {
        const name = URBAN_DISTRICTS.has(division.name) ? `${place.name}社区日间照料中心` : `${division.name}${place.name}日间照料中心`;
        facilities.push(facility(rng, division, place, next('DC'), 'day_care', name, DAY_CARE_SERVICES, 1.2));
      }
    }
    for (const place of division.places) {
      if (place.ruralHome) {
        // Not every home has a vehicle for transport.
        const services = RURAL_HOME_SERVICES.filter((s) => s !== 'mobility.transport' || rng.chance(0.5));
        facilities.push(facility(rng, division, place, next('RH'), 'rural_home', `${division.name}${place.name}敬老院`, services, 1.5));
      }
    }
  }
  return facilities;
}

function facility(
  rng: Random,
  division: Division,
  place: Place,
  code: string,
  type: FacilityType,
  name: string,
  services: string[],
  radiusKm: number,
): FacilityPlan {
  const at = rng.near(place.lat, place.lng, radiusKm);
  const address = place.urban
    ? `郴州市${division.name}${place.name}${rng.pick(division.roads)}${rng.int(1, 199)}号`
    : `郴州市${division.name}${place.name}${rng.pick(VILLAGE_FIRST)}${rng.pick(VILLAGE_SECOND)}村${rng.int(1, 60)}号`;
  return {
    id: stableUuid(`facility:${code}`),
    code,
    name,
    type,
    district: division.name,
    street: place.name,
    address,
    lat: at.lat,
    lng: at.lng,
    openingHours: type === 'day_care' ? MON_TO_SAT : EVERY_DAY,
    phone: `0735-${rng.int(2, 8)}${String(rng.int(0, 999_999)).padStart(6, '0')}`,
    services: [...services],
  };
}

/** The service categories a facility's services need caregivers for, in catalogue order. */
export function categoriesOf(services: readonly string[]): string[] {
  const categories = ['meal', 'cleaning', 'mobility', 'medical'];
  return categories.filter((c) => services.some((s) => s.startsWith(`${c}.`)));
}
