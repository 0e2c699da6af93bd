import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from '../config/config.js';
import { createLogger } from '../common/logging.js';
import { createDataSource } from '../database/data-source.js';
import { prepareDatabase } from '../database/prepare.js';
import { resolveDatabase, type ResolvedDatabase } from '../database/resolve-database.js';
import { SeedArgsError, USAGE, parseSeedArgs, type SeedArgs } from './cli-args.js';
import { seedDemoCity } from './demo-city.js';

/**
 * `npm run seed -- --residents N [--history-days N]`: migrates the database (DATABASE_URL, else the embedded one the
 * service uses), creates the admin account on an empty database, then makes sure the demo city
 * exists with N demo residents. Safe to run again, and on a database `npm start` already seeded.
 */
async function main(): Promise<number> {
  const started = performance.now();
  let config: AppConfig;
  let args: SeedArgs;
  try {
    config = loadConfig();
    args = parseSeedArgs(process.argv.slice(2), config.seedResidents, config.seedHistoryDays);
  } catch (error) {
    if (error instanceof SeedArgsError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n${error instanceof SeedArgsError ? `${USAGE}\n` : ''}`);
      return 1;
    }
    throw error;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const log = createLogger(config.logLevel);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  let database: ResolvedDatabase | undefined;
  try {
    database = await resolveDatabase(config, log);
    // The demo city is seeded below, with the requested size, rather than by prepareDatabase.
    await prepareDatabase(database.url, { ...config, seedDemo: false, log });
    const ds = createDataSource(database.url, 2);
    await ds.initialize();
    try {
      await seedDemoCity(ds, {
        residents: args.residents,
        seed: args.seed,
        historyDays: args.historyDays,
        travelMinutes: config.travelAllowanceMinutes,
        log: say,
      });
    } finally {
      await ds.destroy();
    }
    say(`seed finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    process.stderr.write(`seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  } finally {
    await database?.stop().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
