import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { returned } from '../database/returned.js';
import type { OrderRow } from '../orders/order-row.js';
import type { OrderStatus } from '../orders/order-status.js';
import { toShanghaiIso } from '../common/shanghai-time.js';
import type { VisitAlertDto, VisitDto, VisitStepDto } from './dto/visit.dto.js';
import type { Point, Verification } from './visit-rules.js';

/** An order locked for a visit step, with its assignment (if any) and where the visit happens. */
export interface VisitOrder extends OrderRow {
  assigned_caregiver_id: string | null;
  planned_start: Date | null;
  planned_end: Date | null;
  resident_name: string;
  resident_lat: number | null;
  resident_lng: number | null;
}

export interface VisitRow {
  order_id: string;
  caregiver_id: string;
  planned_start: Date;
  check_in_at: Date | null;
  check_in_lat: number | null;
  check_in_lng: number | null;
  check_in_distance_m: number | null;
  check_in_verified_by: string | null;
  flagged_far: boolean;
  check_out_at: Date | null;
  check_out_lat: number | null;
  check_out_lng: number | null;
  check_out_distance_m: number | null;
  check_out_verified_by: string | null;
  check_out_flagged_far: boolean;
  notes: string | null;
  actual_minutes: number | null;
  late_alerted_at: Date | null;
  missed_at: Date | null;
  staff_reason: string | null;
  staff_by: string | null;
  staff_at: Date | null;
}

/** A visit that needs the staff's eye (far, unverified, late, missed), as GET …/visit-alerts lists it. */
export interface VisitAlertRow extends VisitRow {
  kind: VisitAlertDto['kind'];
  status: VisitAlertDto['status'];
  resident_id: string;
  resident_name: string;
  caregiver_name: string;
  at: Date;
  distance_m: number | null;
}

/** One stop of a caregiver's day, with what they need at the door. */
export interface WorklistRow {
  order_id: string;
  status: OrderStatus;
  planned_start: Date;
  planned_end: Date;
  travel_minutes: number;
  notes: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  resident_id: string;
  resident_name: string;
  resident_phone: string | null;
  resident_address: string;
  resident_lat: number | null;
  resident_lng: number | null;
  care_level: number;
  family: { name: string; relationship: string; phone: string } | null;
  dietary_needs: string[];
  service_code: string;
  name_zh: string;
  name_en: string;
  place: string;
  duration_minutes: number;
  /** The visits row as JSON (its timestamps are strings), or null before check-in. */
  visit: VisitRow | null;
}

/** A home visit of tomorrow, to remind the senior and their family of. */
export interface ReminderRow {
  id: string;
  resident_id: string;
  slot_start: Date;
  service_code: string;
  name_zh: string;
  resident_name: string;
}

export interface FeedbackOrderRow {
  id: string;
  resident_id: string;
  status: string;
}

export interface FeedbackRow {
  order_id: string;
  rating: number;
  comment: string | null;
  by_user: string;
  at: Date;
}

const iso = (d: Date | null) => (d ? toShanghaiIso(d.getTime()) : null);

function step(
  at: Date | null,
  lat: number | null,
  lng: number | null,
  distanceM: number | null,
  verifiedBy: string | null,
  flaggedFar: boolean,
): VisitStepDto | null {
  if (!at) return null;
  return {
    at: toShanghaiIso(at.getTime()),
    location: lat === null || lng === null ? null : { lat, lng },
    distanceM,
    verifiedBy,
    flaggedFar,
  };
}

export function checkInOf(v: VisitRow): VisitStepDto | null {
  return step(v.check_in_at, v.check_in_lat, v.check_in_lng, v.check_in_distance_m, v.check_in_verified_by, v.flagged_far);
}

export function checkOutOf(v: VisitRow): VisitStepDto | null {
  return step(v.check_out_at, v.check_out_lat, v.check_out_lng, v.check_out_distance_m, v.check_out_verified_by, v.check_out_flagged_far);
}

