import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A booking's writes as one statement: take a unit of the slot, draw the resident's monthly
 * allowance, write the order and its first history row. The service reads the facts and prices
 * the order first (outside any lock); this function then checks, under the row locks, that what
 * the price was based on still holds: the slot still has a free unit (or is still full, for a
 * waitlisted order, whose slot row it locks too, so a cancellation freeing a unit at the same
 * moment is seen) and each allowance still shows the minutes read. If not, it raises SQLSTATE
 * CB001 and nothing is written; the service reads again and retries. The order takes its start
 * and end from the locked slot row, not from the earlier read. A full slot with no
 * waitlist returns no row. The CHECKs on capacity_slots and allowance_usage and the exclusion
 * constraint on orders stay the last word.
 */
export class BookingWrite1764374400600 implements MigrationInterface {
  name = 'BookingWrite1764374400600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION book_order(p_slot uuid, p_expect_free boolean, p_waitlist boolean, p_order jsonb, p_allowance jsonb, p_by uuid, p_reason text)
      RETURNS SETOF orders LANGUAGE plpgsql AS $$
      DECLARE
        v_taken boolean;
        v_free boolean;
        v_start timestamptz;
        v_end timestamptz;
        v_used integer;
        v_claim jsonb;
        v_order orders;
      BEGIN
        UPDATE capacity_slots SET booked = booked + 1 WHERE id = p_slot AND booked < capacity RETURNING starts_at, ends_at INTO v_start, v_end;
        v_taken := FOUND;
        IF NOT v_taken THEN
          -- Full, or gone: lock the row, so a cancellation freeing a unit now is seen, not missed.
          SELECT booked < capacity, starts_at, ends_at INTO v_free, v_start, v_end FROM capacity_slots WHERE id = p_slot FOR UPDATE;
          IF v_free THEN
            RAISE EXCEPTION 'the slot changed while booking' USING ERRCODE = 'CB001';
          END IF;
        END IF;
        IF v_taken <> p_expect_free THEN
          IF NOT v_taken AND NOT p_waitlist THEN
            RETURN;
          END IF;
          RAISE EXCEPTION 'the slot changed while booking' USING ERRCODE = 'CB001';
        END IF;
        IF v_taken THEN
          FOR v_claim IN SELECT value FROM jsonb_array_elements(p_allowance) LOOP
            INSERT INTO allowance_usage (resident_id, month, funding_source, minutes_limit)
            VALUES ((p_order->>'resident_id')::uuid, (p_order->>'allowance_month')::date, v_claim->>'source', (v_claim->>'limit')::integer)
            ON CONFLICT (resident_id, month, funding_source) DO UPDATE SET minutes_used = allowance_usage.minutes_used
            RETURNING minutes_used INTO v_used;
            IF v_used <> (v_claim->>'used')::integer THEN
              RAISE EXCEPTION 'the allowance changed while booking' USING ERRCODE = 'CB001';
            END IF;
            IF (v_claim->>'take')::integer > 0 THEN
              UPDATE allowance_usage SET minutes_used = minutes_used + (v_claim->>'take')::integer
               WHERE resident_id = (p_order->>'resident_id')::uuid AND month = (p_order->>'allowance_month')::date
                 AND funding_source = v_claim->>'source';
            END IF;
          END LOOP;
        END IF;
        INSERT INTO orders (resident_id, facility_id, service_code, slot_id, slot_start, slot_end, status, holds_capacity,
                            channel, created_by, notes, address, lat, lng, dietary_needs, base_fen, subsidy_fen, copay_fen,
                            funding, allowance, allowance_month, series_id)
        SELECT resident_id, facility_id, service_code, slot_id, COALESCE(v_start, slot_start), COALESCE(v_end, slot_end), status,
               status NOT IN ('waitlisted', 'cancelled'),
               channel, created_by, notes, address, lat, lng, COALESCE(dietary_needs, '{}'), base_fen, subsidy_fen, copay_fen,
               COALESCE(funding, '[]'), COALESCE(allowance, '{}'), allowance_month, series_id
          FROM jsonb_populate_record(NULL::orders, p_order)
        RETURNING * INTO v_order;
        INSERT INTO order_history (order_id, from_status, to_status, by_user, reason) VALUES (v_order.id, NULL, v_order.status, p_by, p_reason);
        RETURN NEXT v_order;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION IF EXISTS book_order(uuid, boolean, boolean, jsonb, jsonb, uuid, text)');
  }
}
