import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A booking in one round trip when the service already holds the resident's, the service's and
 * the facility's facts in memory (src/orders/booking-facts-cache.ts).
 *
 * Changes to those facts are sent on channel `booking_facts_changed`: 'resident:<id>' when a
 * resident's booking facts change or the row goes, 'link:<user>:<resident>' for a family link,
 * 'registry' for any change to services, facilities or the services they offer, '*' on TRUNCATE.
 *
 * book_order_at(facility, service, start, …) finds the slot itself and checks, under its locks,
 * what the facts read would have told, and answers an outcome with the order: 'booked', or
 * 'no_slot' at that time, 'overlap' with a live order of the resident (detail: its service), or
 * 'full' unless the order may wait. Refusals are answers, not errors: a statement that fails on a
 * pooled connection costs that connection. It takes a unit with `booked < capacity` (locking a full slot,
 * so a unit freed at that moment is taken rather than missed), writes the order with the slot's
 * times, and its first history row. A waitlisted order holds the base price and draws nothing.
 * It is only used for residents whose price draws no monthly allowance, and it records none; the
 * others go through book_order, which checks the allowance minutes the price was based on.
 */
export class BookingOneTrip1764374400604 implements MigrationInterface {
  name = 'BookingOneTrip1764374400604';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_booking_facts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_LEVEL = 'STATEMENT' THEN
          PERFORM pg_notify('booking_facts_changed', CASE WHEN TG_OP = 'TRUNCATE' THEN '*' ELSE 'registry' END);
        ELSIF TG_TABLE_NAME = 'residents' THEN
          PERFORM pg_notify('booking_facts_changed', 'resident:' || OLD.id);
        ELSE
          IF TG_OP <> 'INSERT' THEN
            PERFORM pg_notify('booking_facts_changed', 'link:' || OLD.user_id || ':' || OLD.resident_id);
          END IF;
          IF TG_OP <> 'DELETE' THEN
            PERFORM pg_notify('booking_facts_changed', 'link:' || NEW.user_id || ':' || NEW.resident_id);
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER residents_booking_facts AFTER UPDATE ON residents FOR EACH ROW
      WHEN ((OLD.birth_date, OLD.subsidy_category, OLD.care_level, OLD.lat, OLD.lng, OLD.address, OLD.dietary_needs, OLD.home_facility_id)
        IS DISTINCT FROM (NEW.birth_date, NEW.subsidy_category, NEW.care_level, NEW.lat, NEW.lng, NEW.address, NEW.dietary_needs, NEW.home_facility_id))
      EXECUTE FUNCTION notify_booking_facts()`);
    await q.query(
      'CREATE TRIGGER residents_booking_facts_del AFTER DELETE ON residents FOR EACH ROW EXECUTE FUNCTION notify_booking_facts()',
    );
    await q.query(
      'CREATE TRIGGER family_links_booking_facts AFTER INSERT OR UPDATE OR DELETE ON family_links FOR EACH ROW EXECUTE FUNCTION notify_booking_facts()',
    );
    for (const table of ['services', 'facilities', 'facility_services']) {
      await q.query(
        `CREATE TRIGGER ${table}_booking_facts AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION notify_booking_facts()`,
      );
    }
    for (const table of ['residents', 'family_links', 'services', 'facilities', 'facility_services']) {
      await q.query(
        `CREATE TRIGGER ${table}_booking_facts_trunc AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION notify_booking_facts()`,
      );
    }

    await q.query(`
      CREATE FUNCTION book_order_at(p_facility uuid, p_service text, p_start timestamptz, p_minutes integer, p_waitlist boolean, p_order jsonb, p_by uuid)
      RETURNS TABLE (outcome text, detail text, o orders) LANGUAGE plpgsql AS $$
      DECLARE
        v_slot uuid;
        v_free boolean;
        v_start timestamptz;
        v_end timestamptz;
        v_overlap text;
        v_waiting boolean := false;
        v_order orders;
      BEGIN
        SELECT id INTO v_slot FROM capacity_slots WHERE facility_id = p_facility AND service_code = p_service AND starts_at = p_start;
        IF NOT FOUND THEN
          RETURN QUERY SELECT 'no_slot', NULL::text, NULL::orders;
          RETURN;
        END IF;
        -- As the facts read checks it; the exclusion constraint on orders stays the last word.
        SELECT other.service_code INTO v_overlap FROM orders other
         WHERE other.resident_id = (p_order->>'resident_id')::uuid AND other.status IN ('waitlisted', 'confirmed', 'assigned', 'in_progress')
           AND tstzrange(other.slot_start, other.slot_end) && tstzrange(p_start, p_start + make_interval(mins => p_minutes))
         LIMIT 1;
        IF FOUND THEN
          RETURN QUERY SELECT 'overlap', v_overlap, NULL::orders;
          RETURN;
        END IF;
        UPDATE capacity_slots SET booked = booked + 1 WHERE id = v_slot AND booked < capacity RETURNING starts_at, ends_at INTO v_start, v_end;
        IF NOT FOUND THEN
          -- Full: lock the row, so a unit a cancellation frees now is taken, not missed.
          SELECT booked < capacity, starts_at, ends_at INTO v_free, v_start, v_end FROM capacity_slots WHERE id = v_slot FOR UPDATE;
          IF v_free IS NULL THEN
            -- Removed since it was found.
            RETURN QUERY SELECT 'no_slot', NULL::text, NULL::orders;
            RETURN;
          ELSIF v_free THEN
            UPDATE capacity_slots SET booked = booked + 1 WHERE id = v_slot;
          ELSIF p_waitlist THEN
            v_waiting := true;
          ELSE
            RETURN QUERY SELECT 'full', NULL::text, NULL::orders;
            RETURN;
          END IF;
        END IF;
        INSERT INTO orders (resident_id, facility_id, service_code, slot_id, slot_start, slot_end, status, holds_capacity,
                            channel, created_by, notes, address, lat, lng, dietary_needs, base_fen, subsidy_fen, copay_fen,
                            funding, allowance, allowance_month, series_id)
        SELECT resident_id, p_facility, p_service, v_slot, v_start, v_end,
               CASE WHEN v_waiting THEN 'waitlisted' ELSE 'confirmed' END, NOT v_waiting,
               channel, created_by, notes, address, lat, lng, COALESCE(dietary_needs, '{}'), base_fen,
               CASE WHEN v_waiting THEN 0 ELSE subsidy_fen END,
               CASE WHEN v_waiting THEN base_fen ELSE copay_fen END,
               CASE WHEN v_waiting THEN '[]' ELSE COALESCE(funding, '[]') END,
               '{}', CASE WHEN v_waiting THEN NULL ELSE allowance_month END, series_id
          FROM jsonb_populate_record(NULL::orders, p_order)
        RETURNING * INTO v_order;
        INSERT INTO order_history (order_id, from_status, to_status, by_user, reason)
        VALUES (v_order.id, NULL, v_order.status, p_by, CASE WHEN v_waiting THEN 'slot full: waitlisted' END);
        RETURN QUERY SELECT 'booked', NULL::text, v_order;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION book_order_at(uuid, text, timestamptz, integer, boolean, jsonb, uuid)');
    for (const table of ['residents', 'family_links', 'services', 'facilities', 'facility_services']) {
      await q.query(`DROP TRIGGER ${table}_booking_facts_trunc ON ${table}`);
    }
    for (const table of ['services', 'facilities', 'facility_services']) await q.query(`DROP TRIGGER ${table}_booking_facts ON ${table}`);
    await q.query('DROP TRIGGER family_links_booking_facts ON family_links');
    await q.query('DROP TRIGGER residents_booking_facts_del ON residents');
    await q.query('DROP TRIGGER residents_booking_facts ON residents');
    await q.query('DROP FUNCTION notify_booking_facts()');
  }
}