export function toVisitDto(status: VisitDto['status'], v: VisitRow): VisitDto {
  return {
    orderId: v.order_id,
    status,
    caregiverId: v.caregiver_id,
    plannedStart: toShanghaiIso(v.planned_start.getTime()),
    checkIn: checkInOf(v),
    checkOut: checkOutOf(v),
    notes: v.notes,
    actualStart: iso(v.check_in_at),
    actualEnd: iso(v.check_out_at),
    actualMinutes: v.actual_minutes,
    staffConfirmation:
      v.staff_reason && v.staff_by && v.staff_at
        ? { reason: v.staff_reason, by: v.staff_by, at: toShanghaiIso(v.staff_at.getTime()) }
        : null,
  };
}

/** Where the visit happens: the order's own location, else the resident's home. */
export function visitLocation(o: VisitOrder): Point | null {
  if (o.lat !== null && o.lng !== null) return { lat: o.lat, lng: o.lng };
  if (o.resident_lat !== null && o.resident_lng !== null) return { lat: o.resident_lat, lng: o.resident_lng };
  return null;
}

/**
 * Visits: the order a visit step locks, the visits row (check-in, check-out, staff confirmation,
 * the watch's late and missed marks), what caregivers and staff read about visits, and the
 * rating a completed visit gets.
 */
@Injectable()
export class VisitsRepository {
  constructor(private readonly db: DataSource) {}

  /** Locks the order row (only it: the assignment and resident are read alongside). */
  async lockOrder(m: EntityManager, orderId: string): Promise<VisitOrder | undefined> {
    const rows = await m.query<VisitOrder[]>(
      `SELECT o.*, a.caregiver_id AS assigned_caregiver_id, a.planned_start, a.planned_end,
              r.name AS resident_name, r.lat AS resident_lat, r.lng AS resident_lng
         FROM orders o JOIN residents r ON r.id = o.resident_id LEFT JOIN assignments a ON a.order_id = o.id
        WHERE o.id = $1 FOR UPDATE OF o`,
      [orderId],
    );
    return rows[0];
  }

  async get(m: EntityManager, orderId: string): Promise<VisitRow | undefined> {
    const rows = await m.query<VisitRow[]>(`SELECT * FROM visits WHERE order_id = $1`, [orderId]);
    return rows[0];
  }

  /**
   * Records a check-in. A row left by a missed earlier assignment of the same order is taken over
   * (its missed_at stays, as a record); a late alert stays only if it was for this planned start.
   */
  async checkIn(m: EntityManager, o: VisitOrder, caregiverId: string, at: Date, fix: Point | null, v: Verification): Promise<VisitRow> {
    const rows = await m.query<VisitRow[]>(
      `INSERT INTO visits (order_id, caregiver_id, planned_start, check_in_at, check_in_lat, check_in_lng, check_in_distance_m,
                           check_in_verified_by, flagged_far)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (order_id) DO UPDATE SET caregiver_id = EXCLUDED.caregiver_id, planned_start = EXCLUDED.planned_start,
              check_in_at = EXCLUDED.check_in_at, check_in_lat = EXCLUDED.check_in_lat, check_in_lng = EXCLUDED.check_in_lng,
              check_in_distance_m = EXCLUDED.check_in_distance_m, check_in_verified_by = EXCLUDED.check_in_verified_by,
              flagged_far = EXCLUDED.flagged_far,
              late_alerted_at = CASE WHEN visits.planned_start = EXCLUDED.planned_start THEN visits.late_alerted_at END,
              staff_reason = NULL, staff_by = NULL, staff_at = NULL
       RETURNING *`,
      [o.id, caregiverId, o.planned_start, at, fix?.lat ?? null, fix?.lng ?? null, v.distanceM, v.verifiedBy, v.flaggedFar],
    );
    return rows[0];
  }

