import type { NestExpressApplication } from '@nestjs/platform-express';
import { pino, type Logger } from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { CapacityJob } from '../../src/rosters/capacity.job.js';
import { OpenApiValidator } from './openapi-validator.js';
import { TEST_PASSWORD } from '../fixtures/account.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

export interface TestApp {
  app: NestExpressApplication;
  db: DataSource;
  database: TestDatabase;
  http(): ReturnType<typeof request>;
  /** Signs in and returns the bearer header value. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/** The served document, read once per spec file: every instance serves the same one. */
let validator: Promise<OpenApiValidator> | undefined;

/**
 * supertest over the server, with every answer checked against the served OpenAPI document
 * before the spec's own expectations: an undocumented status, content type or body fails the
 * request that got it, and is kept for close() in case a spec swallowed that failure.
 */
function checkedRequests(server: Parameters<typeof request>[0], check: OpenApiValidator, violations: string[]): ReturnType<typeof request> {
  const plain = request(server);
  const checked: Record<string, unknown> = { ...plain };
  for (const method of HTTP_METHODS) {
    checked[method] = (url: string) =>
      plain[method](url).expect((res) => {
        // A spec with its own parser (raw bytes) leaves no text: the bytes are the body.
        const text = res.text ?? (Buffer.isBuffer(res.body) ? res.body.toString('utf8') : '');
        const problems = check.check({ method, url, status: res.status, contentType: res.headers['content-type'], text });
        if (problems.length === 0) return;
        violations.push(...problems);
        throw new Error(`The answer differs from the OpenAPI document (/api/docs-json):\n${problems.join('\n')}`);
      });
  }
  checked.del = checked.delete;
  return checked as unknown as ReturnType<typeof request>;
}

export interface StartOptions {
  /** Start a second instance on another's database (multi-instance specs); only the instance that made the database drops it. */
  shareDatabaseOf?: TestApp;
  /** Start on a database the spec made and drops itself (it may hold rows before the app starts). */
  database?: TestDatabase;
  /** Capture what the service logs. */
  log?: Logger;
  /** Wait for the start-up capacity run before handing the app over (default true). */
  waitForCapacity?: boolean;
  /** Check every answer against the served OpenAPI document (default true, when the docs are served). */
  checkAnswers?: boolean;
}

/** The real application over HTTP on its own fresh database unless told otherwise; every spec file starts one. */
export async function startTestApp(overrides: Partial<AppConfig> = {}, options: StartOptions = {}): Promise<TestApp> {
  const { shareDatabaseOf, log } = options;
  const database = options.database ?? shareDatabaseOf?.database ?? (await createTestDatabase());
  const ownsDatabase = !options.database && !shareDatabaseOf;
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
  if (options.waitForCapacity !== false) await app.get(CapacityJob).idle();
  const server = app.getHttpServer();
  // An app started with the API docs off (production defaults) serves no document to check against.
  const checkAnswers = config.apiDocs && options.checkAnswers !== false;
  if (checkAnswers) {
    validator ??= request(server)
      .get('/api/docs-json')
      .then((res) => new OpenApiValidator(res.body as Record<string, unknown>));
  }
  const check = checkAnswers ? await validator : undefined;
  const documentViolations: string[] = [];
  const http = () => (check ? checkedRequests(server, check, documentViolations) : request(server));
  return {
    app,
    db: app.get(DataSource),
    database,
    http,
    async login(username, password = TEST_PASSWORD) {
      const res = await http().post('/api/v1/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return `Bearer ${res.body.accessToken as string}`;
    },
    async close() {
      await app.close();
      if (ownsDatabase) await database.drop();
      if (documentViolations.length > 0) {
        throw new Error(`${documentViolations.length} answers differ from the OpenAPI document:\n${documentViolations.join('\n')}`);
      }
    },
  };
}
