/**
 * Travel model of API.md: great-circle distance (haversine, R = 6371 km) at a constant speed.
 * The engine and the checker both go through these functions, so they agree to the last bit.
 */
import type { LatLng } from './types.js';

export const EARTH_RADIUS_KM = 6371;

export function toRadians(degrees: number): number {
  return (degrees * Math.PI) / 180;
}

/** Haversine distance between two points given in radians. */
export function haversineRad(lat1: number, lng1: number, lat2: number, lng2: number): number {
  return haversineCos(lat1, lng1, Math.cos(lat1), lat2, lng2, Math.cos(lat2));
}

/**
 * The same haversine with each latitude's cosine given (the engine computes them once per point).
 * Written so that swapping the two points gives the very same bits.
 */
export function haversineCos(lat1: number, lng1: number, cos1: number, lat2: number, lng2: number, cos2: number): number {
  const sinDLat = Math.sin(Math.abs(lat2 - lat1) / 2);
  const sinDLng = Math.sin(Math.abs(lng2 - lng1) / 2);
  const h = sinDLat * sinDLat + cos1 * cos2 * sinDLng * sinDLng;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, h)));
}

export function haversineKm(a: LatLng, b: LatLng): number {
  return haversineRad(toRadians(a.lat), toRadians(a.lng), toRadians(b.lat), toRadians(b.lng));
}

export function travelMsFromKm(km: number, speedKmh: number): number {
  return (km / speedKmh) * 3_600_000;
}

export function travelMinutes(a: LatLng, b: LatLng, speedKmh: number): number {
  return travelMsFromKm(haversineKm(a, b), speedKmh) / 60_000;
}

export function travelMs(a: LatLng, b: LatLng, speedKmh: number): number {
  return travelMsFromKm(haversineKm(a, b), speedKmh);
}
