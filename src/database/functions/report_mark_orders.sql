-- First created by migration 1764374400500-reports.
CREATE OR REPLACE FUNCTION report_mark_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_dirty_days SELECT DISTINCT facility_id, report_day(slot_start) FROM new_rows;
    INSERT INTO report_dirty_resident_months SELECT DISTINCT resident_id, report_month(slot_start) FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_dirty_days SELECT DISTINCT facility_id, report_day(slot_start) FROM old_rows;
    INSERT INTO report_dirty_resident_months SELECT DISTINCT resident_id, report_month(slot_start) FROM old_rows;
  ELSE
    -- Only rows whose reported figures can change; both the old and the new place.
    WITH changed AS (
      SELECT x.facility_id, x.slot_start, x.resident_id
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES (o.facility_id, o.slot_start, o.resident_id), (n.facility_id, n.slot_start, n.resident_id)) x (facility_id, slot_start, resident_id)
       WHERE (o.status, o.slot_start, o.facility_id, o.service_code, o.resident_id, o.holds_capacity, o.base_fen, o.subsidy_fen, o.copay_fen, o.funding, o.created_at)
             IS DISTINCT FROM
             (n.status, n.slot_start, n.facility_id, n.service_code, n.resident_id, n.holds_capacity, n.base_fen, n.subsidy_fen, n.copay_fen, n.funding, n.created_at)
    ), days AS (
      INSERT INTO report_dirty_days SELECT DISTINCT facility_id, report_day(slot_start) FROM changed
    )
    INSERT INTO report_dirty_resident_months SELECT DISTINCT resident_id, report_month(slot_start) FROM changed;
  END IF;
  RETURN NULL;
END $$;
