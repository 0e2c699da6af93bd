import { distanceKm, type LatLng } from './booking-rules.js';

export interface Stop extends LatLng {
  id: string;
}

/**
 * Orders delivery stops for one round from the kitchen: nearest neighbour first, then 2-opt until
 * no exchange shortens the round. Stops without a location go last, in the order given.
 */
export function routeOrder<T extends { id: string; lat: number | null; lng: number | null }>(start: LatLng, stops: T[]): T[] {
  const located = stops.filter((s): s is T & LatLng => s.lat !== null && s.lng !== null);
  const unlocated = stops.filter((s) => s.lat === null || s.lng === null);
  const route: (T & LatLng)[] = [];
  const left = [...located];
  let here: LatLng = start;
  while (left.length > 0) {
    let best = 0;
    for (let i = 1; i < left.length; i++) if (distanceKm(here, left[i]) < distanceKm(here, left[best])) best = i;
    here = left[best];
    route.push(left.splice(best, 1)[0]);
  }
  improveByTwoOpt(start, route);
  return [...route, ...unlocated];
}

export function routeKm(start: LatLng, route: LatLng[]): number {
  let km = 0;
  let here = start;
  for (const stop of route) {
    km += distanceKm(here, stop);
    here = stop;
  }
  return km;
}

function improveByTwoOpt(start: LatLng, route: LatLng[]): void {
  let improved = true;
  for (let pass = 0; improved && pass < 50; pass++) {
    improved = false;
    for (let i = 0; i < route.length - 1; i++) {
      for (let j = i + 1; j < route.length; j++) {
        const before = i === 0 ? start : route[i - 1];
        const after = route[j + 1];
        const current = distanceKm(before, route[i]) + (after ? distanceKm(route[j], after) : 0);
        const swapped = distanceKm(before, route[j]) + (after ? distanceKm(route[i], after) : 0);
        if (swapped + 1e-9 < current) {
          route.splice(i, j - i + 1, ...route.slice(i, j + 1).reverse());
          improved = true;
        }
      }
    }
  }
}
