import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password.js';
import { seedDemoCity } from '../seed/demo-city.js';
import { createDataSource } from './data-source.js';

export interface PrepareOptions {
  adminPassword?: string;
  seedDemo: boolean;
  seedResidents: number;
  /** Days of demo history (src/seed/history.ts); absent or 0: none. */
  seedHistoryDays?: number;
  travelAllowanceMinutes?: number;
  log: Logger;
}

/** Any fixed number: every instance that starts takes the same lock, so one migrates at a time. */
const MIGRATION_LOCK = 727_100_001;

/**
 * Brings the database up to date before the service takes requests: committed migrations, and on
 * an empty database the admin account and (unless SEED_DEMO=false) the demo city.
 */
export async function prepareDatabase(url: string, options: PrepareOptions): Promise<void> {
  const ds = createDataSource(url, 2);
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ran = await ds.runMigrations({ transaction: 'each' });
    for (const m of ran) options.log.info({ migration: m.name }, 'migration applied');
    await seedIfEmpty(ds, options);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await ds.destroy();
  }
}

async function seedIfEmpty(ds: DataSource, options: PrepareOptions): Promise<void> {
  const [{ count }] = (await ds.query('SELECT count(*)::int AS count FROM users')) as { count: number }[];
  if (count > 0) return;
  const generated = options.adminPassword === undefined;
  const password = options.adminPassword ?? randomBytes(12).toString('base64url');
  await ds.query(
    `INSERT INTO users (username, password_hash, role, display_name) VALUES ('admin', $1, 'admin', '系统管理员')`,
    [await hashPassword(password)],
  );
  if (generated) {
    // Printed once, on the first start only: the operator must note it or set ADMIN_PASSWORD.
    options.log.warn(`created user "admin" with the generated password: ${password}`);
  }
  if (options.seedDemo) {
    await seedDemoCity(ds, {
      residents: options.seedResidents,
      historyDays: options.seedHistoryDays,
      travelMinutes: options.travelAllowanceMinutes,
      log: (m) => options.log.info(m),
    });
  }
}
