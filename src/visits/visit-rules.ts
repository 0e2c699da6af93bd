/**
 * The rules of a check-in or check-out, as plain functions: how far the device was from the
 * visit's location, whether that is too far, whether it is too early, and what verified it.
 */
const EARTH_RADIUS_M = 6_371_000;

export interface Point {
  lat: number;
  lng: number;
}

/** Great-circle distance in metres (haversine, Earth radius 6371 km, as the assignment engine uses). */
export function distanceMetres(a: Point, b: Point): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type VerifiedBy = 'location' | 'code' | 'staff';

export interface Verification {
  /** null: neither a fix near enough to judge nor a code; staff may confirm the visit later. */
  verifiedBy: VerifiedBy | null;
  /** Metres from the visit's location, when both the fix and the location are known. */
  distanceM: number | null;
  /** Accepted, but shown to the facility's staff: the fix was more than the allowed distance away. */
  flaggedFar: boolean;
}

/**
 * The right daily code verifies the visit whatever the fix says (many seniors have no phone, and
 * fixes indoors are poor); a fix is still measured and a far one still flagged for staff.
 * A fix within the allowed distance verifies by location; a far fix is accepted, unverified.
 */
export function verify(input: { fix: Point | null; visitLocation: Point | null; codeMatches: boolean; maxDistanceM: number }): Verification {
  const distanceM = input.fix && input.visitLocation ? Math.round(distanceMetres(input.fix, input.visitLocation)) : null;
  const flaggedFar = distanceM !== null && distanceM > input.maxDistanceM;
  if (input.codeMatches) return { verifiedBy: 'code', distanceM, flaggedFar };
  if (distanceM !== null && !flaggedFar) return { verifiedBy: 'location', distanceM, flaggedFar };
  return { verifiedBy: null, distanceM, flaggedFar };
}

/** A check-in may come at most `earlyMinutes` before the planned start, never earlier. */
export function isTooEarly(now: number, plannedStart: number, earlyMinutes: number): boolean {
  return now < plannedStart - earlyMinutes * 60_000;
}

/** Whole minutes between check-in and check-out, never negative. */
export function actualMinutes(checkInAt: number, checkOutAt: number): number {
  return Math.max(0, Math.round((checkOutAt - checkInAt) / 60_000));
}
