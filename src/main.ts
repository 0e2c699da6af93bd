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
  const stopEmbedded = async () => database?.stop();
  try {
    database = await resolveDatabase(config, log);
    const databaseUrl = database.url;
    await prepareDatabase(databaseUrl, { ...config, log });
    const jwtSecret = config.jwtSecret ?? (await developmentSecret(config));
    const app = await createApp({ config, databaseUrl, jwtSecret, log });
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
      app
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
    await app.listen(config.port);
    log.info(`serving at http://localhost:${config.port}${config.apiDocs ? ' (API docs at /api/docs)' : ''}`);
  } catch (error) {
    log.fatal({ err: error }, 'could not start');
    await stopEmbedded().catch(() => undefined);
    process.exit(1);
  }
}

void main();
