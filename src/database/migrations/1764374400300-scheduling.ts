import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assignments of caregivers to orders, and the record of scheduling runs. A caregiver is never
 * in two places at once: the exclusion constraint over each assignment's planned time range.
 */
export class Scheduling1764374400300 implements MigrationInterface {
  name = 'Scheduling1764374400300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scheduling_runs (
        id bigserial PRIMARY KEY,
        facility_id uuid REFERENCES facilities (id),
        service_date date NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('manual', 'rolling', 'nightly')),
        requested_by uuid REFERENCES users (id),
        started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at timestamptz,
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'ok', 'failed')),
        orders_considered integer NOT NULL DEFAULT 0,
        caregivers_considered integer NOT NULL DEFAULT 0,
        assigned integer NOT NULL DEFAULT 0,
        unassigned jsonb NOT NULL DEFAULT '[]',
        travel_minutes integer NOT NULL DEFAULT 0,
        continuity_rate double precision,
        duration_ms integer,
        error text
      )`);
    await q.query(`CREATE INDEX scheduling_runs_facility_date ON scheduling_runs (facility_id, service_date, id DESC)`);

    await q.query(`
      CREATE TABLE assignments (
        order_id uuid PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
        caregiver_id uuid NOT NULL REFERENCES caregivers (id),
        facility_id uuid NOT NULL REFERENCES facilities (id),
        planned_start timestamptz NOT NULL,
        planned_end timestamptz NOT NULL CHECK (planned_end > planned_start),
        travel_minutes integer NOT NULL DEFAULT 0 CHECK (travel_minutes >= 0),
        explanation text NOT NULL,
        source text NOT NULL CHECK (source IN ('engine', 'override')),
        run_id bigint REFERENCES scheduling_runs (id),
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT assignments_no_double_booking EXCLUDE USING gist (
          caregiver_id WITH =, tstzrange(planned_start, planned_end) WITH &&
        )
      )`);
    await q.query(`CREATE INDEX assignments_caregiver_start ON assignments (caregiver_id, planned_start)`);
    await q.query(`CREATE INDEX assignments_facility_start ON assignments (facility_id, planned_start)`);

    // Orders no caregiver could take at the last run, with the reason, for the facility's staff.
    await q.query(`
      CREATE TABLE unassigned_orders (
        order_id uuid PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
        facility_id uuid NOT NULL REFERENCES facilities (id),
        reason text NOT NULL,
        run_id bigint REFERENCES scheduling_runs (id),
        since timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX unassigned_orders_facility ON unassigned_orders (facility_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['unassigned_orders', 'assignments', 'scheduling_runs']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
