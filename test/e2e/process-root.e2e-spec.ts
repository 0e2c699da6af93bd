import { afterAll, describe, expect, it } from '@jest/globals';
import { lstat, mkdir, mkdtemp, readFile, readlink, realpath, rm, symlink, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/database/embedded-postgres.js';
import { SYSTEM_DIR } from '../../src/database/embedded-place.js';
import { messages, run, waitReady } from '../support/service-process.js';

const asRoot = process.getuid?.() === 0;
const SKIPPED = 'skipped: starting from a mode-700 folder as root can only be shown when the tests run as root';
if (!asRoot) console.warn(SKIPPED);

/**
 * A checkout inside a private folder (root's home is mode 700): its dist and node_modules are
 * links to this checkout's, which Node follows without resolving (--preserve-symlinks), so the
 * service sees its binaries under the private folder exactly as a real clone there would.
 */
async function privateCheckout(): Promise<{ home: string; app: string }> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'care-root-home-'));
  await chmod(home, 0o700);
  const app = path.join(home, 'app');
  await mkdir(app);
  await writeFile(path.join(app, 'package.json'), JSON.stringify({ type: 'module' }));
  await symlink(path.resolve('dist'), path.join(app, 'dist'));
  await symlink(path.resolve('node_modules'), path.join(app, 'node_modules'));
  return { home, app };
}

describe('starting as root', () => {
  const cleanup: string[] = [];
  afterAll(async () => {
    for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
  });

  (asRoot ? it : it.skip)(
    `starts from a checkout in a mode-700 folder, with the default DATA_DIR inside it (${asRoot ? 'runs as root' : SKIPPED})`,
    async () => {
      const { home, app } = await privateCheckout();
      cleanup.push(home);
      const port = await freePort();
      const pgPort = await freePort();
      const start = () =>
        run(
          { PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), SEED_DEMO: 'false', ADMIN_PASSWORD: 'root-home-password', DATA_DIR: '' },
          { main: path.join(app, 'dist/src/main.js'), cwd: app, nodeArgs: ['--preserve-symlinks', '--preserve-symlinks-main'] },
        );
      const first = start();
      await waitReady(port, first);

      // The cluster lives where the postgres user can reach it; ./data/postgres links to it.
      const link = path.join(app, 'data', 'postgres');
      expect((await lstat(link)).isSymbolicLink()).toBe(true);
      const cluster = await readlink(link);
      cleanup.push(cluster);
      expect(cluster.startsWith(path.join(SYSTEM_DIR, 'clusters'))).toBe(true);
      expect(messages(first)).toContain(
        `the postgres user cannot enter ${home} (mode 700): the PostgreSQL data of ${link} is kept in ${cluster} (${link} links to it)`,
      );
      // PostgreSQL runs from binaries outside the private folder.
      const { postgresPid } = JSON.parse(await readFile(`${link}.owner.json`, 'utf8')) as { postgresPid: number };
      const binary = await realpath(`/proc/${postgresPid}/exe`);
      expect(binary.startsWith(home)).toBe(false);
      expect(binary.startsWith(await realpath('node_modules'))).toBe(false);

      const login = () =>
        fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: 'root-home-password' }),
        });
      expect((await login()).status).toBe(200);
      first.child.kill('SIGTERM');
      expect((await first.exited).code).toBe(0);

      // Started again, it finds the same cluster through the link.
      const second = start();
      await waitReady(port, second);
      expect((await login()).status).toBe(200);
      expect(messages(second).some((m) => m.includes('cannot enter'))).toBe(false);
      second.child.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
    },
    240_000,
  );
});
