import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reports' marker trigger on capacity_slots updates becomes a row trigger whose WHEN clause
 * (checked without calling any function) lets through only rows where a column the reports read
 * changed: capacity, start, facility or service. A booking's `SET booked = booked + 1` and the
 * over-commit flag no longer run it (the reports count bookings from the orders themselves).
 * PostgreSQL allows transition tables only on triggers without a column list or WHEN clause, hence
 * a row trigger; updates that change capacity are few (the capacity job, a roster change).
 */
export class SlotReportTrigger1764374400601 implements MigrationInterface {
  name = 'SlotReportTrigger1764374400601';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION report_mark_slot_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_dirty_days
          SELECT DISTINCT facility_id, report_day(starts_at)
            FROM (VALUES (OLD.facility_id, OLD.starts_at), (NEW.facility_id, NEW.starts_at)) x (facility_id, starts_at);
        RETURN NULL;
      END $$`);
    await q.query('DROP TRIGGER report_slots_upd ON capacity_slots');
    await q.query(`CREATE TRIGGER report_slots_upd AFTER UPDATE ON capacity_slots FOR EACH ROW
      WHEN ((OLD.capacity, OLD.starts_at, OLD.facility_id, OLD.service_code) IS DISTINCT FROM (NEW.capacity, NEW.starts_at, NEW.facility_id, NEW.service_code))
      EXECUTE FUNCTION report_mark_slot_row()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER report_slots_upd ON capacity_slots');
    await q.query(`CREATE TRIGGER report_slots_upd AFTER UPDATE ON capacity_slots
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_slots()`);
    await q.query('DROP FUNCTION report_mark_slot_row()');
  }
}
