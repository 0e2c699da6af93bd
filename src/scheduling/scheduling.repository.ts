import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrderStatus } from '../orders/order-status.js';
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

export interface KeptVisitOfOrder extends KeptVisitRow {
  order_id: string;
}

export interface OrderStatusRow {
  id: string;
  status: OrderStatus;
}

/** One scheduling run as GET /scheduling/runs lists it. */
export interface RunRow {
  id: string;
  facility_id: string | null;
  date: string;
  trigger: string;
  requested_by: string | null;
  requested_by_name: string | null;
  started_at: Date;
  status: string;
  orders_considered: number;
  caregivers_considered: number;
  assigned: number;
  unassigned: number;
  travel_minutes: number;
  continuity_rate: number | null;
  duration_ms: number | null;
  error: string | null;
}

/** What a finished run records about itself. */
export interface RunOutcome {
  status: 'ok' | 'failed';
  ordersConsidered: number;
  caregiversConsidered: number;
  assigned: number;
  /** The unassigned orders with their reasons, stored as JSON. */
  unassigned: unknown[];
  travelMinutes: number;
  continuityRate: number | null;
  durationMs: number;
  error: string | null;
}

/**
 * Scheduling runs: the SQL that gathers one facility's day for the engine (every call takes the
 * run's transaction) and the record each run leaves in scheduling_runs.
 */
@Injectable()
export class SchedulingRepository {
  constructor(private readonly db: DataSource) {}

  /** Whether the facility's routes must end back at base inside each shift (default: street centres). */
  async returnToBase(m: EntityManager, facilityId: string): Promise<boolean> {
    const rows = await m.query<{ on: boolean }[]>(
      `SELECT COALESCE(return_to_base, type = 'street_centre') AS on FROM facilities WHERE id = $1`,
      [facilityId],
    );
    return rows[0]?.on ?? false;
  }

  async caregivers(m: EntityManager, w: DayWindow, replanned: string[]): Promise<CaregiverRow[]> {
    return m.query<CaregiverRow[]>(
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
    );
  }

  async shifts(m: EntityManager, w: DayWindow): Promise<ShiftRow[]> {
    return m.query<ShiftRow[]>(
      `SELECT s.caregiver_id, greatest(lower(s.during), $4::timestamptz) AS start, upper(s.during) AS "end"
         FROM shifts s JOIN caregivers c ON c.id = s.caregiver_id
        WHERE c.facility_id = $1 AND s.during && tstzrange($2, $3) AND upper(s.during) > $4
        ORDER BY s.caregiver_id, lower(s.during)`,
      [w.facilityId, w.dayStart, w.dayEnd, w.frozenUntil],
    );
  }

  /**
   * Visits that stay: under way, starting inside the freeze window, or set by staff (an override
   * is kept while its caregiver is still on shift), or every current one when only new orders
   * are to be placed.
   */
  async keptVisits(m: EntityManager, w: DayWindow, keepAll: boolean): Promise<KeptVisitOfOrder[]> {
    return m.query<KeptVisitOfOrder[]>(
      `SELECT a.order_id, a.caregiver_id, a.planned_start, a.planned_end
         FROM assignments a JOIN orders o ON o.id = a.order_id
        WHERE a.facility_id = $1 AND a.planned_start < $3 AND a.planned_end > $2
          AND ($5 OR o.status = 'in_progress' OR a.planned_start < $4
               OR (a.source = 'override' AND EXISTS (SELECT 1 FROM shifts s WHERE s.caregiver_id = a.caregiver_id
                     AND s.during @> tstzrange(a.planned_start, a.planned_end))))`,
      [w.facilityId, w.dayStart, w.dayEnd, w.frozenUntil, keepAll],
    );
  }

  /** Home-visit orders of the day still open to planning, locked against concurrent changes. */
  async orders(m: EntityManager, w: DayWindow, kept: string[]): Promise<OrderRowForPlan[]> {
    return m.query<OrderRowForPlan[]>(
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
    );
  }

  /** The current statuses of orders the run has locked (by `orders`). */
  async statusesOf(m: EntityManager, orderIds: string[]): Promise<OrderStatusRow[]> {
    return m.query<OrderStatusRow[]>(`SELECT id, status FROM orders WHERE id = ANY($1::uuid[])`, [orderIds]);
  }

  async facilitiesWithOpenOrders(from: Date, to: Date): Promise<string[]> {
    const rows = await this.db.query<{ facility_id: string }[]>(
      `SELECT DISTINCT o.facility_id FROM orders o JOIN services s ON s.code = o.service_code
        WHERE s.place = 'home' AND o.status = ANY($3::text[]) AND o.slot_start >= $1 AND o.slot_start < $2
        ORDER BY o.facility_id`,
      [from, to, PLANNABLE],
    );
    return rows.map((r) => r.facility_id);
  }

  /** Opens a run's record (status running); returns its id. */
  async startRun(r: { facilityId: string | null; date: string; trigger: string; requestedBy: string | null }): Promise<string> {
    const [{ id }] = await this.db.query<{ id: string }[]>(
      `INSERT INTO scheduling_runs (facility_id, service_date, trigger, requested_by) VALUES ($1, $2, $3, $4) RETURNING id::text`,
      [r.facilityId, r.date, r.trigger, r.requestedBy],
    );
    return id;
  }

  async finishRun(id: string, o: RunOutcome): Promise<void> {
    await this.db.query(
      `UPDATE scheduling_runs SET finished_at = clock_timestamp(), status = $2, orders_considered = $3, caregivers_considered = $4,
              assigned = $5, unassigned = $6, travel_minutes = $7, continuity_rate = $8, duration_ms = $9, error = $10 WHERE id = $1`,
      [
        id,
        o.status,
        o.ordersConsidered,
        o.caregiversConsidered,
        o.assigned,
        JSON.stringify(o.unassigned),
        o.travelMinutes,
        o.continuityRate,
        o.durationMs,
        o.error,
      ],
    );
  }

  /**
   * The last 50 runs of one facility (`facilityId`), or of all when it is null; runs over all
   * facilities are listed only when `withNetworkRuns`.
   */
  async recentRuns(facilityId: string | null, withNetworkRuns: boolean): Promise<RunRow[]> {
    return this.db.query<RunRow[]>(
      `SELECT r.id::text, r.facility_id, r.service_date::text AS date, r.trigger, r.requested_by, u.display_name AS requested_by_name,
              r.started_at, r.status, r.orders_considered, r.caregivers_considered, r.assigned, jsonb_array_length(r.unassigned) AS unassigned,
              r.travel_minutes, r.continuity_rate, r.duration_ms, r.error
         FROM scheduling_runs r LEFT JOIN users u ON u.id = r.requested_by
        WHERE $1::uuid IS NULL OR r.facility_id = $1 OR (r.facility_id IS NULL AND $2)
        ORDER BY r.id DESC LIMIT 50`,
      [facilityId, withNetworkRuns],
    );
  }
}
