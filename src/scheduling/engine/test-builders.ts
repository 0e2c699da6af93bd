/** Small builders for engine specs: each spec states only what matters to it. */
import type { CaregiverInput, Instance, OrderInput } from './types.js';

export const DAY = '2026-12-01';
export const at = (hhmm: string) => `${DAY}T${hhmm}:00+08:00`;
export const CENTRE = { lat: 25.77, lng: 113.01 };

export function aCaregiver(over: Partial<CaregiverInput> = {}): CaregiverInput {
  return { id: 'c1', skills: ['cleaning'], level: 3, location: CENTRE, shifts: [{ start: at('08:00'), end: at('16:00') }], ...over };
}

export function anOrder(over: Partial<OrderInput> = {}): OrderInput {
  return {
    id: 'o1',
    skill: 'cleaning',
    minLevel: 5,
    location: { lat: 25.78, lng: 113.02 },
    windowStart: at('09:00'),
    windowEnd: at('11:00'),
    durationMinutes: 60,
    preferredCaregiverId: null,
    priority: 0,
    ...over,
  };
}

export function anInstance(caregivers: CaregiverInput[], orders: OrderInput[], speedKmh = 20): Instance {
  return { travel: { speedKmh }, caregivers, orders };
}
