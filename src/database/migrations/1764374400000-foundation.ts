import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The care network's registry, accounts, login throttling and the audit trail.
 * Invariants are stated here as constraints so that no code path can break them.
 */
export class Foundation1764374400000 implements MigrationInterface {
  name = 'Foundation1764374400000';

  async up(q: QueryRunner): Promise<void> {
    // Exclusion constraints over (id, time range) in later migrations need btree_gist.
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE facilities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{2,32}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        type text NOT NULL CHECK (type IN ('street_centre', 'day_care', 'rural_home')),
        district text NOT NULL,
        street text NOT NULL,
        address text NOT NULL,
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
        opening_hours jsonb NOT NULL,
        phone text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX facilities_district_type ON facilities (district, type)`);

    await q.query(`
      CREATE TABLE services (
        code text PRIMARY KEY CHECK (code ~ '^[a-z_]+\\.[a-z_]+$'),
        category text NOT NULL CHECK (category IN ('meal', 'cleaning', 'mobility', 'medical')),
        name_zh text NOT NULL,
        name_en text NOT NULL,
        place text NOT NULL CHECK (place IN ('facility', 'home')),
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
        required_skill text NOT NULL CHECK (required_skill IN ('meal', 'cleaning', 'mobility', 'medical')),
        min_caregiver_level smallint NOT NULL DEFAULT 5 CHECK (min_caregiver_level BETWEEN 1 AND 5),
        base_price_fen integer NOT NULL CHECK (base_price_fen >= 0)
      )`);

    await q.query(`
      CREATE TABLE facility_services (
        facility_id uuid NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
        service_code text NOT NULL REFERENCES services (code),
        PRIMARY KEY (facility_id, service_code)
      )`);

    await q.query(`
      CREATE TABLE residents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        id_number text NOT NULL CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
        birth_date date NOT NULL,
        gender text NOT NULL CHECK (gender IN ('female', 'male')),
        phone text CHECK (phone ~ '^1[0-9]{10}$'),
        address text NOT NULL,
        lat double precision CHECK (lat BETWEEN -90 AND 90),
        lng double precision CHECK (lng BETWEEN -180 AND 180),
        district text NOT NULL,
        street text NOT NULL,
        care_level smallint NOT NULL CHECK (care_level BETWEEN 0 AND 4),
        subsidy_category text NOT NULL DEFAULT 'none' CHECK (subsidy_category IN ('none', 'tekun', 'dibao', 'dibao_edge')),
        dietary_needs text[] NOT NULL DEFAULT '{}',
        home_facility_id uuid NOT NULL REFERENCES facilities (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT residents_location_pair CHECK ((lat IS NULL) = (lng IS NULL)),
        CONSTRAINT residents_id_number_unique UNIQUE (id_number)
      )`);
    await q.query(`CREATE INDEX residents_home_facility ON residents (home_facility_id)`);
    await q.query(`CREATE INDEX residents_district_street ON residents (district, street)`);

    await q.query(`
      CREATE TABLE caregivers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        facility_id uuid NOT NULL REFERENCES facilities (id),
        gender text NOT NULL CHECK (gender IN ('female', 'male')),
        phone text CHECK (phone ~ '^1[0-9]{10}$'),
        skills text[] NOT NULL CHECK (cardinality(skills) > 0 AND skills <@ ARRAY['meal', 'cleaning', 'mobility', 'medical']),
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
        home_lat double precision NOT NULL CHECK (home_lat BETWEEN -90 AND 90),
        home_lng double precision NOT NULL CHECK (home_lng BETWEEN -180 AND 180),
        max_weekly_minutes integer NOT NULL DEFAULT 2400 CHECK (max_weekly_minutes BETWEEN 0 AND 4200),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX caregivers_facility ON caregivers (facility_id)`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL CHECK (username ~ '^[a-z0-9._-]{3,50}$'),
        phone text CHECK (phone ~ '^1[0-9]{10}$'),
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('senior', 'family', 'caregiver', 'centre_staff', 'bureau_staff', 'admin')),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 50),
        facility_id uuid REFERENCES facilities (id),
        resident_id uuid REFERENCES residents (id),
        caregiver_id uuid REFERENCES caregivers (id),
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_username_unique UNIQUE (username),
        CONSTRAINT users_phone_unique UNIQUE (phone),
        CONSTRAINT users_role_links CHECK (
          (role <> 'centre_staff' OR facility_id IS NOT NULL) AND
          (role <> 'senior' OR resident_id IS NOT NULL) AND
          (role <> 'caregiver' OR caregiver_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_resident_unique ON users (resident_id) WHERE role = 'senior'`);
    await q.query(`CREATE UNIQUE INDEX users_caregiver_unique ON users (caregiver_id) WHERE role = 'caregiver'`);

    await q.query(`
      CREATE TABLE family_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        resident_id uuid NOT NULL REFERENCES residents (id) ON DELETE CASCADE,
        relationship text NOT NULL CHECK (length(relationship) BETWEEN 1 AND 20),
        can_book boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT family_links_unique UNIQUE (user_id, resident_id)
      )`);
    await q.query(`CREATE INDEX family_links_resident ON family_links (resident_id)`);

    // Login failures counted in the database, so that every instance sees the same count.
    await q.query(`
      CREATE TABLE login_failures (
        key text PRIMARY KEY,
        window_start timestamptz NOT NULL,
        failures integer NOT NULL
      )`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid,
        actor_role text,
        entity text NOT NULL,
        entity_id text NOT NULL,
        action text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        changes jsonb NOT NULL,
        request_id text
      )`);
    await q.query(`CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at)`);
    await q.query(`CREATE INDEX audit_log_at ON audit_log (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'login_failures',
      'family_links',
      'users',
      'caregivers',
      'residents',
      'facility_services',
      'services',
      'facilities',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
