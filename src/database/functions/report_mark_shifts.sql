-- First created by migration 1764374400500-reports.
CREATE OR REPLACE FUNCTION report_mark_shifts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO report_dirty_days
      SELECT DISTINCT s.facility_id, d::date FROM new_rows s,
             generate_series(report_day(lower(s.during)), report_day(upper(s.during) - interval '1 microsecond'), interval '1 day') d;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO report_dirty_days
      SELECT DISTINCT s.facility_id, d::date FROM old_rows s,
             generate_series(report_day(lower(s.during)), report_day(upper(s.during) - interval '1 microsecond'), interval '1 day') d;
  END IF;
  RETURN NULL;
END $$;
