-- First created by migration 1764374400500-reports.
CREATE OR REPLACE FUNCTION report_mark_slots() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_dirty_days SELECT DISTINCT facility_id, report_day(starts_at) FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_dirty_days SELECT DISTINCT facility_id, report_day(starts_at) FROM old_rows;
  ELSE
    INSERT INTO report_dirty_days
      SELECT DISTINCT x.facility_id, report_day(x.starts_at)
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES (o.facility_id, o.starts_at), (n.facility_id, n.starts_at)) x (facility_id, starts_at)
       WHERE (o.capacity, o.starts_at, o.facility_id, o.service_code) IS DISTINCT FROM (n.capacity, n.starts_at, n.facility_id, n.service_code);
  END IF;
  RETURN NULL;
END $$;
