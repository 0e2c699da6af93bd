import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollups for the bureau's reports, kept per (Shanghai day, facility, service), and the dirty
 * markers that keep them right. Statement-level triggers on the tables the figures come from
 * (orders, capacity_slots, shifts, assignments, visits, residents, services) append the (facility, day)
 * and (resident, month) pairs a write touched, in the writer's own transaction; the refresh
 * (a job, and every report before it reads) recomputes exactly those pairs from the raw tables.
 * The marker tables have no unique key on purpose: a plain INSERT never waits on another
 * writer's uncommitted marker, so bookings do not queue behind each other here.
 */
export class Reports1764374400500 implements MigrationInterface {
  name = 'Reports1764374400500';

  async up(q: QueryRunner): Promise<void> {
    // Asia/Shanghai is UTC+8 all year: a fixed offset is exact and lets these be IMMUTABLE.
    await q.query(`CREATE FUNCTION report_day(ts timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT (ts AT TIME ZONE INTERVAL '+08:00')::date $$`);
    await q.query(`CREATE FUNCTION report_day_start(d date) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT d::timestamp AT TIME ZONE INTERVAL '+08:00' $$`);
    await q.query(`CREATE FUNCTION report_month(ts timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT date_trunc('month', ts AT TIME ZONE INTERVAL '+08:00')::date $$`);
    // 1-based bucket of a wait (booking to slot start) in hours; negative waits fall in the first.
    // The bounds are WAIT_BUCKET_HOURS in src/reports/wait-histogram.ts: change both together.
    await q.query(`CREATE FUNCTION report_wait_bucket(created timestamptz, starts timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT greatest(1, width_bucket(extract(epoch FROM starts - created)::float8 / 3600, '{0,1,2,3,4,6,8,12,18,24,36,48,72,96,120,144,168,240,336,504}'::float8[])) $$`);

    await q.query(`
      CREATE TABLE report_daily (
        day date NOT NULL,
        facility_id uuid NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
        service_code text NOT NULL,
        slots integer NOT NULL DEFAULT 0,
        capacity integer NOT NULL DEFAULT 0,
        booked integer NOT NULL DEFAULT 0,
        completed integer NOT NULL DEFAULT 0,
        cancelled integer NOT NULL DEFAULT 0,
        no_show integer NOT NULL DEFAULT 0,
        missed integer NOT NULL DEFAULT 0,
        waitlisted integer NOT NULL DEFAULT 0,
        refused integer NOT NULL DEFAULT 0,
        assigned_minutes integer NOT NULL DEFAULT 0,
        wait_hist integer[] NOT NULL,
        PRIMARY KEY (day, facility_id, service_code)
      )`);
    await q.query(`CREATE INDEX report_daily_facility_day ON report_daily (facility_id, day)`);

    // The same figures summed over services (day and week groupings read these) and over the
    // days of a month (facility, district, service and month groupings over whole months).
    const figures = `capacity integer NOT NULL, booked integer NOT NULL, completed integer NOT NULL, cancelled integer NOT NULL,
        no_show integer NOT NULL, missed integer NOT NULL, waitlisted integer NOT NULL, refused integer NOT NULL,
        assigned_minutes integer NOT NULL, wait_hist integer[] NOT NULL`;
    await q.query(`
      CREATE TABLE report_daily_facility (
        day date NOT NULL,
        facility_id uuid NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
        ${figures},
        PRIMARY KEY (day, facility_id)
      )`);
    await q.query(`
      CREATE TABLE report_monthly (
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        facility_id uuid NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
        service_code text NOT NULL,
        ${figures},
        PRIMARY KEY (month, facility_id, service_code)
      )`);

    await q.query(`
      CREATE TABLE report_daily_roster (
        day date NOT NULL,
        facility_id uuid NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
        rostered_minutes integer NOT NULL,
        PRIMARY KEY (day, facility_id)
      )`);
    await q.query(`CREATE INDEX report_daily_roster_facility_day ON report_daily_roster (facility_id, day)`);

    // Completed orders' money, by the resident's subsidy category, and each funding source's part.
    await q.query(`
      CREATE TABLE report_daily_spend (
        day date NOT NULL,
        facility_id uuid NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
        service_code text NOT NULL,
        subsidy_category text NOT NULL,
        orders integer NOT NULL,
        base_fen bigint NOT NULL,
        subsidy_fen bigint NOT NULL,
        copay_fen bigint NOT NULL,
        PRIMARY KEY (day, facility_id, service_code, subsidy_category),
        CONSTRAINT report_daily_spend_split CHECK (subsidy_fen + copay_fen = base_fen)
      )`);
    await q.query(`
      CREATE TABLE report_daily_funding (
        day date NOT NULL,
        facility_id uuid NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
        service_code text NOT NULL,
        subsidy_category text NOT NULL,
        funding_source text NOT NULL,
        orders integer NOT NULL,
        amount_fen bigint NOT NULL,
        PRIMARY KEY (day, facility_id, service_code, subsidy_category, funding_source)
      )`);

    // Completed minutes of each resident in a Shanghai month, per service category.
    await q.query(`
      CREATE TABLE report_resident_month (
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        resident_id uuid NOT NULL REFERENCES residents (id) ON DELETE CASCADE,
        completed_orders integer NOT NULL,
        meal_minutes integer NOT NULL,
        cleaning_minutes integer NOT NULL,
        mobility_minutes integer NOT NULL,
        medical_minutes integer NOT NULL,
        PRIMARY KEY (month, resident_id)
      )`);

    await q.query(`CREATE TABLE report_dirty_days (facility_id uuid NOT NULL, day date NOT NULL)`);
    await q.query(`CREATE TABLE report_dirty_resident_months (resident_id uuid NOT NULL, month date NOT NULL)`);

    await q.query(`
      CREATE FUNCTION report_mark_orders() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO report_dirty_days SELECT DISTINCT facility_id, report_day(slot_start) FROM new_rows;
          INSERT INTO report_dirty_resident_months SELECT DISTINCT resident_id, report_month(slot_start) FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO report_dirty_days SELECT DISTINCT facility_id, report_day(slot_start) FROM old_rows;
          INSERT INTO report_dirty_resident_months SELECT DISTINCT resident_id, report_month(slot_start) FROM old_rows;
        ELSE
          -- Only rows whose reported figures can change; both the old and the new place.
          WITH changed AS (
            SELECT x.facility_id, x.slot_start, x.resident_id
              FROM old_rows o JOIN new_rows n ON n.id = o.id
              CROSS JOIN LATERAL (VALUES (o.facility_id, o.slot_start, o.resident_id), (n.facility_id, n.slot_start, n.resident_id)) x (facility_id, slot_start, resident_id)
             WHERE (o.status, o.slot_start, o.facility_id, o.service_code, o.resident_id, o.holds_capacity, o.base_fen, o.subsidy_fen, o.copay_fen, o.funding, o.created_at)
                   IS DISTINCT FROM
                   (n.status, n.slot_start, n.facility_id, n.service_code, n.resident_id, n.holds_capacity, n.base_fen, n.subsidy_fen, n.copay_fen, n.funding, n.created_at)
          ), days AS (
            INSERT INTO report_dirty_days SELECT DISTINCT facility_id, report_day(slot_start) FROM changed
          )
          INSERT INTO report_dirty_resident_months SELECT DISTINCT resident_id, report_month(slot_start) FROM changed;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER report_orders_ins AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_orders()`,
    );
    await q.query(
      `CREATE TRIGGER report_orders_upd AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_orders()`,
    );
    await q.query(
      `CREATE TRIGGER report_orders_del AFTER DELETE ON orders REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_orders()`,
    );

    // Slots: capacity only (booked is counted from the orders themselves).
    await q.query(`
      CREATE FUNCTION report_mark_slots() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO report_dirty_days SELECT DISTINCT facility_id, report_day(starts_at) FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO report_dirty_days SELECT DISTINCT facility_id, report_day(starts_at) FROM old_rows;
        ELSE
          INSERT INTO report_dirty_days
            SELECT DISTINCT x.facility_id, report_day(x.starts_at)
              FROM old_rows o JOIN new_rows n ON n.id = o.id
              CROSS JOIN LATERAL (VALUES (o.facility_id, o.starts_at), (n.facility_id, n.starts_at)) x (facility_id, starts_at)
             WHERE (o.capacity, o.starts_at, o.facility_id, o.service_code) IS DISTINCT FROM (n.capacity, n.starts_at, n.facility_id, n.service_code);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER report_slots_ins AFTER INSERT ON capacity_slots REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_slots()`,
    );
    await q.query(
      `CREATE TRIGGER report_slots_upd AFTER UPDATE ON capacity_slots REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_slots()`,
    );
    await q.query(
      `CREATE TRIGGER report_slots_del AFTER DELETE ON capacity_slots REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_slots()`,
    );

    // Shifts: every Shanghai day a shift touches (at most two: shifts are at most 12 hours).
    await q.query(`
      CREATE FUNCTION report_mark_shifts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO report_dirty_days
            SELECT DISTINCT s.facility_id, d::date FROM new_rows s,
                   generate_series(report_day(lower(s.during)), report_day(upper(s.during) - interval '1 microsecond'), interval '1 day') d;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO report_dirty_days
            SELECT DISTINCT s.facility_id, d::date FROM old_rows s,
                   generate_series(report_day(lower(s.during)), report_day(upper(s.during) - interval '1 microsecond'), interval '1 day') d;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER report_shifts_ins AFTER INSERT ON shifts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_shifts()`,
    );
    await q.query(
      `CREATE TRIGGER report_shifts_upd AFTER UPDATE ON shifts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_shifts()`,
    );
    await q.query(
      `CREATE TRIGGER report_shifts_del AFTER DELETE ON shifts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_shifts()`,
    );

    // Assignments count on their order's facility and day.
    await q.query(`
      CREATE FUNCTION report_mark_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO report_dirty_days SELECT DISTINCT o.facility_id, report_day(o.slot_start) FROM new_rows a JOIN orders o ON o.id = a.order_id;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO report_dirty_days SELECT DISTINCT o.facility_id, report_day(o.slot_start) FROM old_rows a JOIN orders o ON o.id = a.order_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER report_assignments_ins AFTER INSERT ON assignments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_assignments()`,
    );
    await q.query(
      `CREATE TRIGGER report_assignments_upd AFTER UPDATE ON assignments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_assignments()`,
    );
    await q.query(
      `CREATE TRIGGER report_assignments_del AFTER DELETE ON assignments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_assignments()`,
    );

    // Minutes received are a visit's actual minutes where it has them.
    await q.query(`
      CREATE FUNCTION report_mark_visits() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO report_dirty_resident_months SELECT DISTINCT o.resident_id, report_month(o.slot_start) FROM new_rows v JOIN orders o ON o.id = v.order_id;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO report_dirty_resident_months SELECT DISTINCT o.resident_id, report_month(o.slot_start) FROM old_rows v JOIN orders o ON o.id = v.order_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER report_visits_ins AFTER INSERT ON visits REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_visits()`,
    );
    await q.query(
      `CREATE TRIGGER report_visits_upd AFTER UPDATE ON visits REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_visits()`,
    );
    await q.query(
      `CREATE TRIGGER report_visits_del AFTER DELETE ON visits REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_visits()`,
    );

    // Spend is reported under the resident's subsidy category: a change moves their orders.
    await q.query(`
      CREATE FUNCTION report_mark_residents() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_dirty_days
          SELECT DISTINCT o.facility_id, report_day(o.slot_start)
            FROM old_rows r JOIN new_rows n ON n.id = r.id JOIN orders o ON o.resident_id = n.id
           WHERE r.subsidy_category IS DISTINCT FROM n.subsidy_category AND o.status = 'completed';
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER report_residents_upd AFTER UPDATE ON residents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_residents()`,
    );

    // Minutes received are the service's duration: a changed duration changes past months.
    await q.query(`
      CREATE FUNCTION report_mark_services() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_dirty_resident_months
          SELECT DISTINCT o.resident_id, report_month(o.slot_start)
            FROM old_rows s JOIN new_rows n ON n.code = s.code JOIN orders o ON o.service_code = n.code
           WHERE s.duration_minutes IS DISTINCT FROM n.duration_minutes AND o.status = 'completed';
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER report_services_upd AFTER UPDATE ON services REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_services()`,
    );

    // What exists already is marked once, so the first refresh builds its rollups.
    await q.query(`INSERT INTO report_dirty_days SELECT DISTINCT facility_id, report_day(slot_start) FROM orders`);
    await q.query(`INSERT INTO report_dirty_days SELECT DISTINCT facility_id, report_day(starts_at) FROM capacity_slots`);
    await q.query(`INSERT INTO report_dirty_days SELECT DISTINCT facility_id, report_day(lower(during)) FROM shifts`);
    await q.query(
      `INSERT INTO report_dirty_days SELECT DISTINCT facility_id, report_day(upper(during) - interval '1 microsecond') FROM shifts`,
    );
    await q.query(`INSERT INTO report_dirty_resident_months SELECT DISTINCT resident_id, report_month(slot_start) FROM orders`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [trigger, table] of [
      ['report_orders_ins', 'orders'],
      ['report_orders_upd', 'orders'],
      ['report_orders_del', 'orders'],
      ['report_slots_ins', 'capacity_slots'],
      ['report_slots_upd', 'capacity_slots'],
      ['report_slots_del', 'capacity_slots'],
      ['report_shifts_ins', 'shifts'],
      ['report_shifts_upd', 'shifts'],
      ['report_shifts_del', 'shifts'],
      ['report_assignments_ins', 'assignments'],
      ['report_assignments_upd', 'assignments'],
      ['report_assignments_del', 'assignments'],
      ['report_visits_ins', 'visits'],
      ['report_visits_upd', 'visits'],
      ['report_visits_del', 'visits'],
      ['report_residents_upd', 'residents'],
      ['report_services_upd', 'services'],
    ]) {
      await q.query(`DROP TRIGGER IF EXISTS ${trigger} ON ${table}`);
    }
    for (const t of [
      'report_dirty_resident_months',
      'report_dirty_days',
      'report_resident_month',
      'report_daily_funding',
      'report_daily_spend',
      'report_daily_roster',
      'report_monthly',
      'report_daily_facility',
      'report_daily',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    for (const f of [
      'report_mark_services()',
      'report_mark_visits()',
      'report_mark_residents()',
      'report_mark_assignments()',
      'report_mark_shifts()',
      'report_mark_slots()',
      'report_mark_orders()',
      'report_wait_bucket(timestamptz, timestamptz)',
      'report_month(timestamptz)',
      'report_day_start(date)',
      'report_day(timestamptz)',
    ]) {
      await q.query(`DROP FUNCTION IF EXISTS ${f}`);
    }
  }
}
