// One PostgreSQL server for the whole run: the one in DATABASE_URL when set, otherwise a throwaway
// embedded one. Each spec file makes its own database on it (test/support/test-db.ts).
// Jest loads this file with Node's own loader, which cannot read TypeScript: it uses the build
// that `npm test` makes first.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../dist/src/database/embedded-postgres.js';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.CARE_TEST_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'care-test-pg-'));
  const server = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: 0, database: 'postgres', durable: false });
  process.env.CARE_TEST_SERVER_URL = server.url;
  globalThis.__careTestPg = server;
  globalThis.__careTestPgDir = dir;
}
