import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Visits (check-in and check-out of an assigned order), feedback, the residents' service cards,
 * and notifications: an outbox that is also the in-app inbox, with webhook deliveries beside it.
 * The database holds: one visit and one feedback per order, a rating from 1 to 5, an event that
 * notifies a recipient once (dedupe_key), and one webhook delivery per endpoint and event.
 */
export class Visits1764374400400 implements MigrationInterface {
  name = 'Visits1764374400400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE visits (
        order_id uuid PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
        caregiver_id uuid NOT NULL REFERENCES caregivers (id),
        planned_start timestamptz NOT NULL,
        check_in_at timestamptz,
        check_in_lat double precision CHECK (check_in_lat BETWEEN -90 AND 90),
        check_in_lng double precision CHECK (check_in_lng BETWEEN -180 AND 180),
        check_in_distance_m integer CHECK (check_in_distance_m >= 0),
        check_in_verified_by text CHECK (check_in_verified_by IN ('location', 'code', 'staff')),
        flagged_far boolean NOT NULL DEFAULT false,
        check_out_at timestamptz,
        check_out_lat double precision CHECK (check_out_lat BETWEEN -90 AND 90),
        check_out_lng double precision CHECK (check_out_lng BETWEEN -180 AND 180),
        check_out_distance_m integer CHECK (check_out_distance_m >= 0),
        check_out_verified_by text CHECK (check_out_verified_by IN ('location', 'code', 'staff')),
        check_out_flagged_far boolean NOT NULL DEFAULT false,
        notes text CHECK (length(notes) <= 1000),
        actual_minutes integer CHECK (actual_minutes >= 0),
        late_alerted_at timestamptz,
        missed_at timestamptz,
        staff_reason text CHECK (length(staff_reason) <= 200),
        staff_by uuid REFERENCES users (id),
        staff_at timestamptz,
        CONSTRAINT visits_out_after_in CHECK (check_out_at IS NULL OR (check_in_at IS NOT NULL AND check_out_at >= check_in_at)),
        CONSTRAINT visits_minutes_with_out CHECK ((actual_minutes IS NULL) = (check_out_at IS NULL))
      )`);
    await q.query(`CREATE INDEX visits_caregiver_start ON visits (caregiver_id, planned_start)`);
    await q.query(
      `CREATE INDEX visits_flagged ON visits (planned_start) WHERE flagged_far OR late_alerted_at IS NOT NULL OR missed_at IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE feedback (
        order_id uuid PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comment text CHECK (length(comment) <= 500),
        by_user uuid NOT NULL REFERENCES users (id),
        at timestamptz NOT NULL DEFAULT now()
      )`);

    // The daily code is HMAC(secret, date), derived when needed: only the card's secret is kept.
    await q.query(`
      CREATE TABLE visit_cards (
        resident_id uuid PRIMARY KEY REFERENCES residents (id) ON DELETE CASCADE,
        secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL,
        dedupe_key text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        read_at timestamptz,
        CONSTRAINT notifications_dedupe_key UNIQUE (dedupe_key)
      )`);
    await q.query(`CREATE INDEX notifications_inbox ON notifications (recipient_user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notifications_unread ON notifications (recipient_user_id) WHERE read_at IS NULL`);

    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid UNIQUE REFERENCES facilities (id) ON DELETE CASCADE,
        user_id uuid UNIQUE REFERENCES users (id) ON DELETE CASCADE,
        url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 500),
        secret text NOT NULL CHECK (length(secret) BETWEEN 16 AND 200),
        updated_by uuid REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_endpoints_one_owner CHECK ((facility_id IS NULL) <> (user_id IS NULL))
      )`);

    // One delivery per endpoint and event: a facility's webhook hears of an event once, however
    // many of its staff accounts get it in their inbox.
    await q.query(`
      CREATE TABLE notification_deliveries (
        id bigserial PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        event_key text NOT NULL,
        channel text NOT NULL DEFAULT 'webhook' CHECK (channel IN ('webhook')),
        url text NOT NULL,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL,
        delivered_at timestamptz,
        gave_up_at timestamptz,
        last_status integer,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT notification_deliveries_once UNIQUE (endpoint_id, event_key)
      )`);
    await q.query(
      `CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND gave_up_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['notification_deliveries', 'webhook_endpoints', 'notifications', 'visit_cards', 'feedback', 'visits']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
