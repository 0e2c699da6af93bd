-- First created by migration 1764374400500-reports.
CREATE OR REPLACE FUNCTION report_mark_services() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty_resident_months
    SELECT DISTINCT o.resident_id, report_month(o.slot_start)
      FROM old_rows s JOIN new_rows n ON n.code = s.code JOIN orders o ON o.service_code = n.code
     WHERE s.duration_minutes IS DISTINCT FROM n.duration_minutes AND o.status = 'completed';
  RETURN NULL;
END $$;