  async checkOut(
    m: EntityManager,
    orderId: string,
    at: Date,
    fix: Point | null,
    v: Verification,
    notes: string | null,
    minutes: number,
  ): Promise<VisitRow> {
    const result = await m.query<unknown>(
      `UPDATE visits SET check_out_at = $2, check_out_lat = $3, check_out_lng = $4, check_out_distance_m = $5,
              check_out_verified_by = $6, check_out_flagged_far = $7, notes = $8, actual_minutes = $9
        WHERE order_id = $1 RETURNING *`,
      [orderId, at, fix?.lat ?? null, fix?.lng ?? null, v.distanceM, v.verifiedBy, v.flaggedFar, notes, minutes],
    );
    return returned<VisitRow>(result)[0];
  }

  /** Staff vouch for a visit: the steps not verified by location or code count as verified by staff. */
  async confirmByStaff(m: EntityManager, orderId: string, reason: string, by: string): Promise<VisitRow> {
    const result = await m.query<unknown>(
      `UPDATE visits SET check_in_verified_by = COALESCE(check_in_verified_by, 'staff'),
              check_out_verified_by = CASE WHEN check_out_at IS NOT NULL THEN COALESCE(check_out_verified_by, 'staff') END,
              staff_reason = $2, staff_by = $3, staff_at = now()
        WHERE order_id = $1 RETURNING *`,
      [orderId, reason, by],
    );
    return returned<VisitRow>(result)[0];
  }

  /**
   * Marks the visit late, once per planned start and only while nobody has checked in; false
   * when it was already marked (or the caregiver is there).
   */
  async markLate(m: EntityManager, o: { orderId: string; caregiverId: string; plannedStart: Date }, at: Date): Promise<boolean> {
    const marked = returned<{ order_id: string }>(
      await m.query<unknown>(
        `INSERT INTO visits (order_id, caregiver_id, planned_start, late_alerted_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (order_id) DO UPDATE SET caregiver_id = EXCLUDED.caregiver_id, planned_start = EXCLUDED.planned_start,
                late_alerted_at = EXCLUDED.late_alerted_at
          WHERE visits.check_in_at IS NULL AND (visits.late_alerted_at IS NULL OR visits.planned_start <> EXCLUDED.planned_start)
         RETURNING order_id`,
        [o.orderId, o.caregiverId, o.plannedStart, at],
      ),
    );
    return marked.length > 0;
  }

  async markMissed(m: EntityManager, o: { orderId: string; caregiverId: string; plannedStart: Date }, at: Date): Promise<void> {
    await m.query(
      `INSERT INTO visits (order_id, caregiver_id, planned_start, missed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (order_id) DO UPDATE SET caregiver_id = EXCLUDED.caregiver_id, planned_start = EXCLUDED.planned_start, missed_at = EXCLUDED.missed_at`,
      [o.orderId, o.caregiverId, o.plannedStart, at],
    );
  }

