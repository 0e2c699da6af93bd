import type { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared.js';
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

const FACTS_SQL = `
  SELECT r.id AS resident_id, r.birth_date, r.subsidy_category, r.care_level, r.lat, r.lng, r.address, r.dietary_needs, r.home_facility_id,
         fl.can_book AS link_can_book,
         s.code, s.category, s.place, s.duration_minutes, s.base_price_fen,
         f.id AS facility_id, f.type AS facility_type, f.lat AS facility_lat, f.lng AS facility_lng,
         EXISTS (SELECT 1 FROM facility_services fs WHERE fs.facility_id = f.id AND fs.service_code = s.code) AS offered,
         cs.id AS slot_id, cs.starts_at, cs.ends_at, cs.booked < cs.capacity AS slot_free,
         (SELECT o.service_code FROM orders o
           WHERE o.resident_id = r.id AND o.status IN ('waitlisted', 'confirmed', 'assigned', 'in_progress')
             AND tstzrange(o.slot_start, o.slot_end) && tstzrange($3::timestamptz, $3::timestamptz + make_interval(mins => s.duration_minutes))
           LIMIT 1) AS overlapping,
         (SELECT jsonb_object_agg(au.funding_source, au.minutes_used) FROM allowance_usage au
           WHERE au.resident_id = r.id AND au.month = $6::date) AS allowance_used
    FROM (SELECT) AS request
    LEFT JOIN residents r ON r.id = $4::uuid
    LEFT JOIN family_links fl ON fl.user_id = $5::uuid AND fl.resident_id = r.id
    LEFT JOIN services s ON s.code = $1::text
    LEFT JOIN facilities f ON f.id = $2::uuid AND f.active
    LEFT JOIN capacity_slots cs ON cs.facility_id = f.id AND cs.service_code = s.code AND cs.starts_at = $3::timestamptz`;

export interface FactsQuery {
  serviceCode: string;
  facilityId: string;
  start: Date;
  residentId: string;
  userId: string;
  /** First day of the slot's Shanghai month. */
  month: string;
}

export async function readBookingFacts(db: DataSource, m: EntityManager | undefined, q: FactsQuery): Promise<BookingFacts> {
  const [row] = await preparedQuery<BookingFacts>(db, m, 'booking_facts', FACTS_SQL, [
    q.serviceCode,
    q.facilityId,
    q.start,
    q.residentId,
    q.userId,
    q.month,
  ]);
  return row!;
}

export interface AllowanceClaim {
  source: string;
  limit: number;
  /** Minutes used when the facts were read: the write checks they still are. */
  used: number;
  take: number;
}

/**
 * The columns are named, not *: a prepared statement whose result type changes fails on every
 * connection that prepared it, and book_order returns the orders row type, which a later
 * migration may widen.
 */
const ORDER_COLUMNS = `id, resident_id, facility_id, service_code, slot_id, slot_start, slot_end, status, holds_capacity, channel, created_by,
       notes, address, lat, lng, dietary_needs, base_fen, subsidy_fen, copay_fen, funding, allowance, allowance_month, series_id, created_at`;
const WRITE_SQL = `SELECT ${ORDER_COLUMNS} FROM book_order($1, $2, $3, $4, $5, $6, $7)`;
const WRITE_AT_SQL = `SELECT outcome, detail, ${ORDER_COLUMNS.split(',')
  .map((c) => `(r.o).${c.trim()}`)
  .join(', ')} FROM book_order_at($1, $2, $3, $4, $5, $6, $7) r`;

/** The booking's one write (see the book_order migration); no row: the slot is full. */
export async function writeBooking<T>(
  db: DataSource,
  m: EntityManager | undefined,
  w: { slotId: string; expectFree: boolean; waitlist: boolean; order: Record<string, unknown>; claims: AllowanceClaim[]; by: string; reason: string | null },
): Promise<T | undefined> {
  const rows = await preparedQuery<T>(db, m, 'booking_write', WRITE_SQL, [
    w.slotId,
    w.expectFree,
    w.waitlist,
    JSON.stringify(w.order),
    JSON.stringify(w.claims),
    w.by,
    w.reason,
  ]);
  return rows[0];
}

/** What book_order_at answers: the order, or why there is none ('overlap' detail: the other order's service). */
export type WriteAtOutcome<T> = { outcome: 'booked'; order: T } | { outcome: 'no_slot' | 'full'; order?: undefined } | { outcome: 'overlap'; detail: string; order?: undefined };

/**
 * A booking in one round trip, for facts already known (see the book_order_at migration): the
 * write finds the slot itself and says so where a facts read would have refused.
 */
export async function writeBookingAt<T>(
  db: DataSource,
  m: EntityManager | undefined,
  w: { facilityId: string; serviceCode: string; start: Date; minutes: number; waitlist: boolean; order: Record<string, unknown>; by: string },
): Promise<WriteAtOutcome<T>> {
  const rows = await preparedQuery<T & { outcome: string; detail: string | null }>(db, m, 'booking_write_at', WRITE_AT_SQL, [
    w.facilityId,
    w.serviceCode,
    w.start,
    w.minutes,
    w.waitlist,
    JSON.stringify(w.order),
    w.by,
  ]);
  const { outcome, detail, ...order } = rows[0]!;
  if (outcome === 'booked') return { outcome, order: order as unknown as T };
  if (outcome === 'overlap') return { outcome, detail: detail ?? 'another order' };
  return { outcome: outcome as 'no_slot' | 'full' };
}

/** SQLSTATE the booking write raises when the slot or an allowance changed since the facts were read. */
export const BOOKING_CHANGED = 'CB001';
