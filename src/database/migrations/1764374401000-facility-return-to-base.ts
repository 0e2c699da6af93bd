import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a facility's caregivers must be back at base by the end of each shift, that way back
 * counted as travel by the assignment engine (issue 16: in home care the way back is paid time).
 * NULL means the default of the facility's type: on for street centres, off for the others.
 */
export class FacilityReturnToBase1764374401000 implements MigrationInterface {
  name = 'FacilityReturnToBase1764374401000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE facilities ADD COLUMN return_to_base boolean');
    await q.query(
      `COMMENT ON COLUMN facilities.return_to_base IS 'assignment plans the way back to base inside each shift; NULL: on for street centres, off otherwise'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE facilities DROP COLUMN return_to_base');
  }
}
