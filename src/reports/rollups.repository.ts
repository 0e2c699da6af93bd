import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { WAIT_BUCKET_HOURS, histogramOf } from './wait-histogram.js';

/** Any fixed number: refreshes queue on it, so two never recompute the same pairs at once. */
const REFRESH_LOCK = 727_100_007;

export interface PendingRow {
  pending: boolean;
}

export interface DayCountRow {
  days: number;
}

export interface MonthCountRow {
  months: number;
}

export interface MismatchCountRow {
  n: number;
}

/** Orders of a marked pair: the (facility, day) join the index orders (facility_id, slot_start) serves. */
const ORDERS_OF_DAY = `orders o ON o.facility_id = t.facility_id
  AND o.slot_start >= report_day_start(t.day) AND o.slot_start < report_day_start(t.day + 1)`;

/** The summable figures of report_daily, summed (a histogram element by element). */
export const FIGURE_COLUMNS = [
  'capacity',
  'booked',
  'completed',
  'cancelled',
  'no_show',
  'missed',
  'waitlisted',
  'refused',
  'assigned_minutes',
] as const;
export function sumFigures(alias: string): string {
  return [
    ...FIGURE_COLUMNS.map((c) => `sum(${alias}.${c})::int AS ${c}`),
    `ARRAY[${WAIT_BUCKET_HOURS.map((_, i) => `sum(${alias}.wait_hist[${i + 1}])`).join(', ')}]::int[] AS wait_hist`,
  ].join(', ');
}
const FIGURE_LIST = [...FIGURE_COLUMNS, 'wait_hist'].join(', ');

/**
 * The report rollups (report_daily and the tables summed from it, report_resident_month) and the
 * dirty markers that triggers write: all the SQL that marks, takes and recomputes them.
 * Refreshing is one transaction that the caller holds (src/reports/rollup-refresh.ts).
 */
@Injectable()
export class RollupsRepository {
  constructor(private readonly db: DataSource) {}

  /** Whether a write has marked any pair since the last refresh. */
  async hasPending(): Promise<boolean> {
    const [{ pending }] = await this.db.query<PendingRow[]>(
      'SELECT EXISTS (SELECT 1 FROM report_dirty_days) OR EXISTS (SELECT 1 FROM report_dirty_resident_months) AS pending',
    );
    return pending;
  }

