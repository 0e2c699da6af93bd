-- First created by migration 1764374400800-trust.
CREATE OR REPLACE FUNCTION users_bump_token_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.password_hash, OLD.role, OLD.facility_id, OLD.resident_id, OLD.caregiver_id)
       IS DISTINCT FROM (NEW.password_hash, NEW.role, NEW.facility_id, NEW.resident_id, NEW.caregiver_id)
     OR (NEW.disabled AND NOT OLD.disabled) THEN
    NEW.token_version := OLD.token_version + 1;
  END IF;
  RETURN NEW;
END $$;
