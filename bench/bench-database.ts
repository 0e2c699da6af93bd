import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';

export interface BenchDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * A fresh database for one benchmark: made on DATABASE_URL's server and dropped afterwards, or
 * a throwaway embedded PostgreSQL. `durable: false` trades crash safety for speed (data that is
 * thrown away anyway); the booking bench keeps it durable, as production is.
 */
export async function benchDatabase(options: { durable?: boolean } = {}): Promise<BenchDatabase> {
  const server = process.env.DATABASE_URL;
  if (server) {
    const name = `care_bench_${randomBytes(4).toString('hex')}`;
    const onServer = async (sql: string) => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await onServer(`CREATE DATABASE ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    return { url: url.toString(), stop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'care-bench-'));
  const embedded = await startEmbeddedPostgres({
    dir: path.join(dir, 'pg'),
    port: 0,
    database: 'care_bench',
    durable: options.durable ?? false,
  });
  return {
    url: embedded.url,
    async stop() {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
