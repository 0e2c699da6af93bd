import { randomBytes } from 'node:crypto';
import { appendFile, chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
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
  /** Where the file of generated passwords goes (default ./data). */
  dataDir?: string;
  /** In production the demo logins get a random password (in the same file), never the published one. */
  nodeEnv?: string;
}

/** The file the generated passwords are written to, readable by the service's own user only. */
export function passwordFile(dataDir = './data'): string {
  return path.resolve(dataDir, 'initial-passwords.txt');
}

async function writePassword(options: PrepareOptions, line: string): Promise<string> {
  const file = passwordFile(options.dataDir);
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${new Date().toISOString()} ${line}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return file;
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
  const [{ count }] = await ds.query<{ count: number }[]>('SELECT count(*)::int AS count FROM users');
  if (count > 0) return;
  const generated = options.adminPassword === undefined;
  const password = options.adminPassword ?? randomBytes(12).toString('base64url');
  await ds.query(`INSERT INTO users (username, password_hash, role, display_name) VALUES ('admin', $1, 'admin', '系统管理员')`, [
    await hashPassword(password),
  ]);
  if (generated) {
    // Written once, on the first start only, to a file only the service's user can read; the log says where, not what.
    const file = await writePassword(options, `admin ${password}`);
    options.log.warn(
      { file },
      'created user "admin" with a generated password: read it in the file, then remove the file or change the password',
    );
  }
  if (options.seedDemo) {
    const demoPassword = options.nodeEnv === 'production' ? randomBytes(12).toString('base64url') : undefined;
    if (demoPassword) {
      const file = await writePassword(options, `demo logins (every demo account) ${demoPassword}`);
      options.log.warn({ file }, 'SEED_DEMO=true in production: the demo accounts got a random password, written to the file');
    }
    await seedDemoCity(ds, {
      residents: options.seedResidents,
      historyDays: options.seedHistoryDays,
      travelMinutes: options.travelAllowanceMinutes,
      password: demoPassword,
      log: (m) => options.log.info(m),
    });
  }
}
