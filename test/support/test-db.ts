import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { prepareDatabase, type PrepareOptions } from '../../src/database/prepare.js';
import { TEST_PASSWORD } from '../fixtures/account.js';

function serverUrl(): string {
  const url = process.env.CARE_TEST_SERVER_URL;
  if (!url) throw new Error('CARE_TEST_SERVER_URL is not set: run the specs through jest (npm test)');
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database for one spec file, migrated, with only the admin account (TEST_PASSWORD) in it. */
export async function createTestDatabase(
  options: { seedDemo?: boolean; seedResidents?: number; prepare?: Partial<PrepareOptions> } = {},
): Promise<TestDatabase> {
  const name = `care_test_${randomBytes(6).toString('hex')}`;
  await onServer((c) => c.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(serverUrl(), name);
  await prepareDatabase(url, {
    adminPassword: TEST_PASSWORD,
    seedDemo: options.seedDemo ?? false,
    seedResidents: options.seedResidents ?? 0,
    log: pino({ level: 'silent' }),
    ...options.prepare,
  });
  return {
    url,
    drop: () => onServer((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
