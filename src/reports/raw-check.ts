import type { DataSource } from 'typeorm';
import { RollupsRepository } from './rollups.repository.js';
import { WAIT_BUCKET_HOURS } from './wait-histogram.js';

export interface RawCheck {
  name: string;
  /** Rows in the rollup that the direct query does not give, and the other way round. */
  mismatches: number;
}

/**
 * Recomputes the figures straight from the raw tables (orders, slots, shifts, assignments,
 * visits), written without the rollups or their dirty markers, and counts the rows where the
 * rollups differ. All zero: the rollups are exact. For specs and `npm run bench:reports`.
 */
export async function checkRollupsAgainstRaw(db: DataSource, from: string, to: string): Promise<RawCheck[]> {
  const sums = ['capacity', 'booked', 'completed', 'cancelled', 'no_show', 'missed', 'waitlisted', 'refused', 'assigned_minutes']
    .map((c) => `sum(${c})::int`)
    .concat(`ARRAY[${WAIT_BUCKET_HOURS.map((_, i) => `sum(wait_hist[${i + 1}])`).join(', ')}]::int[]`)
    .join(', ');
  const checks: [string, string, string][] = [
    [
      'utilisation per facility, service and day',
      `SELECT day, facility_id, service_code, capacity, booked, completed, cancelled, no_show, missed, waitlisted, refused, assigned_minutes, wait_median
         FROM (SELECT day, facility_id, service_code, capacity, booked, completed, cancelled, no_show, missed, waitlisted, refused, assigned_minutes,
                      (SELECT b FROM (SELECT b, sum(n) OVER (ORDER BY b) AS cum, sum(n) OVER () AS total FROM unnest(wait_hist) WITH ORDINALITY AS h(n, b)) x
                        WHERE total > 0 AND cum >= ceil(total / 2.0) ORDER BY b LIMIT 1) AS wait_median
                 FROM report_daily WHERE day BETWEEN $1 AND $2) r
        WHERE capacity > 0 OR booked > 0 OR cancelled > 0 OR waitlisted > 0`,
      `WITH o AS (
         SELECT (o.slot_start AT TIME ZONE 'Asia/Shanghai')::date AS day, o.facility_id, o.service_code,
                count(*) FILTER (WHERE o.status NOT IN ('waitlisted', 'cancelled')) AS booked,
                count(*) FILTER (WHERE o.status = 'completed') AS completed,
                count(*) FILTER (WHERE o.status = 'cancelled') AS cancelled,
                count(*) FILTER (WHERE o.status = 'no_show') AS no_show,
                count(*) FILTER (WHERE o.status = 'missed') AS missed,
                count(*) FILTER (WHERE o.status = 'waitlisted') AS waitlisted,
                count(*) FILTER (WHERE o.status IN ('waitlisted', 'cancelled') AND o.id NOT IN (SELECT order_id FROM order_history WHERE to_status = 'confirmed')) AS refused,
                coalesce(sum(round(extract(epoch FROM a.planned_end - a.planned_start) / 60)) FILTER (WHERE o.status NOT IN ('waitlisted', 'cancelled')), 0) AS assigned_minutes,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY CASE WHEN o.status NOT IN ('waitlisted', 'cancelled')
                  THEN greatest(1, width_bucket(extract(epoch FROM o.slot_start - o.created_at)::float8 / 3600, '{${WAIT_BUCKET_HOURS.join(',')}}'::float8[])) END) AS wait_median
           FROM orders o LEFT JOIN assignments a ON a.order_id = o.id
          WHERE (o.slot_start AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $1 AND $2
          GROUP BY 1, 2, 3
       ), c AS (
         SELECT (starts_at AT TIME ZONE 'Asia/Shanghai')::date AS day, facility_id, service_code, sum(capacity) AS capacity
           FROM capacity_slots WHERE (starts_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $1 AND $2 GROUP BY 1, 2, 3
       )
       SELECT day, facility_id, service_code, coalesce(c.capacity, 0), coalesce(booked, 0), coalesce(completed, 0), coalesce(cancelled, 0),
              coalesce(no_show, 0), coalesce(missed, 0), coalesce(waitlisted, 0), coalesce(refused, 0), coalesce(assigned_minutes, 0), wait_median
         FROM o FULL JOIN c USING (day, facility_id, service_code)
        WHERE coalesce(c.capacity, 0) > 0 OR coalesce(booked, 0) > 0 OR coalesce(cancelled, 0) > 0 OR coalesce(waitlisted, 0) > 0`,
    ],
    [
      'rostered minutes per facility and day',
      `SELECT day, facility_id, rostered_minutes FROM report_daily_roster WHERE day BETWEEN $1 AND $2`,
      `SELECT d::date AS day, s.facility_id,
              round(sum(extract(epoch FROM upper(s.during * tstzrange(d::timestamp AT TIME ZONE 'Asia/Shanghai', (d + interval '1 day')::timestamp AT TIME ZONE 'Asia/Shanghai'))
                                      - lower(s.during * tstzrange(d::timestamp AT TIME ZONE 'Asia/Shanghai', (d + interval '1 day')::timestamp AT TIME ZONE 'Asia/Shanghai')))) / 60)
         FROM shifts s, generate_series($1::date, $2::date, interval '1 day') d
        WHERE s.during && tstzrange(d::timestamp AT TIME ZONE 'Asia/Shanghai', (d + interval '1 day')::timestamp AT TIME ZONE 'Asia/Shanghai')
        GROUP BY 1, 2`,
    ],
    [
      'spend of completed orders per facility, service, category and month',
      `SELECT date_trunc('month', day)::date, facility_id, service_code, subsidy_category, sum(orders), sum(base_fen), sum(subsidy_fen), sum(copay_fen)
         FROM report_daily_spend WHERE day BETWEEN $1 AND $2 GROUP BY 1, 2, 3, 4`,
      `SELECT date_trunc('month', o.slot_start AT TIME ZONE 'Asia/Shanghai')::date, o.facility_id, o.service_code, r.subsidy_category,
              count(*), sum(o.base_fen), sum(o.subsidy_fen), sum(o.copay_fen)
         FROM orders o JOIN residents r ON r.id = o.resident_id
        WHERE o.status = 'completed' AND (o.slot_start AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $1 AND $2
        GROUP BY 1, 2, 3, 4`,
    ],
    [
      'funding of completed orders per facility, source and month',
      `SELECT date_trunc('month', day)::date, facility_id, funding_source, sum(amount_fen) FROM report_daily_funding WHERE day BETWEEN $1 AND $2 GROUP BY 1, 2, 3`,
      `SELECT date_trunc('month', o.slot_start AT TIME ZONE 'Asia/Shanghai')::date, o.facility_id, f->>'source', sum((f->>'amountFen')::bigint)
         FROM orders o, jsonb_array_elements(o.funding) f
        WHERE o.status = 'completed' AND (o.slot_start AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $1 AND $2
        GROUP BY 1, 2, 3`,
    ],
    [
      'completed minutes per resident and month',
      `SELECT month, resident_id, completed_orders, meal_minutes + cleaning_minutes + mobility_minutes + medical_minutes
         FROM report_resident_month WHERE month BETWEEN date_trunc('month', $1::date) AND $2`,
      `SELECT date_trunc('month', o.slot_start AT TIME ZONE 'Asia/Shanghai')::date, o.resident_id, count(*), sum(coalesce(v.actual_minutes, s.duration_minutes))
         FROM orders o JOIN services s ON s.code = o.service_code LEFT JOIN visits v ON v.order_id = o.id
        WHERE o.status = 'completed' AND o.slot_start >= (date_trunc('month', $1::date)::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND (o.slot_start AT TIME ZONE 'Asia/Shanghai')::date <= (date_trunc('month', $2::date) + interval '1 month - 1 day')::date
        GROUP BY 1, 2`,
    ],
    [
      'monthly and per-facility rollups against their days',
      `SELECT 'm', month, facility_id, service_code, capacity, booked, completed, cancelled, no_show, missed, waitlisted, refused, assigned_minutes, wait_hist
         FROM report_monthly WHERE month BETWEEN date_trunc('month', $1::date) AND $2
       UNION ALL
       SELECT 'f', day, facility_id, NULL, capacity, booked, completed, cancelled, no_show, missed, waitlisted, refused, assigned_minutes, wait_hist
         FROM report_daily_facility WHERE day BETWEEN $1 AND $2`,
      `SELECT 'm', date_trunc('month', day)::date, facility_id, service_code, ${sums}
         FROM report_daily WHERE day BETWEEN date_trunc('month', $1::date) AND (date_trunc('month', $2::date) + interval '1 month - 1 day')::date GROUP BY 2, 3, 4
       UNION ALL
       SELECT 'f', day, facility_id, NULL, ${sums} FROM report_daily WHERE day BETWEEN $1 AND $2 GROUP BY 2, 3`,
    ],
  ];
  const rollups = new RollupsRepository(db);
  const results: RawCheck[] = [];
  for (const [name, rollup, raw] of checks) results.push({ name, mismatches: await rollups.countMismatches(rollup, raw, from, to) });
  return results;
}
