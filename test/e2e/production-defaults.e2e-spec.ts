import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/common/logging.js';
import { loadConfig } from '../../src/config/config.js';
import { passwordFile } from '../../src/database/prepare.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SECRETS = { JWT_SECRET: 'j'.repeat(40), VISIT_CODE_SECRET: 'v'.repeat(40) };

/** Issue 14, attack 7: what a start with NODE_ENV=production refuses to do. */
describe('trust: production defaults', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  /** A database prepared as `main` would with this environment, and the app on it; the log captured. */
  async function start(env: Record<string, string>) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'care-prod-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const config = loadConfig({ NODE_ENV: 'production', ...SECRETS, DATA_DIR: dataDir, SEED_RESIDENTS: '2', ...env });
    const lines: string[] = [];
    const log = createLogger('info', { write: (line: string) => void lines.push(line) });
    const database: TestDatabase = await createTestDatabase({ prepare: { ...config, adminPassword: undefined, log } });
    cleanup.push(() => database.drop());
    const t: TestApp = await startTestApp({ ...config, databaseUrl: undefined, logLevel: 'silent' }, { database });
    cleanup.push(() => t.close());
    return { t, config, dataDir, log: () => lines.join('') };
  }
  const login = (t: TestApp, username: string, password: string) => t.http().post('/api/v1/auth/login').send({ username, password });

  it('creates no demo city, writes the admin password to an owner-only file and logs where, not what', async () => {
    const { t, dataDir, log } = await start({});
    const users = await t.db.query<{ username: string }[]>('SELECT username FROM users');
    expect(users).toEqual([{ username: 'admin' }]);
    await login(t, 'bureau', 'demo1234').expect(401);
    const file = passwordFile(dataDir);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const password = /admin (\S+)/.exec(await readFile(file, 'utf8'))![1];
    await login(t, 'admin', password).expect(200);
    expect(log()).toContain(file);
    expect(log()).not.toContain(password);
  });

  it('with SEED_DEMO=true gives the demo accounts a random password in that file, never the published one', async () => {
    const { t, dataDir, log } = await start({ SEED_DEMO: 'true' });
    await login(t, 'bureau', 'demo1234').expect(401);
    await login(t, 'staff.beihu', 'demo1234').expect(401);
    const demoPassword = /demo logins \(every demo account\) (\S+)/.exec(await readFile(passwordFile(dataDir), 'utf8'))![1];
    await login(t, 'bureau', demoPassword).expect(200);
    expect(log()).not.toContain(demoPassword);
  });

  it('serves no API docs unless API_DOCS=true', async () => {
    const { t } = await start({});
    await t.http().get('/api/docs').expect(404);
    await t.http().get('/api/docs-json').expect(404);
    const { t: withDocs } = await start({ API_DOCS: 'true' });
    await withDocs.http().get('/api/docs-json').expect(200);
  });

  it('refuses to start without the service-card key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRETS.JWT_SECRET })).toThrow(/VISIT_CODE_SECRET must be set/);
  });
});