  /** Queues behind any other refresh until the transaction ends. */
  async lockRefresh(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [REFRESH_LOCK]);
  }

  /**
   * Takes (deletes) the markers into temporary tables dropped at commit, leaving out pairs whose
   * facility or resident is gone; returns how many (facility, day) and (resident, month) pairs.
   */
  async takeMarkers(m: EntityManager): Promise<{ days: number; months: number }> {
    await m.query(`CREATE TEMP TABLE report_refresh_days (facility_id uuid, day date, PRIMARY KEY (facility_id, day)) ON COMMIT DROP`);
    await m.query(
      `CREATE TEMP TABLE report_refresh_residents (resident_id uuid, month date, PRIMARY KEY (resident_id, month)) ON COMMIT DROP`,
    );
    await m.query(`
      WITH taken AS (DELETE FROM report_dirty_days RETURNING facility_id, day)
      INSERT INTO report_refresh_days SELECT DISTINCT t.facility_id, t.day FROM taken t JOIN facilities f ON f.id = t.facility_id`);
    await m.query(`
      WITH taken AS (DELETE FROM report_dirty_resident_months RETURNING resident_id, month)
      INSERT INTO report_refresh_residents SELECT DISTINCT t.resident_id, t.month FROM taken t JOIN residents r ON r.id = t.resident_id`);
    const [{ days }] = await m.query<DayCountRow[]>('SELECT count(*)::int AS days FROM report_refresh_days');
    const [{ months }] = await m.query<MonthCountRow[]>('SELECT count(*)::int AS months FROM report_refresh_residents');
    return { days, months };
  }

  /** Marks every pair there is: a full rebuild at the next refresh (after a bulk load, say). */
  async markAllDirty(m: EntityManager = this.db.manager): Promise<void> {
    await m.query(`
      INSERT INTO report_dirty_days
      SELECT facility_id, report_day(slot_start) FROM orders
      UNION SELECT facility_id, report_day(starts_at) FROM capacity_slots
      UNION SELECT facility_id, report_day(lower(during)) FROM shifts
      UNION SELECT facility_id, report_day(upper(during) - interval '1 microsecond') FROM shifts
      UNION SELECT facility_id, day FROM report_daily
      UNION SELECT facility_id, day FROM report_daily_facility
      UNION SELECT facility_id, month FROM report_monthly
      UNION SELECT facility_id, day FROM report_daily_roster`);
    await m.query(`
      INSERT INTO report_dirty_resident_months
      SELECT resident_id, report_month(slot_start) FROM orders WHERE status = 'completed'
      UNION SELECT resident_id, month FROM report_resident_month`);
  }

  /** Marks the last `days` days of every facility: the nightly safety net against unmarked writes. */
  async markRecentDays(days: number): Promise<void> {
    await this.db.query(
      `INSERT INTO report_dirty_days
       SELECT f.id, d::date FROM facilities f, generate_series(report_day(now()) - $1::int, report_day(now()), interval '1 day') d`,
      [days],
    );
  }

  /** Recomputes the taken (facility, day) pairs: the daily rollups, and the months they fall in. */
  async refreshDays(m: EntityManager, count: number): Promise<void> {
    if (count > 1000) await m.query('ANALYZE report_refresh_days');
    await m.query(
      `CREATE TEMP TABLE report_refresh_months ON COMMIT DROP AS SELECT DISTINCT facility_id, date_trunc('month', day)::date AS month FROM report_refresh_days`,
    );
    await m.query(`DELETE FROM report_monthly r USING report_refresh_months t WHERE r.facility_id = t.facility_id AND r.month = t.month`);
    for (const table of ['report_daily', 'report_daily_facility', 'report_daily_roster', 'report_daily_spend', 'report_daily_funding']) {
      await m.query(`DELETE FROM ${table} r USING report_refresh_days t WHERE r.facility_id = t.facility_id AND r.day = t.day`);
    }
    await m.query(`
      WITH slot_agg AS (
        SELECT t.day, t.facility_id, c.service_code, count(*)::int AS slots, sum(c.capacity)::int AS capacity
          FROM report_refresh_days t
          JOIN capacity_slots c ON c.facility_id = t.facility_id
           AND c.starts_at >= report_day_start(t.day) AND c.starts_at < report_day_start(t.day + 1)
         GROUP BY 1, 2, 3
      ), order_agg AS (
        SELECT t.day, t.facility_id, o.service_code,
               count(*) FILTER (WHERE o.holds_capacity)::int AS booked,
               count(*) FILTER (WHERE o.status = 'completed')::int AS completed,
               count(*) FILTER (WHERE o.status = 'cancelled')::int AS cancelled,
               count(*) FILTER (WHERE o.status = 'no_show')::int AS no_show,
               count(*) FILTER (WHERE o.status = 'missed')::int AS missed,
               count(*) FILTER (WHERE o.status = 'waitlisted')::int AS waitlisted,
               count(*) FILTER (WHERE o.status IN ('waitlisted', 'cancelled')
                                  AND NOT EXISTS (SELECT 1 FROM order_history h WHERE h.order_id = o.id AND h.to_status = 'confirmed'))::int AS refused,
               coalesce(sum(round(extract(epoch FROM a.planned_end - a.planned_start) / 60)) FILTER (WHERE o.holds_capacity), 0)::int AS assigned_minutes,
               ${histogramOf('report_wait_bucket(o.created_at, o.slot_start)', 'o.holds_capacity')} AS wait_hist
          FROM report_refresh_days t
          JOIN ${ORDERS_OF_DAY}
          LEFT JOIN assignments a ON a.order_id = o.id
         GROUP BY 1, 2, 3
      )
      INSERT INTO report_daily (day, facility_id, service_code, slots, capacity, booked, completed, cancelled, no_show, missed, waitlisted, refused, assigned_minutes, wait_hist)
      SELECT day, facility_id, service_code, coalesce(s.slots, 0), coalesce(s.capacity, 0), coalesce(o.booked, 0), coalesce(o.completed, 0),
             coalesce(o.cancelled, 0), coalesce(o.no_show, 0), coalesce(o.missed, 0), coalesce(o.waitlisted, 0), coalesce(o.refused, 0),
             coalesce(o.assigned_minutes, 0), coalesce(o.wait_hist, array_fill(0, ARRAY[${WAIT_BUCKET_HOURS.length}]))
        FROM slot_agg s FULL JOIN order_agg o USING (day, facility_id, service_code)`);
    await m.query(`
      INSERT INTO report_daily_facility (day, facility_id, ${FIGURE_LIST})
      SELECT r.day, r.facility_id, ${sumFigures('r')}
        FROM report_refresh_days t JOIN report_daily r ON r.facility_id = t.facility_id AND r.day = t.day
       GROUP BY 1, 2`);
    await m.query(`
      INSERT INTO report_monthly (month, facility_id, service_code, ${FIGURE_LIST})
      SELECT t.month, r.facility_id, r.service_code, ${sumFigures('r')}
        FROM report_refresh_months t
        JOIN report_daily r ON r.facility_id = t.facility_id AND r.day >= t.month AND r.day < (t.month + interval '1 month')::date
       GROUP BY 1, 2, 3`);
    await m.query(`
      INSERT INTO report_daily_roster (day, facility_id, rostered_minutes)
      SELECT t.day, t.facility_id,
             round(sum(extract(epoch FROM least(upper(s.during), report_day_start(t.day + 1)) - greatest(lower(s.during), report_day_start(t.day)))) / 60)::int
        FROM report_refresh_days t
        JOIN shifts s ON s.facility_id = t.facility_id AND s.during && tstzrange(report_day_start(t.day), report_day_start(t.day + 1))
       GROUP BY 1, 2`);
    await m.query(`
      INSERT INTO report_daily_spend (day, facility_id, service_code, subsidy_category, orders, base_fen, subsidy_fen, copay_fen)
      SELECT t.day, t.facility_id, o.service_code, r.subsidy_category, count(*), sum(o.base_fen), sum(o.subsidy_fen), sum(o.copay_fen)
        FROM report_refresh_days t
        JOIN ${ORDERS_OF_DAY} AND o.status = 'completed'
        JOIN residents r ON r.id = o.resident_id
       GROUP BY 1, 2, 3, 4`);
    await m.query(`
      INSERT INTO report_daily_funding (day, facility_id, service_code, subsidy_category, funding_source, orders, amount_fen)
      SELECT t.day, t.facility_id, o.service_code, r.subsidy_category, f.source, count(DISTINCT o.id), sum(f."amountFen")
        FROM report_refresh_days t
        JOIN ${ORDERS_OF_DAY} AND o.status = 'completed'
        JOIN residents r ON r.id = o.resident_id
        CROSS JOIN LATERAL jsonb_to_recordset(o.funding) AS f (source text, "amountFen" bigint)
       GROUP BY 1, 2, 3, 4, 5`);
  }

  /** Recomputes the taken (resident, month) pairs. */
  async refreshResidentMonths(m: EntityManager): Promise<void> {
    await m.query(
      `DELETE FROM report_resident_month r USING report_refresh_residents t WHERE r.resident_id = t.resident_id AND r.month = t.month`,
    );
    await m.query(`
      INSERT INTO report_resident_month (month, resident_id, completed_orders, meal_minutes, cleaning_minutes, mobility_minutes, medical_minutes)
      SELECT t.month, t.resident_id, count(*)::int,
             coalesce(sum(x.minutes) FILTER (WHERE s.category = 'meal'), 0)::int,
             coalesce(sum(x.minutes) FILTER (WHERE s.category = 'cleaning'), 0)::int,
             coalesce(sum(x.minutes) FILTER (WHERE s.category = 'mobility'), 0)::int,
             coalesce(sum(x.minutes) FILTER (WHERE s.category = 'medical'), 0)::int
        FROM report_refresh_residents t
        JOIN orders o ON o.resident_id = t.resident_id AND o.status = 'completed'
         AND o.slot_start >= report_day_start(t.month) AND o.slot_start < report_day_start((t.month + interval '1 month')::date)
        JOIN services s ON s.code = o.service_code
        LEFT JOIN visits v ON v.order_id = o.id
        CROSS JOIN LATERAL (SELECT coalesce(v.actual_minutes, s.duration_minutes) AS minutes) x
       GROUP BY 1, 2`);
  }

  /** Rows in `a` not in `b` plus rows in `b` not in `a`, both over the days `from` to `to` (raw-check.ts). */
  async countMismatches(rollupSql: string, rawSql: string, from: string, to: string): Promise<number> {
    const [{ n }] = await this.db.query<MismatchCountRow[]>(
      `WITH a AS (${rollupSql}), b AS (${rawSql}) SELECT ((SELECT count(*) FROM (SELECT * FROM a EXCEPT ALL SELECT * FROM b) x) + (SELECT count(*) FROM (SELECT * FROM b EXCEPT ALL SELECT * FROM a) y))::int AS n`,
      [from, to],
    );
    return n;
  }
}
