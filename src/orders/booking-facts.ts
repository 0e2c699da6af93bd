import type { ServiceCategory, SubsidyCategory } from './pricing.js';

/**
 * Everything a booking decides on, read in one statement: the resident (and the caller's family
 * link to them), the service and facility, whether the facility offers it, the slot at that time
 * and whether it has a free unit, any live order of the resident overlapping it, and the
 * allowance minutes the resident has used in the slot's month. Each part is null when missing,
 * so the service can say exactly what is wrong.
 */
export interface BookingFacts {
  resident_id: string | null;
  birth_date: string;
  subsidy_category: SubsidyCategory;
  care_level: number;
  lat: number | null;
  lng: number | null;
  address: string;
  dietary_needs: string[];
  home_facility_id: string;
  link_can_book: boolean | null;
  code: string | null;
  category: ServiceCategory;
  place: 'facility' | 'home';
  duration_minutes: number;
  base_price_fen: number;
  facility_id: string | null;
  facility_type: 'street_centre' | 'day_care' | 'rural_home';
  facility_lat: number;
  facility_lng: number;
  offered: boolean;
  slot_id: string | null;
  starts_at: Date;
  ends_at: Date;
  slot_free: boolean;
  overlapping: string | null;
  allowance_used: Record<string, number> | null;
}

export interface FactsQuery {
  serviceCode: string;
  facilityId: string;
  start: Date;
  residentId: string;
  userId: string;
  /** First day of the slot's Shanghai month. */
  month: string;
}

export interface AllowanceClaim {
  source: string;
  limit: number;
  /** Minutes used when the facts were read: the write checks they still are. */
  used: number;
  take: number;
}

/** What the booking write answers (see src/database/functions/book_order.sql). */
export const BOOKING_OUTCOMES = ['booked', 'no_slot', 'full', 'overlap'] as const;

/** The order, or why there is none ('overlap' detail: the other order's service). */
export type WriteOutcome<T> =
  | { outcome: 'booked'; order: T }
  | { outcome: 'no_slot' | 'full'; order?: undefined }
  | { outcome: 'overlap'; detail: string; order?: undefined };

interface WriteCommon {
  /** The orders row as the service would write it; the write settles its slot, times and status. */
  order: Record<string, unknown>;
  waitlist: boolean;
  by: string;
}

/** A write on facts read: it checks, under its locks, that the slot and each allowance are still as read. */
export interface WriteOnFacts extends WriteCommon {
  slotId: string;
  expectFree: boolean;
  claims: AllowanceClaim[];
}

/** A write on facts known in memory: it finds the slot and checks for an overlap itself; no allowance is drawn. */
export interface WriteOnKnown extends WriteCommon {
  facilityId: string;
  serviceCode: string;
  start: Date;
  minutes: number;
}

/** SQLSTATE the booking write raises when the slot or an allowance changed since the facts were read. */
export const BOOKING_CHANGED = 'CB001';
