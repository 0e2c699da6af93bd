import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/database/embedded-postgres.js';
import { run, waitReady } from '../support/service-process.js';

describe('the service process', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('stops with a message naming the bad variable, not a stack trace', async () => {
    const running = run({ PORT: 'eighty', SEED_DEMO: 'perhaps' });
    const { code } = await running.exited;
    expect(code).toBe(2);
    expect(running.output()).toContain('PORT must be a whole number from 0 to 65535 (got "eighty")');
    expect(running.output()).toContain('SEED_DEMO must be true or false');
    expect(running.output()).not.toMatch(/\n\s+at /);
  });

  it('starts the embedded PostgreSQL, keeps data across a restart, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'care-process-'));
    dirs.push(dataDir);
    const env = {
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      SEED_DEMO: 'false',
      ADMIN_PASSWORD: 'first-admin-password',
    };
    const port = Number(env.PORT);
    const first = run(env);
    await waitReady(port, first);
    expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'first-admin-password' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const created = await fetch(`http://127.0.0.1:${port}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ username: 'kept.user', password: 'kept-password', role: 'bureau_staff', displayName: '留存' }),
    });
    expect(created.status).toBe(201);
    first.child.kill('SIGTERM');
    const stopped = await first.exited;
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
    expect(first.output()).toContain('stopped cleanly');

    // Second start: no new initialisation, the data is still there, ADMIN_PASSWORD is not re-applied.
    const second = run({ ...env, ADMIN_PASSWORD: 'another-password' });
    await waitReady(port, second);
    const again = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'kept.user', password: 'kept-password' }),
    });
    expect(again.status).toBe(200);
    expect(second.output()).not.toContain('migration applied');
    second.child.kill('SIGINT');
    expect((await second.exited).code).toBe(0);
  });
});
