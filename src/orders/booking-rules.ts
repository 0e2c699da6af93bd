/**
 * Booking rules that need no I/O. Each returns the domain code and a message that says what to
 * change, or null when the booking may go ahead.
 */
import type { ErrorCode } from '../common/errors/error-codes.js';
import { haversineKm } from '../scheduling/engine/travel.js';

export interface RuleBreach {
  code: ErrorCode;
  message: string;
  field?: string;
  /** What the field detail says, when not the message itself. */
  fieldMessage?: string;
}

export interface LatLng {
  lat: number;
  lng: number;
}

/** Great-circle distance in km: the travel model the assignment engine uses. */
export const distanceKm = (a: LatLng, b: LatLng): number => haversineKm(a, b);

export interface BookingRuleSettings {
  catchmentKmUrban: number;
  catchmentKmRural: number;
  homeNursingMinCareLevel: number;
  horizonDays: number;
}

export interface BookingFacts {
  serviceCode: string;
  place: 'facility' | 'home';
  facilityType: 'street_centre' | 'day_care' | 'rural_home';
  facilityLocation: LatLng;
  /** Where the visit happens: the order's location, else the resident's; null when unknown. */
  visitLocation: LatLng | null;
  careLevel: number;
  slotStartMs: number;
  nowMs: number;
}

/** A slot may be booked, or a booking moved to it, from now until the horizon. */
export function checkSlotTime(slotStartMs: number, nowMs: number, horizonDays: number): RuleBreach | null {
  if (slotStartMs <= nowMs) {
    return { code: 'SLOT_IN_PAST', message: 'This time has already passed: choose a later slot', field: 'slotStart' };
  }
  if (slotStartMs > nowMs + horizonDays * 86_400_000) {
    return { code: 'OUTSIDE_HORIZON', message: `Bookings open ${horizonDays} days ahead: choose an earlier date`, field: 'slotStart' };
  }
  return null;
}

export function checkBookingRules(f: BookingFacts, s: BookingRuleSettings): RuleBreach | null {
  const time = checkSlotTime(f.slotStartMs, f.nowMs, s.horizonDays);
  if (time) return time;
  if (f.serviceCode === 'medical.home_nursing' && f.careLevel < s.homeNursingMinCareLevel) {
    return {
      code: 'CARE_LEVEL_TOO_LOW',
      message: `Home nursing is for residents assessed at care level ${s.homeNursingMinCareLevel} or above: book a health check instead, or ask the centre for a new assessment`,
    };
  }
  if (f.place === 'home') {
    if (!f.visitLocation) {
      return {
        code: 'LOCATION_REQUIRED',
        message: 'A home visit needs the address located on the map: send location { lat, lng } or ask the centre to locate the address',
        field: 'location',
      };
    }
    const limit = f.facilityType === 'rural_home' ? s.catchmentKmRural : s.catchmentKmUrban;
    const km = distanceKm(f.facilityLocation, f.visitLocation);
    if (km > limit) {
      return {
        code: 'OUTSIDE_CATCHMENT',
        message: `The address is ${km.toFixed(1)} km from this facility, beyond its ${limit} km service area: choose a nearer facility`,
        field: 'facilityId',
      };
    }
  }
  return null;
}
