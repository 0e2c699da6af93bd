/**
 * Generated city-day instances for the assignment bench: caregivers based at or near their
 * facility, residents around it, Chenzhou coordinates, 2026-12-01 in Asia/Shanghai.
 */
import { createRng, type Rng } from '../src/scheduling/engine/rng.js';
import type { CaregiverInput, Instance, LatLng, OrderInput } from '../src/scheduling/engine/types.js';

export interface FacilitySpec {
  centre: LatLng;
  caregivers: number;
  orders: number;
  radiusKm: number;
}

const DAY = '2026-12-01';
const SKILLS = ['meal', 'cleaning', 'mobility', 'medical'] as const;
const SKILL_SHARE = [0.6, 0.7, 0.5, 0.35];
const ORDER_SKILL_WEIGHTS = [0.3, 0.3, 0.2, 0.2];
const DURATIONS: Record<string, number[]> = { meal: [15, 20], cleaning: [30, 45, 60], mobility: [30, 45], medical: [15, 20, 30] };
const SHIFTS: [string, string][][] = [
  [['07:00', '15:00']],
  [['08:00', '17:00']],
  [['10:00', '19:00']],
  [
    ['07:00', '11:00'],
    ['14:00', '18:00'],
  ],
];

const at = (hhmm: string) => `${DAY}T${hhmm}:00+08:00`;
const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

function weighted(rng: Rng, weights: number[]): number {
  let x = rng() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) if ((x -= weights[i]) < 0) return i;
  return weights.length - 1;
}

function near(rng: Rng, c: LatLng, radiusKm: number): LatLng {
  const r = radiusKm * Math.sqrt(rng());
  const a = rng() * 2 * Math.PI;
  const dLat = (r * Math.cos(a)) / 111.2;
  const dLng = (r * Math.sin(a)) / (111.2 * Math.cos((c.lat * Math.PI) / 180));
  return { lat: Math.round((c.lat + dLat) * 1e5) / 1e5, lng: Math.round((c.lng + dLng) * 1e5) / 1e5 };
}

/** Meals come at meal times; home services in a half-day or a two-hour window, as booked. */
function windowFor(rng: Rng, skill: string, duration: number): [number, number] {
  if (skill === 'meal') return rng() < 0.6 ? [10 * 60 + 30, 12 * 60 + 30] : [16 * 60 + 30, 18 * 60 + 30];
  const halfDay = skill === 'cleaning' ? 0.7 : skill === 'medical' ? 0.5 : 0.2;
  if (rng() < halfDay) return rng() < 0.55 ? [8 * 60, 12 * 60] : [13 * 60 + 30, 17 * 60 + 30];
  const start = 7 * 60 + 30 * Math.floor(rng() * 19);
  return [start, Math.max(start + 120, start + duration)];
}

export function cityDay(facilities: FacilitySpec[], speedKmh: number, seed: number): Instance {
  const rng = createRng(seed);
  const caregivers: CaregiverInput[] = [];
  const orders: OrderInput[] = [];
  facilities.forEach((f, fi) => {
    const mine: CaregiverInput[] = [];
    // Each caregiver works a patch of the facility's area; residents' usual caregivers come from it.
    const patch: LatLng[] = [];
    for (let i = 0; i < f.caregivers; i++) {
      patch.push(near(rng, f.centre, f.radiusKm));
      const skills = SKILLS.filter((_, k) => rng() < SKILL_SHARE[k]);
      if (skills.length === 0) skills.push(pick(rng, SKILLS));
      const c: CaregiverInput = {
        id: `f${fi}-c${i}`,
        skills: [...skills],
        level: 1 + weighted(rng, [0.05, 0.15, 0.3, 0.3, 0.2]),
        location: rng() < 0.5 ? f.centre : near(rng, f.centre, Math.min(2, f.radiusKm / 3)),
        shifts: pick(rng, SHIFTS).map(([s, e]) => ({ start: at(s), end: at(e) })),
        usualResidentIds: [],
      };
      if (rng() < 0.3) c.weeklyMinutesLeft = 180 + 30 * Math.floor(rng() * 12);
      mine.push(c);
    }
    caregivers.push(...mine);
    for (let i = 0; i < f.orders; i++) {
      const skill = SKILLS[weighted(rng, ORDER_SKILL_WEIGHTS)];
      const minLevel = skill === 'medical' ? 2 + Math.floor(rng() * 3) : 3 + Math.floor(rng() * 3);
      const duration = pick(rng, DURATIONS[skill]);
      const [from, to] = windowFor(rng, skill, duration);
      const residentId = `f${fi}-r${i}`;
      const o: OrderInput = {
        id: `f${fi}-o${i}`,
        skill,
        minLevel,
        location: near(rng, f.centre, f.radiusKm),
        windowStart: at(clock(from)),
        windowEnd: at(clock(to)),
        durationMinutes: duration,
        preferredCaregiverId: null,
        priority: weighted(rng, [0.75, 0.15, 0.1]),
        residentId,
      };
      const byPatch = mine
        .map((c, k) => ({ c, d: Math.hypot(patch[k].lat - o.location.lat, patch[k].lng - o.location.lng) }))
        .filter((x) => x.c.skills.includes(skill) && x.c.level <= minLevel)
        .sort((a, b) => a.d - b.d)
        .slice(0, 3)
        .map((x) => x.c);
      const u = rng();
      if (byPatch.length > 0 && u < 0.2) o.preferredCaregiverId = pick(rng, byPatch).id;
      else if (byPatch.length > 0 && u < 0.35) pick(rng, byPatch).usualResidentIds!.push(residentId);
      orders.push(o);
    }
  });
  return { travel: { speedKmh }, caregivers, orders };
}

const CENTRE: LatLng = { lat: 25.77, lng: 113.01 };

export function urbanStreetCentre(seed = 1): Instance {
  return cityDay([{ centre: CENTRE, caregivers: 40, orders: 400, radiusKm: 3 }], 15, seed);
}

/** 24 facilities: 13 street centres in town, day-care sites around them, rural homes in the counties. */
export function wholeCity(seed = 7): Instance {
  const rng = createRng(seed * 31 + 5);
  const specs: FacilitySpec[] = [];
  for (let i = 0; i < 24; i++) {
    const urban = i < 13;
    const centre = urban ? near(rng, CENTRE, 8) : near(rng, CENTRE, 60);
    const caregivers = urban ? 25 : 15;
    specs.push({ centre, caregivers, orders: caregivers * 10, radiusKm: urban ? 3 : 10 });
  }
  const total = specs.reduce((a, s) => a + s.caregivers, 0);
  specs[0].caregivers += 500 - total;
  specs[0].orders += 5000 - specs.reduce((a, s) => a + s.orders, 0);
  return cityDay(specs, 18, seed);
}

export function ruralNursingHome(seed = 3): Instance {
  return cityDay([{ centre: { lat: 25.55, lng: 113.68 }, caregivers: 12, orders: 70, radiusKm: 25 }], 35, seed);
}

export function small(seed: number): Instance {
  return cityDay([{ centre: CENTRE, caregivers: 3, orders: 12, radiusKm: 3 }], 15, 100 + seed);
}
