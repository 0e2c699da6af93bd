import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { returned } from '../database/returned.js';
import type { OpeningHours, PlannedSlot, Sitting } from './capacity-rule.js';
import { LOCK_CAPACITY_FACILITY } from './horizon.js';

export interface CapacitySlotRow {
  id: string;
  service_code: string;
  sitting: Sitting | null;
  capacity: number;
  booked: number;
  start_ms: string;
  end_ms: string;
}

export interface CapacityFacilityRow {
  id: string;
  active: boolean;
  opening_hours: OpeningHours;
}

export interface OfferedServiceRow {
  code: string;
  category: string;
  place: 'home' | 'facility';
  duration_minutes: number;
  required_skill: string;
  min_caregiver_level: number;
}

export interface SeatRow {
  service_code: string;
  sitting: Sitting | null;
  seats: number;
}

const SLOT_COLUMNS = `id, service_code, sitting, capacity, booked,
  (extract(epoch FROM starts_at) * 1000)::bigint AS start_ms, (extract(epoch FROM ends_at) * 1000)::bigint AS end_ms`;

/** A future slot of the facility that the plan (codes and starts, side by side) no longer holds. */
const STALE = `c.facility_id = $1 AND c.starts_at >= $2
    AND NOT EXISTS (SELECT 1 FROM unnest($3::text[], $4::timestamptz[]) AS p(code, st) WHERE p.code = c.service_code AND p.st = c.starts_at)`;
/** A slot an order points at (waitlisted or cancelled ones included). */
const REFERENCED = 'EXISTS (SELECT 1 FROM orders o WHERE o.slot_id = c.id)';

/**
 * Bookable capacity slots and the seats staff set for facility-based services, with what a
 * capacity run reads of the facility (hours, services) and the lock that serialises its runs.
 */
@Injectable()
export class SlotsRepository {
  constructor(private readonly db: DataSource) {}

