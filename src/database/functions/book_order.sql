-- A booking's writes as one statement: take a unit of the slot, draw the resident's monthly
-- allowance, write the order and its first history row. Both ways of booking come here
-- (migration 1764374401200 made one function of book_order and book_order_at):
--
-- * Facts read (p_slot given, p_expect_free the slot's state as read): the service read the
--   facts and priced the order outside any lock; under the row locks this checks that what the
--   price rests on still holds: the slot still has a free unit (or is still full, for a
--   waitlisted order, whose slot row it locks too, so a cancellation freeing a unit at the same
--   moment is seen) and each allowance claim in p_allowance still shows the minutes read. If
--   not, it raises SQLSTATE CB001 and nothing is written; the service reads again and retries.
-- * Facts known (p_slot and p_expect_free null): the service holds the resident's, service's and
--   facility's facts in memory (src/orders/booking-facts-cache.ts) and the price draws no monthly
--   allowance. This finds the slot at (p_facility, p_service, p_start) itself and checks what a
--   facts read would have told: 'no_slot' at that time, 'overlap' with a live order of the
--   resident over p_minutes (detail: its service). A unit freed at the moment the slot is seen
--   full is taken rather than missed.
--
-- Either way a full slot answers 'full' unless the order may wait (p_waitlist), when it is
-- waitlisted at the base price and draws nothing. Refusals are answers, not errors: a statement
-- that fails on a pooled connection costs that connection. The order takes its start and end
-- from the locked slot row, not from an earlier read; its status, and whether it holds a unit,
-- follow from whether a unit was taken. The CHECKs on capacity_slots and allowance_usage and the
-- exclusion constraint on orders stay the last word.
CREATE OR REPLACE FUNCTION book_order(p_slot uuid, p_facility uuid, p_service text, p_start timestamptz, p_minutes integer,
                                      p_expect_free boolean, p_waitlist boolean, p_order jsonb, p_allowance jsonb, p_by uuid)
RETURNS TABLE (outcome text, detail text, o orders) LANGUAGE plpgsql AS $$
DECLARE
  v_slot uuid := p_slot;
  v_taken boolean;
  v_free boolean;
  v_start timestamptz;
  v_end timestamptz;
  v_overlap text;
  v_used integer;
  v_claim jsonb;
  v_order orders;
BEGIN
  IF v_slot IS NULL THEN
    SELECT id INTO v_slot FROM capacity_slots WHERE facility_id = p_facility AND service_code = p_service AND starts_at = p_start;
    IF NOT FOUND THEN
      RETURN QUERY SELECT 'no_slot', NULL::text, NULL::orders;
      RETURN;
    END IF;
    -- As the facts read checks it.
    SELECT other.service_code INTO v_overlap FROM orders other
     WHERE other.resident_id = (p_order->>'resident_id')::uuid AND other.status IN ('waitlisted', 'confirmed', 'assigned', 'in_progress')
       AND tstzrange(other.slot_start, other.slot_end) && tstzrange(p_start, p_start + make_interval(mins => p_minutes))
     LIMIT 1;
    IF FOUND THEN
      RETURN QUERY SELECT 'overlap', v_overlap, NULL::orders;
      RETURN;
    END IF;
  END IF;

  UPDATE capacity_slots SET booked = booked + 1 WHERE id = v_slot AND booked < capacity RETURNING starts_at, ends_at INTO v_start, v_end;
  v_taken := FOUND;
  IF NOT v_taken THEN
    -- Full, or gone: lock the row, so a cancellation freeing a unit now is seen, not missed.
    SELECT booked < capacity, starts_at, ends_at INTO v_free, v_start, v_end FROM capacity_slots WHERE id = v_slot FOR UPDATE;
    IF v_free AND p_expect_free IS NULL THEN
      UPDATE capacity_slots SET booked = booked + 1 WHERE id = v_slot;
      v_taken := true;
    ELSIF v_free THEN
      RAISE EXCEPTION 'the slot changed while booking' USING ERRCODE = 'CB001';
    ELSIF v_free IS NULL AND p_expect_free IS NULL THEN
      -- Removed since it was found.
      RETURN QUERY SELECT 'no_slot', NULL::text, NULL::orders;
      RETURN;
    END IF;
  END IF;
  IF v_taken IS DISTINCT FROM COALESCE(p_expect_free, v_taken) OR (NOT v_taken AND NOT p_waitlist) THEN
    IF NOT v_taken AND NOT p_waitlist THEN
      RETURN QUERY SELECT 'full', NULL::text, NULL::orders;
      RETURN;
    END IF;
    RAISE EXCEPTION 'the slot changed while booking' USING ERRCODE = 'CB001';
  END IF;

  IF v_taken THEN
    FOR v_claim IN SELECT value FROM jsonb_array_elements(COALESCE(p_allowance, '[]')) LOOP
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

  -- A waitlisted order holds the base price and draws nothing until it is confirmed.
  INSERT INTO orders (resident_id, facility_id, service_code, slot_id, slot_start, slot_end, status, holds_capacity,
                      channel, created_by, notes, address, lat, lng, dietary_needs, base_fen, subsidy_fen, copay_fen,
                      funding, allowance, allowance_month, series_id)
  SELECT resident_id, facility_id, service_code, v_slot, COALESCE(v_start, slot_start), COALESCE(v_end, slot_end),
         CASE WHEN v_taken THEN 'confirmed' ELSE 'waitlisted' END, v_taken,
         channel, created_by, notes, address, lat, lng, COALESCE(dietary_needs, '{}'), base_fen,
         CASE WHEN v_taken THEN subsidy_fen ELSE 0 END,
         CASE WHEN v_taken THEN copay_fen ELSE base_fen END,
         CASE WHEN v_taken THEN COALESCE(funding, '[]') ELSE '[]' END,
         CASE WHEN v_taken THEN COALESCE(allowance, '{}') ELSE '{}' END,
         CASE WHEN v_taken THEN allowance_month END, series_id
    FROM jsonb_populate_record(NULL::orders, p_order)
  RETURNING * INTO v_order;
  INSERT INTO order_history (order_id, from_status, to_status, by_user, reason)
  VALUES (v_order.id, NULL, v_order.status, p_by, CASE WHEN NOT v_taken THEN 'slot full: waitlisted' END);
  RETURN QUERY SELECT 'booked', NULL::text, v_order;
END $$;
