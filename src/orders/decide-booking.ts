/**
 * The one decision of whether a booking may be made, shared by booking, quote, reschedule and
 * series (whose occurrences are bookings): plain data in, the outcome or the first rule it breaks
 * out. No I/O; the database's writes check again under their locks what may have changed since.
 */
import { DomainError } from '../common/errors/domain-error.js';
import { checkBookingRules, checkSlotTime, type BookingRuleSettings, type LatLng, type RuleBreach } from './booking-rules.js';

/** The service at the facility, as a new booking needs them. */
export interface OfferFacts {
  /** Null: there is no such service. */
  serviceCode: string | null;
  /** The submitted code, for the message when it is unknown. */
  requestedService: string;
  facilityKnown: boolean;
  offered: boolean;
  place: 'facility' | 'home';
  facilityType: 'street_centre' | 'day_care' | 'rural_home';
  facilityLocation: LatLng;
  /** Where the visit happens: the order's location, else the resident's; null when unknown. */
  visitLocation: LatLng | null;
  careLevel: number;
}

/** The slot at the asked time, as read. */
export interface SlotFacts {
  found: boolean;
  /** Whether a unit is free; undefined when the write decides it under its lock. */
  free?: boolean;
  /** The service of a live order of the resident overlapping the slot, if any. */
  overlapping?: string | null;
}

export interface BookingCase {
  slotStartMs: number;
  /** Absent when a booking the rules admitted moves to another time (reschedule): only time and slot are checked. */
  offer?: OfferFacts;
  /** Absent when the write finds the slot itself (a booking from known facts). */
  slot?: SlotFacts;
  /** The caller would take a place on the waitlist of a full slot. */
  waitlist: boolean;
}

export type BookingDecision = { ok: true; waitlisted: boolean } | { ok: false; breach: RuleBreach };

/** The booking policy of the service network: catchments, care level, horizon. */
export type BookingPolicy = BookingRuleSettings;

/** The booking policy out of the service's settings. */
export function bookingPolicy(c: {
  catchmentKmUrban: number;
  catchmentKmRural: number;
  homeNursingMinCareLevel: number;
  bookingHorizonDays: number;
}): BookingPolicy {
  return {
    catchmentKmUrban: c.catchmentKmUrban,
    catchmentKmRural: c.catchmentKmRural,
    homeNursingMinCareLevel: c.homeNursingMinCareLevel,
    horizonDays: c.bookingHorizonDays,
  };
}

/** Each check in the order the API has always answered them: the first breach is the answer. */
export function decideBooking(c: BookingCase, policy: BookingPolicy, nowMs: number): BookingDecision {
  const breach = firstBreach(c, policy, nowMs);
  if (breach) return { ok: false, breach };
  return { ok: true, waitlisted: c.slot?.free === false };
}

function firstBreach(c: BookingCase, policy: BookingPolicy, nowMs: number): RuleBreach | null {
  if (c.offer) {
    const o = c.offer;
    if (!o.serviceCode) {
      return {
        code: 'SERVICE_UNKNOWN',
        message: `There is no service ${o.requestedService}: see GET /services`,
        field: 'serviceCode',
        fieldMessage: 'unknown service',
      };
    }
    if (!o.facilityKnown) {
      return {
        code: 'FACILITY_UNKNOWN',
        message: 'There is no such facility: see GET /facilities',
        field: 'facilityId',
        fieldMessage: 'unknown facility',
      };
    }
    if (!o.offered) {
      return {
        code: 'SERVICE_NOT_OFFERED',
        message: `This facility does not offer ${o.serviceCode}: choose another facility or service`,
        field: 'serviceCode',
        fieldMessage: 'not offered at this facility',
      };
    }
    const rule = checkBookingRules(
      {
        serviceCode: o.serviceCode,
        place: o.place,
        facilityType: o.facilityType,
        facilityLocation: o.facilityLocation,
        visitLocation: o.visitLocation,
        careLevel: o.careLevel,
        slotStartMs: c.slotStartMs,
        nowMs,
      },
      policy,
    );
    if (rule) return rule;
  } else {
    const time = checkSlotTime(c.slotStartMs, nowMs, policy.horizonDays);
    if (time) return time;
  }
  if (!c.slot) return null;
  if (!c.slot.found) return noSlot();
  // The exclusion constraint on orders holds this too; checking first gives the clearer message.
  if (c.slot.overlapping) return overlapping(c.slot.overlapping);
  if (c.slot.free === false && !c.waitlist) return slotFull();
  return null;
}

/** No slot starts at the asked time. */
export function noSlot(): RuleBreach {
  return {
    code: 'SLOT_UNKNOWN',
    message: 'There is no slot at this time: pick a start time from GET /facilities/:id/availability',
    field: 'slotStart',
    fieldMessage: 'not the start of an available slot',
  };
}

/** The resident already has a live order of `service` at that time. */
export function overlapping(service: string): RuleBreach {
  return {
    code: 'ORDER_OVERLAP',
    message: `The resident already has ${service} at this time: choose another time or cancel that order first`,
  };
}

export function slotFull(): RuleBreach {
  return { code: 'SLOT_FULL', message: 'This slot is full: choose another time, or send waitlist: true to join its waitlist' };
}

/** The refusal the API answers for a breach, with the field it names. */
export function breachError(b: RuleBreach): DomainError {
  return new DomainError(b.code, b.message, b.field ? [{ field: b.field, message: b.fieldMessage ?? b.message }] : undefined);
}
