-- First created by migration 1764374400500-reports.
CREATE OR REPLACE FUNCTION report_mark_visits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO report_dirty_resident_months SELECT DISTINCT o.resident_id, report_month(o.slot_start) FROM new_rows v JOIN orders o ON o.id = v.order_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO report_dirty_resident_months SELECT DISTINCT o.resident_id, report_month(o.slot_start) FROM old_rows v JOIN orders o ON o.id = v.order_id;
  END IF;
  RETURN NULL;
END $$;
