import path from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface ResolvedDatabase {
  url: string;
  /** Stops the embedded PostgreSQL when one was started; otherwise does nothing. */
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR/postgres (database
 * `care`), the same one whichever command starts it. Its port is EMBEDDED_PG_PORT; left unset, 54329
 * or, when that is taken (another checkout's service), a free one.
 */
export async function resolveDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'embeddedPgPort' | 'embeddedPgPortFixed'>,
  log: Logger,
): Promise<ResolvedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: () => Promise.resolve() };
  const dir = path.join(config.dataDir, 'postgres');
  log.info({ dir }, 'no DATABASE_URL: starting the embedded PostgreSQL');
  const embedded = await startEmbeddedPostgres({
    dir,
    port: config.embeddedPgPort,
    portFixed: config.embeddedPgPortFixed,
    database: 'care',
    durable: true,
    log: (m) => log.debug({ postgres: m.trim() }),
    note: (m) => log.warn(m),
  });
  log.info({ port: Number(new URL(embedded.url).port) }, 'the embedded PostgreSQL is ready');
  return { url: embedded.url, stop: () => embedded.stop() };
}
