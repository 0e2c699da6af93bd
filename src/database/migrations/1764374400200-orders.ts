import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders, their status history, idempotency keys, recurring series, the subsidy policy and each
 * resident's monthly allowance use. The database holds the booking invariants: a resident never
 * has two live orders at once (exclusion constraint), a price always splits exactly, an
 * allowance is never overdrawn, and an idempotency key belongs to one order.
 */
export class Orders1764374400200 implements MigrationInterface {
  name = 'Orders1764374400200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subsidy_policies (
        id serial PRIMARY KEY,
        name text NOT NULL,
        subsidy_category text CHECK (subsidy_category IN ('none', 'tekun', 'dibao', 'dibao_edge')),
        min_age integer CHECK (min_age BETWEEN 0 AND 130),
        categories text[] NOT NULL DEFAULT '{}',
        share_permille integer NOT NULL DEFAULT 0 CHECK (share_permille BETWEEN 0 AND 1000),
        monthly_minutes integer CHECK (monthly_minutes >= 0),
        fixed_fen integer NOT NULL DEFAULT 0 CHECK (fixed_fen >= 0),
        funding_source text NOT NULL,
        active boolean NOT NULL DEFAULT true
      )`);
    // The demo policy (clearly a demo: the bureau sets the real one).
    await q.query(`
      INSERT INTO subsidy_policies (name, subsidy_category, min_age, categories, share_permille, monthly_minutes, fixed_fen, funding_source) VALUES
        ('特困人员基本服务全额保障 (demo)', 'tekun', NULL, '{}', 1000, NULL, 0, 'tekun_support'),
        ('低保对象政府购买服务 70%，每月600分钟 (demo)', 'dibao', NULL, '{}', 700, 600, 0, 'gov_purchase'),
        ('低保边缘政府购买服务 50%，每月300分钟 (demo)', 'dibao_edge', NULL, '{}', 500, 300, 0, 'gov_purchase'),
        ('80岁以上高龄助餐补贴 3元/餐 (demo)', NULL, 80, '{meal}', 0, NULL, 300, 'advanced_age_meal')`);

    await q.query(`
      CREATE TABLE order_series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resident_id uuid NOT NULL REFERENCES residents (id),
        facility_id uuid NOT NULL REFERENCES facilities (id),
        service_code text NOT NULL REFERENCES services (code),
        weekdays smallint[] NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ ARRAY[1,2,3,4,5,6,7]::smallint[]),
        time_of_day text NOT NULL CHECK (time_of_day ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        from_date date NOT NULL,
        until_date date NOT NULL CHECK (until_date >= from_date),
        materialised_until date,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
        channel text NOT NULL,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz
      )`);

    await q.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resident_id uuid NOT NULL REFERENCES residents (id),
        facility_id uuid NOT NULL REFERENCES facilities (id),
        service_code text NOT NULL REFERENCES services (code),
        slot_id uuid NOT NULL REFERENCES capacity_slots (id),
        slot_start timestamptz NOT NULL,
        slot_end timestamptz NOT NULL CHECK (slot_end > slot_start),
        status text NOT NULL CHECK (status IN ('waitlisted', 'confirmed', 'assigned', 'in_progress', 'completed', 'cancelled', 'no_show', 'missed')),
        holds_capacity boolean NOT NULL,
        channel text NOT NULL CHECK (channel IN ('self', 'family', 'staff')),
        created_by uuid NOT NULL REFERENCES users (id),
        notes text CHECK (length(notes) <= 500),
        address text,
        lat double precision,
        lng double precision,
        dietary_needs text[] NOT NULL DEFAULT '{}',
        base_fen integer NOT NULL CHECK (base_fen >= 0),
        subsidy_fen integer NOT NULL CHECK (subsidy_fen >= 0),
        copay_fen integer NOT NULL CHECK (copay_fen >= 0),
        funding jsonb NOT NULL DEFAULT '[]',
        allowance jsonb NOT NULL DEFAULT '{}',
        allowance_month date,
        series_id uuid REFERENCES order_series (id),
        cancel_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT orders_price_split CHECK (subsidy_fen + copay_fen = base_fen),
        CONSTRAINT orders_capacity_status CHECK (holds_capacity = (status NOT IN ('waitlisted', 'cancelled'))),
        CONSTRAINT orders_resident_no_overlap EXCLUDE USING gist (
          resident_id WITH =, tstzrange(slot_start, slot_end) WITH &&
        ) WHERE (status IN ('waitlisted', 'confirmed', 'assigned', 'in_progress'))
      )`);
    await q.query(`CREATE INDEX orders_facility_start ON orders (facility_id, slot_start)`);
    await q.query(`CREATE INDEX orders_resident_start ON orders (resident_id, slot_start)`);
    await q.query(`CREATE INDEX orders_waitlist ON orders (slot_id, created_at) WHERE status = 'waitlisted'`);
    await q.query(`CREATE INDEX orders_series ON orders (series_id) WHERE series_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE order_history (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        from_status text,
        to_status text NOT NULL,
        by_user uuid REFERENCES users (id),
        reason text
      )`);
    await q.query(`CREATE INDEX order_history_order ON order_history (order_id, id)`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        request_hash text NOT NULL,
        state text NOT NULL CHECK (state IN ('in_progress', 'done')),
        response_status integer,
        response_body jsonb,
        order_id uuid REFERENCES orders (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key),
        CONSTRAINT idempotency_keys_order_unique UNIQUE (order_id)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)`);

    await q.query(`
      CREATE TABLE allowance_usage (
        resident_id uuid NOT NULL REFERENCES residents (id),
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        funding_source text NOT NULL,
        minutes_used integer NOT NULL DEFAULT 0,
        minutes_limit integer NOT NULL,
        PRIMARY KEY (resident_id, month, funding_source),
        CONSTRAINT allowance_within_limit CHECK (minutes_used BETWEEN 0 AND minutes_limit)
      )`);

    // One row per tick of a scheduled job: the instance that inserts it does the tick's work.
    await q.query(`
      CREATE TABLE job_ticks (
        job text NOT NULL,
        tick text NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at timestamptz,
        result jsonb,
        PRIMARY KEY (job, tick)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['job_ticks', 'allowance_usage', 'idempotency_keys', 'order_history', 'orders', 'order_series', 'subsidy_policies']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
