import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CHENZHOU_DIVISIONS } from '../../divisions/chenzhou-divisions.js';

/**
 * GB/T 2260 codes beside the district and street names of residents and facilities (issue 17).
 * The divisions are a table (from the generated chenzhou-divisions.ts); a trigger fills the codes
 * from the names where a writer gives names only (the seed, older clients), and a CHECK keeps a
 * street's code inside its district's. Names that the register does not know keep null codes.
 */
export class DivisionCodes1764374400901 implements MigrationInterface {
  name = 'DivisionCodes1764374400901';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE divisions (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}([0-9]{3})?$'),
        name text NOT NULL,
        parent_code text REFERENCES divisions (code),
        CONSTRAINT divisions_street_in_parent CHECK ((length(code) = 6) = (parent_code IS NULL) AND (parent_code IS NULL OR left(code, 6) = parent_code))
      )`);
    for (const d of CHENZHOU_DIVISIONS.divisions) {
      await q.query('INSERT INTO divisions (code, name) VALUES ($1, $2)', [d.code, d.name]);
      for (const s of d.streets)
        await q.query('INSERT INTO divisions (code, name, parent_code) VALUES ($1, $2, $3)', [s.code, s.name, d.code]);
    }
    for (const table of ['residents', 'facilities']) {
      await q.query(`
        ALTER TABLE ${table}
          ADD COLUMN district_code text REFERENCES divisions (code),
          ADD COLUMN street_code text REFERENCES divisions (code),
          ADD CONSTRAINT ${table}_street_in_district CHECK (
            (district_code IS NULL OR length(district_code) = 6)
            AND (street_code IS NULL OR (district_code IS NOT NULL AND length(street_code) = 9 AND left(street_code, 6) = district_code)))`);
    }
    await q.query(`
      CREATE FUNCTION fill_division_codes() RETURNS trigger LANGUAGE plpgsql AS $$
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
      END $$`);
    for (const table of ['residents', 'facilities']) {
      await q.query(
        `CREATE TRIGGER ${table}_division_codes BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION fill_division_codes()`,
      );
      // Fills the codes of the rows already there.
      await q.query(`UPDATE ${table} SET district_code = NULL, street_code = NULL`);
      await q.query(`CREATE INDEX ${table}_district_code ON ${table} (district_code, street_code)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['residents', 'facilities']) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_division_codes ON ${table}`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS street_code, DROP COLUMN IF EXISTS district_code`);
    }
    await q.query('DROP FUNCTION IF EXISTS fill_division_codes()');
    await q.query('DROP TABLE IF EXISTS divisions');
  }
}
