/**
 * The rules of a check-in or check-out, as plain functions: how far the device was from the
 * visit's location, whether that is too far, whether it is too early, and what verified it.
 */
import { haversineKm } from '../scheduling/engine/travel.js';

export interface Point {
  lat: number;
  lng: number;
}

/** Great-circle distance in metres: the travel model the assignment engine uses. */
export function distanceMetres(a: Point, b: Point): number {
  return haversineKm(a, b) * 1000;
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
export function verify(input: {
  fix: Point | null;
  visitLocation: Point | null;
  codeMatches: boolean;
  maxDistanceM: number;
}): Verification {
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

/**
 * A no-show (the senior was not at home) can only be seen at the door: staff may record one once
 * the visit's planned start has passed, never for a visit still to come.
 */
export function isNoShowTooEarly(now: number, plannedStart: number): boolean {
  return now < plannedStart;
}

/** Whole minutes between check-in and check-out, never negative. */
export function actualMinutes(checkInAt: number, checkOutAt: number): number {
  return Math.max(0, Math.round((checkOutAt - checkInAt) / 60_000));
}
