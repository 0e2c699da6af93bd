import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service catalogue every deployment starts with (API.md's eight codes). Prices are the
 * demo policy's base prices in fen; facilities choose which services they offer.
 */
const SERVICES: [string, string, string, string, string, number, string, number, number][] = [
  // code, category, nameZh, nameEn, place, minutes, skill, min caregiver level, base price (fen)
  ['meal.dine_in', 'meal', '助餐·堂食', 'Meal: dine-in', 'facility', 60, 'meal', 5, 1200],
  ['meal.delivery', 'meal', '助餐·送餐', 'Meal: delivery', 'home', 30, 'meal', 5, 1500],
  ['cleaning.home', 'cleaning', '助洁·居家清洁', 'Cleaning at home', 'home', 90, 'cleaning', 5, 4500],
  ['mobility.escort', 'mobility', '助行·陪同出行', 'Mobility: escort', 'home', 60, 'mobility', 4, 3000],
  ['mobility.transport', 'mobility', '助行·接送', 'Mobility: transport', 'home', 60, 'mobility', 4, 5000],
  ['medical.hospital_escort', 'medical', '助医·陪诊', 'Medical: hospital escort', 'home', 180, 'medical', 4, 9000],
  ['medical.health_check', 'medical', '助医·健康监测', 'Medical: health check', 'facility', 30, 'medical', 3, 2000],
  ['medical.home_nursing', 'medical', '助医·上门护理', 'Medical: home nursing', 'home', 60, 'medical', 3, 8000],
];

export class ServiceCatalogue1764374400001 implements MigrationInterface {
  name = 'ServiceCatalogue1764374400001';

  async up(q: QueryRunner): Promise<void> {
    for (const row of SERVICES) {
      await q.query(
        `INSERT INTO services (code, category, name_zh, name_en, place, duration_minutes, required_skill, min_caregiver_level, base_price_fen)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code) DO NOTHING`,
        row,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM services WHERE code = ANY($1)`, [SERVICES.map((s) => s[0])]);
  }
}
