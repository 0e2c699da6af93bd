-- First created by migration 1764374400500-reports.
CREATE OR REPLACE FUNCTION report_mark_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO report_dirty_days SELECT DISTINCT o.facility_id, report_day(o.slot_start) FROM new_rows a JOIN orders o ON o.id = a.order_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO report_dirty_days SELECT DISTINCT o.facility_id, report_day(o.slot_start) FROM old_rows a JOIN orders o ON o.id = a.order_id;
  END IF;
  RETURN NULL;
END $$;
