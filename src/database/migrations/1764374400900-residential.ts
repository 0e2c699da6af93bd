import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Residential care (issue 17): beds, admissions with their history and the beds' occupancy
 * periods, the monthly residential rates, day places with enrolments and attendance.
 * What no code path may break is a constraint: a bed's occupancy periods never overlap (two
 * admissions raced to one bed → one), a resident has one open admission, a weekday's day places
 * are never enrolled past their number.
 */
export class Residential1764374400900 implements MigrationInterface {
  name = 'Residential1764374400900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE beds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
        code text NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
        room text NOT NULL CHECK (length(room) BETWEEN 1 AND 20),
        care_type text NOT NULL CHECK (care_type IN ('self_care', 'partial_care', 'full_care')),
        -- occupied is not stored: it is read from the occupancy periods
        status text NOT NULL DEFAULT 'free' CHECK (status IN ('free', 'reserved', 'out_of_service')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT beds_code_unique UNIQUE (facility_id, code)
      )`);

    await q.query(`
      CREATE TABLE admissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resident_id uuid NOT NULL REFERENCES residents (id),
        facility_id uuid NOT NULL REFERENCES facilities (id),
        care_type text NOT NULL CHECK (care_type IN ('self_care', 'partial_care', 'full_care')),
        care_level smallint NOT NULL CHECK (care_level BETWEEN 0 AND 4),
        status text NOT NULL CHECK (status IN ('waiting', 'admitted', 'discharged')),
        applied_at timestamptz NOT NULL,
        admitted_at timestamptz,
        discharged_at timestamptz,
        discharge_reason text CHECK (discharge_reason IN ('home', 'hospital', 'death', 'transfer_out', 'other')),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT admissions_dates CHECK (
          (status = 'waiting' AND admitted_at IS NULL AND discharged_at IS NULL)
          OR (status = 'admitted' AND admitted_at IS NOT NULL AND discharged_at IS NULL)
          OR (status = 'discharged' AND admitted_at IS NOT NULL AND discharged_at > admitted_at AND discharge_reason IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX admissions_one_open ON admissions (resident_id) WHERE status IN ('waiting', 'admitted')`);
    await q.query(`CREATE INDEX admissions_facility_status ON admissions (facility_id, status)`);

    // A bed holds one resident at a time: its occupancy periods never overlap.
    await q.query(`
      CREATE TABLE bed_occupancies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bed_id uuid NOT NULL REFERENCES beds (id),
        admission_id uuid NOT NULL REFERENCES admissions (id),
        facility_id uuid NOT NULL REFERENCES facilities (id),
        during tstzrange NOT NULL,
        CONSTRAINT bed_occupancies_bounded CHECK (NOT isempty(during) AND NOT lower_inf(during) AND lower_inc(during) AND NOT upper_inc(during)),
        CONSTRAINT bed_occupancies_one_resident EXCLUDE USING gist (bed_id WITH =, during WITH &&),
        CONSTRAINT bed_occupancies_one_bed EXCLUDE USING gist (admission_id WITH =, during WITH &&)
      )`);
    await q.query(`CREATE INDEX bed_occupancies_facility_during ON bed_occupancies USING gist (facility_id, during)`);

    await q.query(`
      CREATE TABLE admission_history (
        id bigserial PRIMARY KEY,
        admission_id uuid NOT NULL REFERENCES admissions (id),
        event text NOT NULL CHECK (event IN ('applied', 'admitted', 'transferred', 'discharged')),
        at timestamptz NOT NULL,
        bed_id uuid REFERENCES beds (id),
        reason text,
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX admission_history_admission ON admission_history (admission_id, id)`);

    // The monthly charge of a bed by care type (demo figures: the bureau sets the real ones).
    await q.query(`
      CREATE TABLE residential_rates (
        care_type text PRIMARY KEY CHECK (care_type IN ('self_care', 'partial_care', 'full_care')),
        monthly_fen integer NOT NULL CHECK (monthly_fen >= 0)
      )`);
    await q.query(
      `INSERT INTO residential_rates (care_type, monthly_fen) VALUES ('self_care', 120000), ('partial_care', 180000), ('full_care', 260000)`,
    );
    await q.query(`
      INSERT INTO subsidy_policies (name, subsidy_category, min_age, categories, share_permille, monthly_minutes, fixed_fen, funding_source) VALUES
        ('低保对象入住敬老院补贴 300元/月 (demo)', 'dibao', NULL, '{residential}', 0, NULL, 30000, 'residential_support')`);

    // Day places per weekday: enrolled is taken with a conditional update, and never passes places.
    await q.query(`
      CREATE TABLE day_places (
        facility_id uuid NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
        weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        places integer NOT NULL CHECK (places BETWEEN 0 AND 10000),
        enrolled integer NOT NULL DEFAULT 0,
        PRIMARY KEY (facility_id, weekday),
        CONSTRAINT day_places_within_places CHECK (enrolled BETWEEN 0 AND places)
      )`);
    await q.query(`
      CREATE TABLE enrolments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities (id),
        resident_id uuid NOT NULL REFERENCES residents (id),
        weekdays smallint[] NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ ARRAY[1,2,3,4,5,6,7]::smallint[]),
        active boolean NOT NULL DEFAULT true,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX enrolments_one_active ON enrolments (facility_id, resident_id) WHERE active`);
    await q.query(`
      CREATE TABLE attendance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities (id),
        resident_id uuid NOT NULL REFERENCES residents (id),
        day date NOT NULL,
        arrived_at timestamptz,
        left_at timestamptz,
        method text NOT NULL CHECK (method IN ('staff', 'card')),
        recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT attendance_once_a_day UNIQUE (facility_id, resident_id, day),
        CONSTRAINT attendance_order CHECK (left_at IS NULL OR arrived_at IS NULL OR left_at >= arrived_at)
      )`);
    await q.query(`CREATE INDEX attendance_facility_day ON attendance (facility_id, day)`);
    // A day's no-shows followed up once: the row is the claim.
    await q.query(`
      CREATE TABLE attendance_follow_ups (
        facility_id uuid NOT NULL REFERENCES facilities (id),
        resident_id uuid NOT NULL REFERENCES residents (id),
        day date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (facility_id, resident_id, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM subsidy_policies WHERE categories = '{residential}'`);
    for (const t of [
      'attendance_follow_ups',
      'attendance',
      'enrolments',
      'day_places',
      'residential_rates',
      'admission_history',
      'bed_occupancies',
      'admissions',
      'beds',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
