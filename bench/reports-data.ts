/**
 * Bulk data for `npm run bench:reports`: a year of capacity slots, shifts, orders (with the
 * history rows that say whether a cancelled order ever held a place) and assignments for the
 * demo city, written through the real tables with INSERT … SELECT, month by month.
 */
import type { DataSource } from 'typeorm';

export interface YearSpan {
  from: string;
  to: string;
  months: string[];
}

const SLOT_HOURS = [8, 9, 10, 11, 13, 14, 15]; // slot starts, Shanghai time

export async function generateYear(db: DataSource, span: YearSpan, targetOrders: number, say: (m: string) => void): Promise<void> {
  const t0 = performance.now();
  const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
  await db.query(
    `
    INSERT INTO capacity_slots (facility_id, service_code, starts_at, ends_at, capacity)
    SELECT fs.facility_id, fs.service_code, x.ts, x.ts + make_interval(mins => s.duration_minutes),
           CASE WHEN s.place = 'facility' THEN 10 + abs(hashtext(fs.facility_id::text || fs.service_code || x.ts::text)) % 21
                ELSE 2 + abs(hashtext(fs.facility_id::text || fs.service_code || x.ts::text)) % 7 END
      FROM facility_services fs JOIN services s ON s.code = fs.service_code
     CROSS JOIN generate_series($1::date, $2::date, interval '1 day') d
     CROSS JOIN unnest($3::int[]) h
     CROSS JOIN LATERAL (SELECT (d::date + make_interval(hours => h)) AT TIME ZONE 'Asia/Shanghai' AS ts) x`,
    [span.from, span.to, SLOT_HOURS],
  );
  const [{ slots, units }] = await db.query<{ slots: number; units: string }[]>(
    `SELECT count(*)::int AS slots, sum(capacity)::bigint AS units FROM capacity_slots`,
  );
  say(`capacity slots: ${slots} (${units} units) (${secs()} s)`);

  // Caregivers work 08:00-16:00, one day a week off.
  await db.query(
    `
    INSERT INTO shifts (caregiver_id, facility_id, during, source)
    SELECT c.id, c.facility_id, tstzrange((d::date + time '08:00') AT TIME ZONE 'Asia/Shanghai', (d::date + time '16:00') AT TIME ZONE 'Asia/Shanghai', '[)'), 'manual'
      FROM caregivers c CROSS JOIN generate_series($1::date, $2::date, interval '1 day') d
     WHERE abs(hashtext(c.id::text)) % 7 <> extract(isodow FROM d)::int - 1`,
    [span.from, span.to],
  );
  const [{ shifts }] = await db.query<{ shifts: number }[]>('SELECT count(*)::int AS shifts FROM shifts');
  say(`shifts: ${shifts} (${secs()} s)`);

  await db.query(`DROP TABLE IF EXISTS bench_residents`);
  await db.query(
    `CREATE UNLOGGED TABLE bench_residents AS SELECT (row_number() OVER (ORDER BY id))::int - 1 AS n, id, subsidy_category FROM residents`,
  );
  await db.query(`CREATE UNIQUE INDEX ON bench_residents (n)`);
  const [{ residents }] = await db.query<{ residents: number }[]>('SELECT count(*)::int AS residents FROM bench_residents');
  const [{ creator }] = await db.query<{ creator: string }[]>(`SELECT id AS creator FROM users WHERE username = 'admin'`);
  // Keep a share of each slot's units so that the orders come to about targetOrders.
  const permille = Math.min(1000, Math.ceil((targetOrders / Number(units)) * 1000));
  say(`orders: ${permille / 10} % of units, residents drawn from ${residents}`);

  for (const month of span.months) {
    await db.query(
      `INSERT INTO orders (resident_id, facility_id, service_code, slot_id, slot_start, slot_end, status, holds_capacity, channel, created_by,
                           base_fen, subsidy_fen, copay_fen, funding, created_at)
       SELECT r.id, c.facility_id, c.service_code, c.id, c.starts_at, c.ends_at, st.status, st.status <> 'cancelled', 'staff', $4,
              s.base_price_fen, p.subsidy, s.base_price_fen - p.subsidy, p.funding,
              c.starts_at - make_interval(mins => abs(hashtext(c.id::text || k::text || 'w')) % (14 * 24 * 60))
         FROM capacity_slots c
         JOIN services s ON s.code = c.service_code
        CROSS JOIN generate_series(1, c.capacity) k
        CROSS JOIN LATERAL (SELECT abs(hashtext(c.id::text || k::text)) AS h) hh
         JOIN bench_residents r ON r.n = hh.h % $5
        CROSS JOIN LATERAL (SELECT CASE WHEN hh.h % 100 < 82 THEN 'completed' WHEN hh.h % 100 < 90 THEN 'cancelled'
                                        WHEN hh.h % 100 < 94 THEN 'no_show' WHEN hh.h % 100 < 97 THEN 'missed' ELSE 'completed' END AS status) st
        CROSS JOIN LATERAL (
          SELECT CASE r.subsidy_category WHEN 'tekun' THEN s.base_price_fen WHEN 'dibao' THEN round(s.base_price_fen * 0.7)::int
                                         WHEN 'dibao_edge' THEN round(s.base_price_fen * 0.5)::int ELSE 0 END AS subsidy) ps
        CROSS JOIN LATERAL (
          SELECT ps.subsidy,
                 CASE r.subsidy_category WHEN 'tekun' THEN jsonb_build_array(jsonb_build_object('source', 'tekun_support', 'amountFen', ps.subsidy))
                                         WHEN 'none' THEN '[]'::jsonb
                                         ELSE jsonb_build_array(jsonb_build_object('source', 'gov_purchase', 'amountFen', ps.subsidy)) END AS funding) p
        WHERE c.starts_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND c.starts_at < ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND abs(hashtext(c.id::text || k::text || 'keep')) % 1000 < $3`,
      [`${month}-01`, nextMonth(month), permille, creator, residents],
    );
    const [{ n }] = await db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM orders');
    say(`orders through ${month}: ${n} (${secs()} s)`);
  }

  // Cancelled orders: three in four had been confirmed; the rest left the waitlist (refused demand).
  await db.query(`
    INSERT INTO order_history (order_id, from_status, to_status, by_user, at)
    SELECT id, NULL, 'confirmed', created_by, created_at FROM orders WHERE status = 'cancelled' AND abs(hashtext(id::text)) % 4 <> 0`);
  say(`order history for cancelled orders (${secs()} s)`);

  // Home visits get a caregiver of their facility; a caregiver already busy then is skipped.
  await db.query(`
    CREATE TEMP TABLE bench_caregivers AS
    SELECT facility_id, (row_number() OVER (PARTITION BY facility_id ORDER BY id))::int - 1 AS n, id, count(*) OVER (PARTITION BY facility_id) AS total
      FROM caregivers`);
  await db.query(`
    INSERT INTO assignments (order_id, caregiver_id, facility_id, planned_start, planned_end, explanation, source)
    SELECT o.id, cg.id, o.facility_id, o.slot_start, o.slot_end, 'bench', 'engine'
      FROM orders o JOIN services s ON s.code = o.service_code AND s.place = 'home'
      JOIN bench_caregivers cg ON cg.facility_id = o.facility_id AND cg.n = abs(hashtext(o.id::text)) % cg.total
     WHERE o.status <> 'cancelled' AND abs(hashtext(o.id::text || 'a')) % 4 = 0
    ON CONFLICT DO NOTHING`);
  const [{ assigned }] = await db.query<{ assigned: number }[]>('SELECT count(*)::int AS assigned FROM assignments');
  say(`assignments: ${assigned} (${secs()} s)`);
  await db.query('DROP TABLE bench_residents');
  await db.query('ANALYZE');
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
