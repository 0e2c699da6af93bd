-- First created by migration 1764374400901-division-codes.
CREATE OR REPLACE FUNCTION fill_division_codes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.district IS DISTINCT FROM OLD.district AND NEW.district_code IS NOT DISTINCT FROM OLD.district_code THEN NEW.district_code := NULL; END IF;
    IF (NEW.street IS DISTINCT FROM OLD.street OR NEW.district_code IS DISTINCT FROM OLD.district_code)
       AND NEW.street_code IS NOT DISTINCT FROM OLD.street_code THEN NEW.street_code := NULL; END IF;
  END IF;
  IF NEW.district_code IS NULL THEN
    SELECT code INTO NEW.district_code FROM divisions WHERE parent_code IS NULL AND name = NEW.district;
  END IF;
  IF NEW.street_code IS NULL AND NEW.district_code IS NOT NULL THEN
    SELECT code INTO NEW.street_code FROM divisions WHERE parent_code = NEW.district_code AND name = NEW.street;
  END IF;
  RETURN NEW;
END $$;
