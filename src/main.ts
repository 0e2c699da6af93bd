import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig, startupWarnings, type AppConfig } from './config/config.js';
import { prepareDatabase } from './database/prepare.js';
import { resolveDatabase, type ResolvedDatabase } from './database/resolve-database.js';
import { createLogger } from './common/logging.js';
import { StartFailure, describeStartFailure } from './common/start-failure.js';

const SHUTDOWN_BUDGET_MS = 10_000;

/** Without JWT_SECRET (development only), a secret kept beside the embedded data survives restarts. */
async function developmentSecret(config: AppConfig): Promise<string> {
  const file = path.resolve(config.dataDir, 'jwt-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(48).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  for (const warning of startupWarnings()) log.warn(warning);
  let database: ResolvedDatabase | undefined;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  const stopEmbedded = async () => database?.stop();
  // What the start is doing, so that a failure without a message still says what failed.
  let step = config.databaseUrl ? 'connecting to DATABASE_URL' : 'starting the embedded PostgreSQL';
  try {
    database = await resolveDatabase(config, log);
    const databaseUrl = database.url;
    step = 'preparing the database (migrations, admin account, demo data)';
    await prepareDatabase(databaseUrl, { ...config, log });
    step = 'creating the application';
    const jwtSecret = config.jwtSecret ?? (await developmentSecret(config));
    const started = await createApp({ config, databaseUrl, jwtSecret, log });
    app = started;
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down: no new requests, finishing those in flight');
      const timer = setTimeout(() => {
        log.error('shutdown took longer than 10 seconds: exiting');
        process.exit(1);
      }, SHUTDOWN_BUDGET_MS);
      timer.unref();
      started
        .close()
        .then(stopEmbedded)
        .then(() => {
          log.info('stopped cleanly');
          process.exit(0);
        })
        .catch((error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        });
    };
    // Our handlers own the order: the HTTP server and jobs first, then the pool, then the database.
    process.removeAllListeners('SIGTERM');
    process.removeAllListeners('SIGINT');
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
    step = `listening on port ${config.port}`;
    await started.listen(config.port).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      throw new StartFailure(
        `PORT ${config.port} is in use by another program (another copy of this service?): stop it, or set PORT to a free port`,
      );
    });
    log.info(`serving at http://localhost:${config.port}${config.apiDocs ? ' (API docs at /api/docs)' : ''}`);
  } catch (error) {
    // One line with the cause and what to do; the stack only for errors nobody foresaw.
    const cause = `could not start: ${describeStartFailure(error, step)}`;
    if (error instanceof StartFailure) log.fatal(cause);
    else log.fatal({ err: error }, cause);
    await app?.close().catch(() => undefined);
    await stopEmbedded().catch(() => undefined);
    process.exit(1);
  }
}

void main();
