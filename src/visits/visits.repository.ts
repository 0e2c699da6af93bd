import type { EntityManager } from 'typeorm';
import { isUuid } from '../common/auth/access.service.js';
import { returned } from '../database/returned.js';
import type { OrderRow } from '../orders/order-row.js';
import { toShanghaiIso } from '../common/shanghai-time.js';
import type { VisitDto, VisitStepDto } from './dto/visit.dto.js';
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

const iso = (d: Date | null) => (d ? toShanghaiIso(d.getTime()) : null);

function step(at: Date | null, lat: number | null, lng: number | null, distanceM: number | null, verifiedBy: string | null, flaggedFar: boolean): VisitStepDto | null {
  if (!at) return null;
  return { at: toShanghaiIso(at.getTime()), location: lat === null || lng === null ? null : { lat, lng }, distanceM, verifiedBy, flaggedFar };
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
    staffConfirmation: v.staff_reason && v.staff_by && v.staff_at ? { reason: v.staff_reason, by: v.staff_by, at: toShanghaiIso(v.staff_at.getTime()) } : null,
  };
}

/** Where the visit happens: the order's own location, else the resident's home. */
export function visitLocation(o: VisitOrder): Point | null {
  if (o.lat !== null && o.lng !== null) return { lat: o.lat, lng: o.lng };
  if (o.resident_lat !== null && o.resident_lng !== null) return { lat: o.resident_lat, lng: o.resident_lng };
  return null;
}

export const visitsRepository = {
  /** Locks the order row (only it: the assignment and resident are read alongside). */
  async lockOrder(m: EntityManager, orderId: string): Promise<VisitOrder | undefined> {
    if (!isUuid(orderId)) return undefined;
    const rows = (await m.query(
      `SELECT o.*, a.caregiver_id AS assigned_caregiver_id, a.planned_start, a.planned_end,
              r.name AS resident_name, r.lat AS resident_lat, r.lng AS resident_lng
         FROM orders o JOIN residents r ON r.id = o.resident_id LEFT JOIN assignments a ON a.order_id = o.id
        WHERE o.id = $1 FOR UPDATE OF o`,
      [orderId],
    )) as VisitOrder[];
    return rows[0];
  },

  async get(m: EntityManager, orderId: string): Promise<VisitRow | undefined> {
    const rows = (await m.query(`SELECT * FROM visits WHERE order_id = $1`, [orderId])) as VisitRow[];
    return rows[0];
  },

  /**
   * Records a check-in. A row left by a missed earlier assignment of the same order is taken over
   * (its missed_at stays, as a record); a late alert stays only if it was for this planned start.
   */
  async checkIn(m: EntityManager, o: VisitOrder, caregiverId: string, at: Date, fix: Point | null, v: Verification): Promise<VisitRow> {
    const rows = (await m.query(
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
    )) as VisitRow[];
    return rows[0];
  },

  async checkOut(m: EntityManager, orderId: string, at: Date, fix: Point | null, v: Verification, notes: string | null, minutes: number): Promise<VisitRow> {
    const result: unknown = await m.query(
      `UPDATE visits SET check_out_at = $2, check_out_lat = $3, check_out_lng = $4, check_out_distance_m = $5,
              check_out_verified_by = $6, check_out_flagged_far = $7, notes = $8, actual_minutes = $9
        WHERE order_id = $1 RETURNING *`,
      [orderId, at, fix?.lat ?? null, fix?.lng ?? null, v.distanceM, v.verifiedBy, v.flaggedFar, notes, minutes],
    );
    return returned<VisitRow>(result)[0];
  },
};
