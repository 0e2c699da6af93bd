import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Assignment explanations and unassigned reasons in Chinese beside the English, for the staff pages. */
export class ExplanationsZh1764374400602 implements MigrationInterface {
  name = 'ExplanationsZh1764374400602';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE assignments ADD COLUMN explanation_zh text');
    await q.query('ALTER TABLE unassigned_orders ADD COLUMN reason_zh text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE unassigned_orders DROP COLUMN reason_zh');
    await q.query('ALTER TABLE assignments DROP COLUMN explanation_zh');
  }
}
