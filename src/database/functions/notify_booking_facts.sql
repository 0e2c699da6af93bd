-- First created by migration 1764374400604-booking-one-trip.
CREATE OR REPLACE FUNCTION notify_booking_facts() RETURNS trigger LANGUAGE plpgsql AS $$
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
END $$;
