import type { EntityManager } from 'typeorm';
import type { CaregiverRow, KeptVisitRow, OrderRowForPlan, ShiftRow } from './scheduling-inputs.js';

/** The statuses whose visits the engine plans: booked and not yet under way. */
export const PLANNABLE = ['confirmed', 'assigned'];

export interface DayWindow {
  facilityId: string;
  dayStart: Date;
  dayEnd: Date;
  /** Visits starting before this stay where they are (the freeze window). */
  frozenUntil: Date;
}

/** The SQL that gathers one facility's day for the engine; every call takes the run's transaction. */
export const schedulingRepository = {
  /** Whether the facility's routes must end back at base inside each shift (default: street centres). */
  async returnToBase(m: EntityManager, facilityId: string): Promise<boolean> {
    const rows = (await m.query(`SELECT COALESCE(return_to_base, type = 'street_centre') AS on FROM facilities WHERE id = $1`, [facilityId])) as { on: boolean }[];
    return rows[0]?.on ?? false;
  },

  async caregivers(m: EntityManager, w: DayWindow, replanned: string[]): Promise<CaregiverRow[]> {
    return (await m.query(
      `SELECT c.id, c.skills, c.level, c.home_lat, c.home_lng, c.max_weekly_minutes,
              COALESCE((SELECT sum(extract(epoch FROM a.planned_end - a.planned_start) / 60)::int FROM assignments a
                         WHERE a.caregiver_id = c.id AND NOT (a.order_id = ANY($4::uuid[]))
                           AND a.planned_start >= date_trunc('week', $2::timestamptz AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'
                           AND a.planned_start < (date_trunc('week', $2::timestamptz AT TIME ZONE 'Asia/Shanghai') + interval '7 days') AT TIME ZONE 'Asia/Shanghai'), 0)
                AS week_minutes_kept
         FROM caregivers c
        WHERE c.facility_id = $1 AND c.active
          AND EXISTS (SELECT 1 FROM shifts s WHERE s.caregiver_id = c.id AND s.during && tstzrange($2, $3))
        ORDER BY c.id`,
      [w.facilityId, w.dayStart, w.dayEnd, replanned],
    )) as CaregiverRow[];
  },

  async shifts(m: EntityManager, w: DayWindow): Promise<ShiftRow[]> {
    return (await m.query(
      `SELECT s.caregiver_id, greatest(lower(s.during), $4::timestamptz) AS start, upper(s.during) AS "end"
         FROM shifts s JOIN caregivers c ON c.id = s.caregiver_id
        WHERE c.facility_id = $1 AND s.during && tstzrange($2, $3) AND upper(s.during) > $4
        ORDER BY s.caregiver_id, lower(s.during)`,
      [w.facilityId, w.dayStart, w.dayEnd, w.frozenUntil],
    )) as ShiftRow[];
  },

  /**
   * Visits that stay: under way, starting inside the freeze window, or set by staff (an override
   * is kept while its caregiver is still on shift), or every current one when only new orders
   * are to be placed.
   */
  async keptVisits(m: EntityManager, w: DayWindow, keepAll: boolean): Promise<(KeptVisitRow & { order_id: string })[]> {
    return (await m.query(
      `SELECT a.order_id, a.caregiver_id, a.planned_start, a.planned_end
         FROM assignments a JOIN orders o ON o.id = a.order_id
        WHERE a.facility_id = $1 AND a.planned_start < $3 AND a.planned_end > $2
          AND ($5 OR o.status = 'in_progress' OR a.planned_start < $4
               OR (a.source = 'override' AND EXISTS (SELECT 1 FROM shifts s WHERE s.caregiver_id = a.caregiver_id
                     AND s.during @> tstzrange(a.planned_start, a.planned_end))))`,
      [w.facilityId, w.dayStart, w.dayEnd, w.frozenUntil, keepAll],
    )) as (KeptVisitRow & { order_id: string })[];
  },

  /** Home-visit orders of the day still open to planning, locked against concurrent changes. */
  async orders(m: EntityManager, w: DayWindow, kept: string[]): Promise<OrderRowForPlan[]> {
    return (await m.query(
      `SELECT o.id, o.resident_id, s.required_skill, s.min_caregiver_level, o.lat, o.lng, o.slot_start, o.slot_end,
              s.duration_minutes, r.care_level, r.subsidy_category,
              (SELECT a2.caregiver_id FROM orders o2 JOIN assignments a2 ON a2.order_id = o2.id
                WHERE o2.resident_id = o.resident_id AND o2.id <> o.id AND o2.slot_start > $2::timestamptz - interval '60 days'
                GROUP BY a2.caregiver_id ORDER BY count(*) DESC, max(o2.slot_start) DESC LIMIT 1) AS usual_caregiver_id
         FROM orders o JOIN services s ON s.code = o.service_code JOIN residents r ON r.id = o.resident_id
        WHERE o.facility_id = $1 AND s.place = 'home' AND o.status = ANY($5::text[])
          AND o.slot_start >= greatest($2, $4) AND o.slot_start < $3 AND o.lat IS NOT NULL
          AND NOT (o.id = ANY($6::uuid[]))
        ORDER BY o.slot_start, o.id
        FOR UPDATE OF o`,
      [w.facilityId, w.dayStart, w.dayEnd, w.frozenUntil, PLANNABLE, kept],
    )) as OrderRowForPlan[];
  },

  async facilitiesWithOpenOrders(m: EntityManager, from: Date, to: Date): Promise<string[]> {
    const rows = (await m.query(
      `SELECT DISTINCT o.facility_id FROM orders o JOIN services s ON s.code = o.service_code
        WHERE s.place = 'home' AND o.status = ANY($3::text[]) AND o.slot_start >= $1 AND o.slot_start < $2
        ORDER BY o.facility_id`,
      [from, to, PLANNABLE],
    )) as { facility_id: string }[];
    return rows.map((r) => r.facility_id);
  },
};
