import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { returned } from '../database/returned.js';
import type { OrderStatus } from '../orders/order-status.js';

/** An order a staff member assigns by hand, with what its service asks of the caregiver. */
export interface OverrideOrderRow {
  id: string;
  status: OrderStatus;
  facility_id: string;
  resident_id: string;
  slot_start: Date;
  slot_end: Date;
  lat: number | null;
  lng: number | null;
  required_skill: string;
  min_caregiver_level: number;
  duration_minutes: number;
  place: string;
}

export interface OverrideCaregiverRow {
  id: string;
  name: string;
  facility_id: string;
  skills: string[];
  level: number;
  home_lat: number;
  home_lng: number;
  active: boolean;
}

export interface CaregiverShiftRow {
  start: Date;
  end: Date;
}

/** Another visit a caregiver has in a period, with where it happens. */
export interface CaregiverVisitRow {
  order_id: string;
  planned_start: Date;
  planned_end: Date;
  lat: number;
  lng: number;
}

export interface NewAssignment {
  orderId: string;
  caregiverId: string;
  facilityId: string;
  start: Date | string;
  end: Date | string;
  explanation: string;
  explanationZh: string | null;
  /** The account that made it: staff for an override, the requester (or null) for a run. */
  by: string | null;
}

export interface UnassignedOrderRow {
  orderId: string;
  reason: string;
  reasonZh: string;
  serviceCode: string;
  slot_start: Date;
  residentName: string;
}

/**
 * Assignments (which caregiver visits an order, when) and the orders a run left unassigned, with
 * the reads a staff override needs. Every write takes the caller's transaction, which holds the
 * facility day's lock (`lockFacilityDay`).
 */
@Injectable()
export class AssignmentsRepository {
  constructor(private readonly db: DataSource) {}

  /** The lock every writer of one facility's assignments takes: runs and staff overrides. */
  async lockFacilityDay(m: EntityManager, facilityId: string, date: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('scheduling'), hashtext($1))`, [`${facilityId}:${date}`]);
  }

  /** Drops the orders' assignments and unassigned records, before they are planned again. */
  async clearPlanOf(m: EntityManager, orderIds: string[]): Promise<void> {
    await m.query(`DELETE FROM assignments WHERE order_id = ANY($1::uuid[])`, [orderIds]);
    await m.query(`DELETE FROM unassigned_orders WHERE order_id = ANY($1::uuid[])`, [orderIds]);
  }

  async insertFromRun(m: EntityManager, runId: string, a: NewAssignment): Promise<void> {
    await m.query(
      `INSERT INTO assignments (order_id, caregiver_id, facility_id, planned_start, planned_end, explanation, explanation_zh, source, run_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'engine', $8, $9)`,
      [a.orderId, a.caregiverId, a.facilityId, a.start, a.end, a.explanation, a.explanationZh, runId, a.by],
    );
  }

  /** A staff member's choice: later runs keep it while its caregiver is on shift. */
  async insertOverride(m: EntityManager, a: NewAssignment): Promise<void> {
    await m.query(
      `INSERT INTO assignments (order_id, caregiver_id, facility_id, planned_start, planned_end, explanation, explanation_zh, source, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'override', $8)`,
      [a.orderId, a.caregiverId, a.facilityId, a.start, a.end, a.explanation, a.explanationZh, a.by],
    );
  }

  async insertUnassigned(
    m: EntityManager,
    runId: string,
    facilityId: string,
    u: { orderId: string; reason: string; reasonZh: string | null },
  ): Promise<void> {
    await m.query(`INSERT INTO unassigned_orders (order_id, facility_id, reason, reason_zh, run_id) VALUES ($1, $2, $3, $4, $5)`, [
      u.orderId,
      facilityId,
      u.reason,
      u.reasonZh,
      runId,
    ]);
  }

  /**
   * A caregiver's leave: drops their assignments of assigned orders in the period and returns
   * those orders' ids (the caller moves them back to confirmed).
   */
  async releaseForLeave(m: EntityManager, caregiverId: string, start: Date, end: Date): Promise<string[]> {
    const released = returned<{ id: string }>(
      await m.query<unknown>(
        `DELETE FROM assignments a USING orders o WHERE a.order_id = o.id AND a.caregiver_id = $1
           AND a.planned_start < $3 AND a.planned_end > $2 AND o.status = 'assigned' RETURNING o.id`,
        [caregiverId, start, end],
      ),
    );
    return released.map((r) => r.id);
  }

  /** The order to assign by hand, locked, with its service's needs. */
  async lockOrderToAssign(m: EntityManager, orderId: string): Promise<OverrideOrderRow | undefined> {
    const rows = await m.query<OverrideOrderRow[]>(
      `SELECT o.id, o.status, o.facility_id, o.resident_id, o.slot_start, o.slot_end, o.lat, o.lng,
              s.required_skill, s.min_caregiver_level, s.duration_minutes, s.place
         FROM orders o JOIN services s ON s.code = o.service_code WHERE o.id = $1 FOR UPDATE OF o`,
      [orderId],
    );
    return rows[0];
  }

  async caregiverToAssign(m: EntityManager, caregiverId: string): Promise<OverrideCaregiverRow | undefined> {
    const rows = await m.query<OverrideCaregiverRow[]>(
      'SELECT id, name, facility_id, skills, level, home_lat, home_lng, active FROM caregivers WHERE id = $1',
      [caregiverId],
    );
    return rows[0];
  }

  async shiftsOf(m: EntityManager, caregiverId: string, from: Date, to: Date): Promise<CaregiverShiftRow[]> {
    return m.query<CaregiverShiftRow[]>(
      `SELECT lower(during) AS start, upper(during) AS "end" FROM shifts WHERE caregiver_id = $1 AND during && tstzrange($2, $3) ORDER BY lower(during)`,
      [caregiverId, from, to],
    );
  }

  /** The caregiver's visits overlapping the period, other than `exceptOrderId`. */
  async otherVisitsOf(m: EntityManager, caregiverId: string, exceptOrderId: string, from: Date, to: Date): Promise<CaregiverVisitRow[]> {
    return m.query<CaregiverVisitRow[]>(
      `SELECT a.order_id, a.planned_start, a.planned_end, o.lat, o.lng FROM assignments a JOIN orders o ON o.id = a.order_id
        WHERE a.caregiver_id = $1 AND a.order_id <> $2 AND a.planned_start < $4 AND a.planned_end > $3`,
      [caregiverId, exceptOrderId, from, to],
    );
  }

  /** The facility's confirmed future orders the last run could not place, soonest first. */
  async unassignedOf(facilityId: string): Promise<UnassignedOrderRow[]> {
    return this.db.query<UnassignedOrderRow[]>(
      `SELECT u.order_id AS "orderId", u.reason, COALESCE(u.reason_zh, u.reason) AS "reasonZh", o.service_code AS "serviceCode", o.slot_start, r.name AS "residentName"
         FROM unassigned_orders u JOIN orders o ON o.id = u.order_id JOIN residents r ON r.id = o.resident_id
        WHERE u.facility_id::text = $1 AND o.status = 'confirmed' AND o.slot_start > now()
        ORDER BY o.slot_start`,
      [facilityId],
    );
  }
}
