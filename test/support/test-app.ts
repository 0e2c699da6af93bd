import type { NestExpressApplication } from '@nestjs/platform-express';
import { pino, type Logger } from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { CapacityJob } from '../../src/rosters/capacity.job.js';
import { TEST_ADMIN_PASSWORD, createTestDatabase, type TestDatabase } from './test-db.js';

export interface TestApp {
  app: NestExpressApplication;
  db: DataSource;
  database: TestDatabase;
  http(): ReturnType<typeof request>;
  /** Signs in and returns the bearer header value. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real application over HTTP on its own fresh database; every spec file starts one. Pass
 * `shareDatabaseOf` to start a second instance on another's database (multi-instance specs);
 * only the instance that made the database drops it. Pass `log` to capture what the service logs.
 */
export async function startTestApp(overrides: Partial<AppConfig> = {}, shareDatabaseOf?: TestApp, log?: Logger): Promise<TestApp> {
  const database = shareDatabaseOf?.database ?? (await createTestDatabase());
  const config: AppConfig = { ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'silent', ...overrides };
  const app = await createApp({
    config,
    databaseUrl: database.url,
    jwtSecret: 'test-secret-that-is-long-enough-for-hs256-signing',
    log: log ?? pino({ level: 'silent' }),
  });
  await app.init();
  // The capacity job's start-up run reads the facilities in the background; a spec that writes
  // slots of its own must not race it, so the app is handed over once that run is done.
  await app.get(CapacityJob).idle();
  const server = app.getHttpServer();
  const http = () => request(server);
  return {
    app,
    db: app.get(DataSource),
    database,
    http,
    async login(username, password = TEST_ADMIN_PASSWORD) {
      const res = await http().post('/api/v1/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return `Bearer ${res.body.accessToken as string}`;
    },
    async close() {
      await app.close();
      if (!shareDatabaseOf) await database.drop();
    },
  };
}
