-- First created by migration 1764374400601-slot-report-trigger.
CREATE OR REPLACE FUNCTION report_mark_slot_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty_days
    SELECT DISTINCT facility_id, report_day(starts_at)
      FROM (VALUES (OLD.facility_id, OLD.starts_at), (NEW.facility_id, NEW.starts_at)) x (facility_id, starts_at);
  RETURN NULL;
END $$;