  /** Serialises capacity runs and template changes of one facility, until the transaction ends. */
  async lockFacility(m: EntityManager, facilityId: string): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CAPACITY_FACILITY, facilityId]);
  }

  /** Every facility, by id: what a city-wide run goes through. */
  async facilityIds(): Promise<{ id: string }[]> {
    return this.db.query<{ id: string }[]>('SELECT id FROM facilities ORDER BY id');
  }

  async facility(m: EntityManager, facilityId: string): Promise<CapacityFacilityRow | undefined> {
    const rows = await m.query<CapacityFacilityRow[]>('SELECT id, active, opening_hours FROM facilities WHERE id = $1', [facilityId]);
    return rows[0];
  }

  /** `facility` outside a transaction. */
  async findFacility(facilityId: string): Promise<CapacityFacilityRow | undefined> {
    return this.facility(this.db.manager, facilityId);
  }

  /** The services the facility offers, by code. */
  async offeredServices(m: EntityManager, facilityId: string): Promise<OfferedServiceRow[]> {
    return m.query<OfferedServiceRow[]>(
      `SELECT s.code, s.category, s.place, s.duration_minutes, s.required_skill, s.min_caregiver_level
         FROM facility_services fs JOIN services s ON s.code = fs.service_code WHERE fs.facility_id = $1 ORDER BY s.code`,
      [facilityId],
    );
  }

  async offeredService(facilityId: string, code: string): Promise<Pick<OfferedServiceRow, 'place' | 'category'> | undefined> {
    const rows = await this.db.query<Pick<OfferedServiceRow, 'place' | 'category'>[]>(
      `SELECT s.place, s.category FROM facility_services fs JOIN services s ON s.code = fs.service_code
        WHERE fs.facility_id = $1 AND fs.service_code = $2`,
      [facilityId, code],
    );
    return rows[0];
  }

  // --- seats

  async seats(m: EntityManager, facilityId: string): Promise<SeatRow[]> {
    return m.query<SeatRow[]>('SELECT service_code, sitting, seats FROM facility_seats WHERE facility_id = $1', [facilityId]);
  }

  async seatsFor(m: EntityManager, facilityId: string, serviceCode: string, sitting: Sitting | null): Promise<number | undefined> {
    const rows = await m.query<{ seats: number }[]>(
      'SELECT seats FROM facility_seats WHERE facility_id = $1 AND service_code = $2 AND sitting IS NOT DISTINCT FROM $3',
      [facilityId, serviceCode, sitting],
    );
    return rows[0]?.seats;
  }

  async setSeats(
    m: EntityManager,
    facilityId: string,
    serviceCode: string,
    sitting: Sitting | null,
    seats: number,
    by: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO facility_seats (facility_id, service_code, sitting, seats, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT facility_seats_unique DO UPDATE SET seats = EXCLUDED.seats, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [facilityId, serviceCode, sitting, seats, by],
    );
  }

  /** Sets seats unless some are set already; whether it wrote them. */
  async setSeatsIfUnset(facilityId: string, serviceCode: string, sitting: string | null, seats: number): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `INSERT INTO facility_seats (facility_id, service_code, sitting, seats) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT facility_seats_unique DO NOTHING RETURNING seats`,
      [facilityId, serviceCode, sitting, seats],
    );
    return rows.length > 0;
  }

  // --- slots, as bookers and staff read them

  /** The service's slots starting in [from, to), and not before now. */
  async startingBetween(facilityId: string, serviceCode: string, from: Date, to: Date): Promise<CapacitySlotRow[]> {
    return this.db.query<CapacitySlotRow[]>(
      `SELECT ${SLOT_COLUMNS} FROM capacity_slots
        WHERE facility_id = $1 AND service_code = $2 AND starts_at >= greatest($3, now()) AND starts_at < $4
        ORDER BY starts_at`,
      [facilityId, serviceCode, from, to],
    );
  }

  /** Slots not yet over that hold more bookings than the roster now gives. */
  async overCommitted(facilityId: string): Promise<CapacitySlotRow[]> {
    return this.db.query<CapacitySlotRow[]>(
      `SELECT ${SLOT_COLUMNS} FROM capacity_slots
        WHERE facility_id = $1 AND over_committed AND booked > capacity AND ends_at > now() ORDER BY starts_at, service_code`,
      [facilityId],
    );
  }

  // --- slots, as a capacity run writes them

  /**
   * Inserts the planned slots, or updates those that changed; a slot whose new capacity is below
   * what is booked is flagged over-committed. One row per slot written: whether it was new.
   */
  async upsertPlanned(m: EntityManager, facilityId: string, planned: PlannedSlot[]): Promise<{ inserted: boolean }[]> {
    return m.query<{ inserted: boolean }[]>(
      `INSERT INTO capacity_slots AS c (facility_id, service_code, starts_at, ends_at, sitting, capacity, over_committed)
       SELECT $1, code, st, en, sit, cap, false
         FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::int[]) AS p(code, st, en, sit, cap)
       ON CONFLICT (facility_id, service_code, starts_at) DO UPDATE
          SET capacity = EXCLUDED.capacity, ends_at = EXCLUDED.ends_at, sitting = EXCLUDED.sitting,
              over_committed = c.booked > EXCLUDED.capacity, updated_at = now()
        WHERE (c.capacity, c.ends_at, c.sitting, c.over_committed)
              IS DISTINCT FROM (EXCLUDED.capacity, EXCLUDED.ends_at, EXCLUDED.sitting, c.booked > EXCLUDED.capacity)
       RETURNING (xmax = 0) AS inserted`,
      [
        facilityId,
        planned.map((s) => s.serviceCode),
        planned.map((s) => new Date(s.start)),
        planned.map((s) => new Date(s.end)),
        planned.map((s) => s.sitting),
        planned.map((s) => s.capacity),
      ],
    );
  }

  /**
   * Future slots from `now` that the plan no longer holds: booked ones are closed and flagged
   * over-committed, those an order points at are closed, the rest are deleted. How many were
   * flagged and how many deleted.
   */
  async retireUnplanned(
    m: EntityManager,
    facilityId: string,
    planned: PlannedSlot[],
    now: Date,
  ): Promise<{ flagged: number; removed: number }> {
    const params = [facilityId, now, planned.map((s) => s.serviceCode), planned.map((s) => new Date(s.start))];
    const flagged = await m.query<unknown>(
      `UPDATE capacity_slots c SET capacity = 0, over_committed = true, updated_at = now()
        WHERE ${STALE} AND c.booked > 0 AND (c.capacity <> 0 OR NOT c.over_committed) RETURNING c.id`,
      params,
    );
    await m.query(
      `UPDATE capacity_slots c SET capacity = 0, updated_at = now() WHERE ${STALE} AND c.booked = 0 AND c.capacity <> 0 AND ${REFERENCED}`,
      params,
    );
    const removed = await m.query<unknown>(
      `DELETE FROM capacity_slots c WHERE ${STALE} AND c.booked = 0 AND NOT ${REFERENCED} RETURNING c.id`,
      params,
    );
    return { flagged: returned(flagged).length, removed: returned(removed).length };
  }

  async countOverCommitted(m: EntityManager, facilityId: string, from: Date): Promise<number> {
    const [{ count }] = await m.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM capacity_slots WHERE facility_id = $1 AND over_committed AND starts_at >= $2',
      [facilityId, from],
    );
    return count;
  }
}
