-- First created by migration 1764374400500-reports.
CREATE OR REPLACE FUNCTION report_mark_residents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty_days
    SELECT DISTINCT o.facility_id, report_day(o.slot_start)
      FROM old_rows r JOIN new_rows n ON n.id = r.id JOIN orders o ON o.resident_id = n.id
     WHERE r.subsidy_category IS DISTINCT FROM n.subsidy_category AND o.status = 'completed';
  RETURN NULL;
END $$;
