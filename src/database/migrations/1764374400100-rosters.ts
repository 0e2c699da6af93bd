import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rosters (templates, shifts, leave) and the capacity they give (bookable slots and seats).
 * The rules no code path may break are constraints: a caregiver's shifts never overlap, and a
 * slot is never booked past its capacity unless the capacity fell later and the slot is flagged.
 */
export class Rosters1764374400100 implements MigrationInterface {
  name = 'Rosters1764374400100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE roster_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
        caregiver_id uuid NOT NULL REFERENCES caregivers (id) ON DELETE CASCADE,
        weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        start_time time NOT NULL,
        end_time time NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT roster_templates_times CHECK (end_time > start_time AND end_time - start_time <= interval '12 hours'),
        CONSTRAINT roster_templates_no_overlap EXCLUDE USING gist (
          caregiver_id WITH =, weekday WITH =,
          tsrange(date '2000-01-01' + start_time, date '2000-01-01' + end_time) WITH &&)
      )`);
    await q.query(`CREATE INDEX roster_templates_facility ON roster_templates (facility_id)`);

    await q.query(`
      CREATE TABLE shifts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        caregiver_id uuid NOT NULL REFERENCES caregivers (id) ON DELETE CASCADE,
        facility_id uuid NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
        during tstzrange NOT NULL,
        source text NOT NULL CHECK (source IN ('manual', 'template')),
        template_id uuid REFERENCES roster_templates (id) ON DELETE SET NULL,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT shifts_during_bounded CHECK (
          NOT isempty(during) AND NOT lower_inf(during) AND NOT upper_inf(during)
          AND lower_inc(during) AND NOT upper_inc(during)
          AND upper(during) - lower(during) <= interval '12 hours'),
        CONSTRAINT shifts_no_overlap EXCLUDE USING gist (caregiver_id WITH =, during WITH &&)
      )`);
    await q.query(`CREATE INDEX shifts_facility_during ON shifts USING gist (facility_id, during)`);

    // A caregiver's day edited by hand (a shift added or removed): the template leaves it alone.
    await q.query(`
      CREATE TABLE roster_day_edits (
        caregiver_id uuid NOT NULL REFERENCES caregivers (id) ON DELETE CASCADE,
        day date NOT NULL,
        edited_by uuid REFERENCES users (id) ON DELETE SET NULL,
        edited_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (caregiver_id, day)
      )`);

    await q.query(`
      CREATE TABLE leaves (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        caregiver_id uuid NOT NULL REFERENCES caregivers (id) ON DELETE CASCADE,
        during tstzrange NOT NULL CHECK (NOT isempty(during) AND NOT lower_inf(during) AND NOT upper_inf(during)),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX leaves_caregiver_during ON leaves USING gist (caregiver_id, during)`);

    await q.query(`
      CREATE TABLE facility_seats (
        facility_id uuid NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
        service_code text NOT NULL REFERENCES services (code),
        sitting text CHECK (sitting IN ('breakfast', 'lunch', 'dinner')),
        seats integer NOT NULL CHECK (seats BETWEEN 0 AND 10000),
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT facility_seats_unique UNIQUE NULLS NOT DISTINCT (facility_id, service_code, sitting)
      )`);

    // booked is taken with: UPDATE capacity_slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity
    await q.query(`
      CREATE TABLE capacity_slots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
        service_code text NOT NULL REFERENCES services (code),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        sitting text CHECK (sitting IN ('breakfast', 'lunch', 'dinner')),
        capacity integer NOT NULL CHECK (capacity >= 0),
        booked integer NOT NULL DEFAULT 0,
        over_committed boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT capacity_slots_times CHECK (ends_at > starts_at),
        CONSTRAINT capacity_slots_booked_nonnegative CHECK (booked >= 0),
        CONSTRAINT capacity_slots_within_capacity CHECK (booked <= capacity OR over_committed),
        CONSTRAINT capacity_slots_unique UNIQUE (facility_id, service_code, starts_at)
      )`);
    await q.query(`CREATE INDEX capacity_slots_over_committed ON capacity_slots (facility_id, starts_at) WHERE over_committed`);

    await q.query(`
      CREATE TABLE job_runs (
        id bigserial PRIMARY KEY,
        job text NOT NULL,
        scope text,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        result jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX job_runs_job_finished ON job_runs (job, finished_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['job_runs', 'capacity_slots', 'facility_seats', 'leaves', 'roster_day_edits', 'shifts', 'roster_templates']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