  /**
   * Assigned orders whose planned start is at or before `startedBefore`, soonest first; with
   * `notYetLate`, only those not yet marked late for this planned start.
   */
  async watchCandidates(startedBefore: Date, notYetLate: boolean, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ order_id: string }[]>(
      `SELECT a.order_id FROM assignments a JOIN orders o ON o.id = a.order_id
         LEFT JOIN visits v ON v.order_id = a.order_id
        WHERE o.status = 'assigned' AND a.planned_start <= $1
          AND ($2 = false OR v.late_alerted_at IS NULL OR v.planned_start <> a.planned_start)
        ORDER BY a.planned_start LIMIT $3`,
      [startedBefore, notYetLate, limit],
    );
    return rows.map((r) => r.order_id);
  }

  /** Far check-ins, unverified visits, late and missed visits of a facility planned in [from, to). */
  async alertsOf(facilityId: string, from: Date, to: Date): Promise<VisitAlertRow[]> {
    return this.db.query<VisitAlertRow[]>(
      `WITH v AS (
         SELECT v.*, o.status, o.resident_id, r.name AS resident_name, c.name AS caregiver_name
           FROM visits v JOIN orders o ON o.id = v.order_id JOIN residents r ON r.id = o.resident_id JOIN caregivers c ON c.id = v.caregiver_id
          WHERE o.facility_id = $1 AND v.planned_start >= $2 AND v.planned_start < $3)
       SELECT 'far_check_in' AS kind, v.*, v.check_in_at AS at, v.check_in_distance_m AS distance_m FROM v WHERE v.flagged_far
       UNION ALL
       SELECT 'unverified', v.*, v.check_in_at, v.check_in_distance_m FROM v
        WHERE v.check_in_at IS NOT NULL AND (v.check_in_verified_by IS NULL OR (v.check_out_at IS NOT NULL AND v.check_out_verified_by IS NULL))
       UNION ALL
       SELECT 'late', v.*, v.late_alerted_at, NULL FROM v WHERE v.late_alerted_at IS NOT NULL
       UNION ALL
       SELECT 'missed', v.*, v.missed_at, NULL FROM v WHERE v.missed_at IS NOT NULL
       ORDER BY at, kind`,
      [facilityId, from, to],
    );
  }

  /** A caregiver's visits planned in [from, to), not cancelled, in planned order. */
  async worklist(caregiverId: string, from: Date, to: Date): Promise<WorklistRow[]> {
    return this.db.query<WorklistRow[]>(
      `SELECT a.order_id, o.status, a.planned_start, a.planned_end, a.travel_minutes, o.notes, o.address, o.lat, o.lng,
              r.id AS resident_id, r.name AS resident_name, r.phone AS resident_phone, r.address AS resident_address,
              r.lat AS resident_lat, r.lng AS resident_lng, r.care_level, r.dietary_needs,
              s.code AS service_code, s.name_zh, s.name_en, s.place, s.duration_minutes,
              (SELECT to_jsonb(v) FROM visits v WHERE v.order_id = o.id) AS visit,
              (SELECT jsonb_build_object('name', u.display_name, 'relationship', fl.relationship, 'phone', u.phone)
                 FROM family_links fl JOIN users u ON u.id = fl.user_id
                WHERE fl.resident_id = r.id AND u.phone IS NOT NULL AND NOT u.disabled
                ORDER BY fl.created_at, fl.id LIMIT 1) AS family
         FROM assignments a JOIN orders o ON o.id = a.order_id JOIN residents r ON r.id = o.resident_id JOIN services s ON s.code = o.service_code
        WHERE a.caregiver_id = $1 AND a.planned_start >= $2 AND a.planned_start < $3 AND o.status <> 'cancelled'
        ORDER BY a.planned_start, a.order_id`,
      [caregiverId, from, to],
    );
  }

  /** Booked home visits (confirmed or assigned) whose slot starts in [from, to). */
  async homeVisitsBetween(from: Date, to: Date): Promise<ReminderRow[]> {
    return this.db.query<ReminderRow[]>(
      `SELECT o.id, o.resident_id, o.slot_start, o.service_code, s.name_zh, r.name AS resident_name
         FROM orders o JOIN services s ON s.code = o.service_code JOIN residents r ON r.id = o.resident_id
        WHERE s.place = 'home' AND o.status IN ('confirmed', 'assigned') AND o.slot_start >= $1 AND o.slot_start < $2
        ORDER BY o.slot_start`,
      [from, to],
    );
  }

  async orderToRate(m: EntityManager, orderId: string): Promise<FeedbackOrderRow | undefined> {
    const rows = await m.query<FeedbackOrderRow[]>(`SELECT id, resident_id, status FROM orders WHERE id = $1`, [orderId]);
    return rows[0];
  }

  /** Records the visit's rating; undefined when it was already rated (each visit is rated once). */
  async insertFeedback(
    m: EntityManager,
    f: { orderId: string; rating: number; comment: string | null; by: string },
  ): Promise<FeedbackRow | undefined> {
    const rows = await m.query<FeedbackRow[]>(
      `INSERT INTO feedback (order_id, rating, comment, by_user) VALUES ($1, $2, $3, $4)
       ON CONFLICT (order_id) DO NOTHING RETURNING order_id, rating, comment, by_user, at`,
      [f.orderId, f.rating, f.comment, f.by],
    );
    return rows[0];
  }
}
