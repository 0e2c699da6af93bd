/** A generated street-centre day for the search specs: 12 caregivers, 90 orders, some with a preferred caregiver. */
import { createRng } from './rng.js';
import { DAY } from './test-builders.js';
import type { CaregiverInput, Instance, OrderInput } from './types.js';

const time = (minutes: number) =>
  `${DAY}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`;

export function urbanDay(seed: number, caregivers = 12, orders = 90): Instance {
  const rng = createRng(seed);
  const place = () => ({ lat: 25.75 + rng() * 0.05, lng: 112.99 + rng() * 0.05 });
  const skills = ['meal', 'cleaning', 'medical'];
  const cgs: CaregiverInput[] = Array.from({ length: caregivers }, (_, i) => {
    const split = rng() < 0.3;
    return {
      id: `c${i}`,
      skills: skills.filter(() => rng() < 0.7).concat(['meal']),
      level: 1 + Math.floor(rng() * 4),
      location: { lat: 25.775, lng: 113.015 },
      shifts: split
        ? [
            { start: time(7 * 60), end: time(11 * 60) },
            { start: time(14 * 60), end: time(18 * 60) },
          ]
        : [{ start: time(8 * 60), end: time(17 * 60) }],
      weeklyMinutesLeft: rng() < 0.3 ? 180 + 30 * Math.floor(rng() * 8) : undefined,
    };
  });
  const os: OrderInput[] = Array.from({ length: orders }, (_, i) => {
    const from = 8 * 60 + 30 * Math.floor(rng() * 16);
    return {
      id: `o${i}`,
      skill: skills[Math.floor(rng() * 3)],
      minLevel: 3 + Math.floor(rng() * 3),
      location: place(),
      windowStart: time(from),
      windowEnd: time(from + (rng() < 0.5 ? 120 : 240)),
      durationMinutes: [15, 20, 30, 45][Math.floor(rng() * 4)],
      preferredCaregiverId: rng() < 0.25 ? `c${Math.floor(rng() * caregivers)}` : null,
      priority: rng() < 0.2 ? 1 : 0,
    };
  });
  return { travel: { speedKmh: 15 }, caregivers: cgs, orders: os };
}
