import { afterAll, describe, expect, it } from '@jest/globals';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, processAlive as alive } from '../../src/database/embedded-postgres.js';
import { messages, run, waitReady, type Running } from '../support/service-process.js';

const DEFAULT_PG_PORT = 54329;
/** Each test starts the service two or three times: minutes on a busy machine. */
const SLOW = 240_000;

async function postgresPid(dataDir: string): Promise<number> {
  const owner = JSON.parse(await readFile(path.join(dataDir, 'postgres.owner.json'), 'utf8')) as { postgresPid: number };
  return owner.postgresPid;
}

/** Holds a port the way another program would; resolves undefined when someone else already holds it. */
function hold(port: number): Promise<Server | undefined> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(undefined) : reject(error)));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

async function stop(running: Running): Promise<number | null> {
  running.child.kill('SIGTERM');
  return (await running.exited).code;
}

const fatal = (running: Running) => messages(running).filter((m) => m.startsWith('could not start'));

describe('starting the service again, and beside another', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'care-recovery-'));
    dirs.push(dir);
    return dir;
  };
  const started: Running[] = [];
  const start = (env: Record<string, string>) => {
    const running = run(env);
    started.push(running);
    return running;
  };
  afterAll(async () => {
    // A failed test may leave a service running: stop it (and so its PostgreSQL) before the folders go.
    for (const running of started) if (running.child.exitCode === null && running.child.signalCode === null) await stop(running);
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it(
    'after SIGKILL, stops the PostgreSQL left behind and starts; a second start on a data directory in use says who uses it',
    async () => {
      const dataDir = await tempDir();
      const port = await freePort();
      const env = {
        DATA_DIR: dataDir,
        PORT: String(port),
        EMBEDDED_PG_PORT: String(await freePort()),
        SEED_DEMO: 'false',
        ADMIN_PASSWORD: 'kill-nine-password',
      };
      const first = start(env);
      await waitReady(port, first);
      const left = await postgresPid(dataDir);
      first.child.kill('SIGKILL');
      await first.exited;
      expect(alive(left)).toBe(true); // the killed service could not stop it

      const second = start(env);
      await waitReady(port, second);
      expect(messages(second)).toContain(
        `stopping PostgreSQL process ${left}, left running on ${dataDir}/postgres by an earlier start that ended without stopping it`,
      );
      expect(alive(left)).toBe(false);
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'kill-nine-password' }),
      });
      expect(login.status).toBe(200);

      const third = start({ ...env, PORT: String(await freePort()) });
      expect((await third.exited).code).toBe(1);
      const running = await postgresPid(dataDir);
      expect(fatal(third)).toEqual([
        `could not start: the data directory ${dataDir}/postgres is in use by another running service (process ${second.child.pid}; its PostgreSQL is process ${running} on port ${env.EMBEDDED_PG_PORT}): stop that service first (Ctrl-C where it runs, or kill ${second.child.pid}), or set DATA_DIR to another folder`,
      ]);
      expect(third.output()).not.toMatch(/\n\s+at /);
      expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
      expect(await stop(second)).toBe(0);
      expect(alive(running)).toBe(false);
    },
    SLOW,
  );

  it(
    'two services with their own data directories both start when the default PostgreSQL port is taken',
    async () => {
      const holder = await hold(DEFAULT_PG_PORT);
      try {
        const [portA, portB] = [await freePort(), await freePort()];
        const first = start({ DATA_DIR: await tempDir(), PORT: String(portA), SEED_DEMO: 'false' });
        const second = start({ DATA_DIR: await tempDir(), PORT: String(portB), SEED_DEMO: 'false' });
        await Promise.all([waitReady(portA, first), waitReady(portB, second)]);
        for (const running of [first, second]) {
          expect(messages(running)).toContainEqual(
            expect.stringMatching(/^port 54329 is in use by another program: the embedded PostgreSQL takes port \d+ instead$/),
          );
        }
        expect(await stop(second)).toBe(0);
        expect(await stop(first)).toBe(0);
      } finally {
        holder?.close();
      }
    },
    SLOW,
  );

  it(
    'refuses a taken EMBEDDED_PG_PORT, and says when PORT is taken',
    async () => {
      const holder = await hold(DEFAULT_PG_PORT);
      const httpHolder = createServer();
      await new Promise<void>((resolve) => httpHolder.listen(0, resolve));
      const takenHttp = (httpHolder.address() as { port: number }).port;
      try {
        const dataDir = await tempDir();
        const fixed = start({
          DATA_DIR: dataDir,
          PORT: String(await freePort()),
          SEED_DEMO: 'false',
          EMBEDDED_PG_PORT: String(DEFAULT_PG_PORT),
        });
        expect((await fixed.exited).code).toBe(1);
        expect(fatal(fixed)).toEqual([
          'could not start: EMBEDDED_PG_PORT 54329 is in use by another program: stop it, or set EMBEDDED_PG_PORT to a free port (left unset, the service takes a free port itself)',
        ]);

        const httpTaken = start({ DATA_DIR: dataDir, PORT: String(takenHttp), SEED_DEMO: 'false' });
        expect((await httpTaken.exited).code).toBe(1);
        expect(fatal(httpTaken)).toEqual([
          `could not start: PORT ${takenHttp} is in use by another program (another copy of this service?): stop it, or set PORT to a free port`,
        ]);
        expect(httpTaken.output()).not.toMatch(/\n\s+at /);
      } finally {
        holder?.close();
        httpHolder.close();
      }
    },
    SLOW,
  );
});
