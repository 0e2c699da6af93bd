import { categoriesOf, type FacilityPlan } from './facilities.js';
import { fullName, type Gender } from './names.js';
import { Random, stableUuid } from './random.js';

export interface CaregiverPlan {
  id: string;
  /** Username of the caregiver's login. */
  username: string;
  name: string;
  facilityCode: string;
  gender: Gender;
  phone: string;
  skills: string[];
  level: number;
  homeLat: number;
  homeLng: number;
  maxWeeklyMinutes: number;
}

const STAFF_PER_FACILITY: Record<FacilityPlan['type'], number> = { street_centre: 8, day_care: 3, rural_home: 4 };

/** Mostly 中级工/初级工 (4-5), few 技师 and 高级技师 (2, 1): level 1 is the most qualified. */
const LEVELS: [number, number][] = [
  [5, 0.42],
  [4, 0.36],
  [3, 0.14],
  [2, 0.06],
  [1, 0.02],
];
const SKILL_COUNT: [number, number][] = [
  [1, 0.3],
  [2, 0.45],
  [3, 0.25],
];

/** The demo caregiver's login: a 高级工 at the first street centre who cooks, cleans and nurses. */
export const DEMO_CAREGIVER = {
  id: stableUuid('caregiver:demo'),
  username: 'caregiver.demo',
  name: '刘海燕',
  gender: 'female' as const,
  skills: ['meal', 'cleaning', 'medical'],
  level: 3,
};

/**
 * Caregivers for every facility. Between them they cover each category the facility offers, and
 * for the categories whose services ask for a qualified caregiver (mobility: level 4, medical:
 * level 3) the first one with that skill is qualified enough.
 */
export function planCaregivers(facilities: readonly FacilityPlan[], demoFacilityCode: string, seed: number): CaregiverPlan[] {
  const rng = new Random(seed ^ 0x0ca7e617);
  const caregivers: CaregiverPlan[] = [];
  for (const f of facilities) {
    const categories = categoriesOf(f.services);
    const radiusKm = f.type === 'street_centre' ? 3 : 6;
    for (let j = 0; j < STAFF_PER_FACILITY[f.type]; j++) {
      const gender: Gender = rng.chance(0.85) ? 'female' : 'male';
      const primary = categories[j % categories.length];
      const skills = new Set([primary]);
      const wanted = Math.min(rng.weighted(SKILL_COUNT), categories.length);
      while (skills.size < wanted) skills.add(rng.pick(categories));
      let level = rng.weighted(LEVELS);
      if (j < categories.length && primary === 'medical') level = Math.min(level, 3);
      if (j < categories.length && primary === 'mobility') level = Math.min(level, 4);
      const home = rng.near(f.lat, f.lng, radiusKm);
      const name = fullName(rng, gender, 'younger');
      const phone = rng.mobile();
      const ordinal = String(j + 1).padStart(2, '0');
      const plan: CaregiverPlan = {
        id: stableUuid(`caregiver:${seed}:${f.code}:${ordinal}`),
        username: `caregiver.${f.code.toLowerCase()}.${ordinal}`,
        name,
        facilityCode: f.code,
        gender,
        phone,
        skills: categories.filter((c) => skills.has(c)),
        level,
        homeLat: home.lat,
        homeLng: home.lng,
        maxWeeklyMinutes: 2400,
      };
      caregivers.push(f.code === demoFacilityCode && j === 0 ? { ...plan, ...DEMO_CAREGIVER } : plan);
    }
  }
  return caregivers;
}
