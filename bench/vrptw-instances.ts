/**
 * The Gehring & Homberger VRPTW instances (Solomon's text format) as engine instances, as issue 16
 * sets them: 1 distance unit = 1 km, 60 km/h (1 km a minute), points placed around (0, 0) so the
 * great-circle distance equals the Euclidean one to 0.01%; time unit = 1 minute; each customer's
 * window = [ready, due + service] (due is the latest start); K caregivers, each with one shift
 * [depot ready, depot due] at the depot; every route returns to the depot by the shift's end.
 * Vehicle capacity is not modelled unless asked for: then each caregiver can carry the vehicle's
 * capacity per shift and each customer's demand is the order's demand.
 */
import { readFileSync } from 'node:fs';
import { EARTH_RADIUS_KM, haversineKm } from '../src/scheduling/engine/travel.js';
import type { Instance, LatLng } from '../src/scheduling/engine/types.js';

export interface Customer {
  id: number;
  x: number;
  y: number;
  demand: number;
  ready: number;
  due: number;
  service: number;
}

export interface Solomon {
  name: string;
  vehicles: number;
  capacity: number;
  /** Customer 0 is the depot. */
  customers: Customer[];
}

export function parseSolomon(text: string): Solomon {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const name = lines[0];
  const at = lines.findIndex((l) => /^NUMBER\s+CAPACITY/.test(l));
  const [vehicles, capacity] = lines[at + 1].split(/\s+/).map(Number) as [number, number];
  const customers: Customer[] = [];
  for (const l of lines.slice(at + 2)) {
    const f = l.split(/\s+/).map(Number);
    if (f.length !== 7 || f.some(Number.isNaN)) continue;
    const [id, x, y, demand, ready, due, service] = f as [number, number, number, number, number, number, number];
    customers.push({ id, x, y, demand, ready, due, service });
  }
  return { name, vehicles, capacity, customers };
}

export function readSolomon(path: string): Solomon {
  return parseSolomon(readFileSync(path, 'utf8'));
}

/** Kilometres per degree on the engine's sphere. */
const KM_PER_DEGREE = (EARTH_RADIUS_KM * Math.PI) / 180;
const DAY_START = Date.parse('2026-12-01T00:00:00+08:00');
const iso = (minutes: number) => new Date(DAY_START + minutes * 60_000 + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';

/** A point of the plane (km, the depot at the origin) as a place near (0, 0). */
export function placeOf(s: Solomon, c: Customer): LatLng {
  const depot = s.customers[0];
  return { lat: (c.y - depot.y) / KM_PER_DEGREE, lng: (c.x - depot.x) / KM_PER_DEGREE };
}

export const euclid = (a: Customer, b: Customer) => Math.hypot(a.x - b.x, a.y - b.y);

/** The largest relative difference between great-circle and Euclidean distance over all pairs. */
export function maxScalingError(s: Solomon): number {
  const places = s.customers.map((c) => placeOf(s, c));
  let worst = 0;
  for (let i = 0; i < s.customers.length; i++) {
    for (let j = i + 1; j < s.customers.length; j++) {
      const e = euclid(s.customers[i], s.customers[j]);
      if (e < 1) continue;
      worst = Math.max(worst, Math.abs(haversineKm(places[i], places[j]) / e - 1));
    }
  }
  return worst;
}

export function toInstance(s: Solomon, vehicles: number, withCapacity = false): Instance {
  const depot = s.customers[0];
  const home = placeOf(s, depot);
  const shift = { start: iso(depot.ready), end: iso(depot.due) };
  return {
    travel: { speedKmh: 60 },
    returnToBase: true,
    caregivers: Array.from({ length: vehicles }, (_, k) => ({
      id: `v${k + 1}`,
      skills: ['visit'],
      level: 1,
      location: home,
      shifts: [shift],
      ...(withCapacity ? { capacity: s.capacity } : {}),
    })),
    orders: s.customers.slice(1).map((c) => ({
      id: String(c.id),
      skill: 'visit',
      minLevel: 5,
      location: placeOf(s, c),
      windowStart: iso(c.ready),
      windowEnd: iso(c.due + c.service),
      durationMinutes: c.service,
      preferredCaregiverId: null,
      ...(withCapacity ? { demand: c.demand } : {}),
    })),
  };
}
