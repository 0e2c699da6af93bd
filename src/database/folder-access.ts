import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** The account PostgreSQL runs as when the service runs as root. */
export interface RunAs {
  uid: number;
  gid: number;
}

export interface FolderStat {
  path: string;
  mode: number;
  uid: number;
  gid: number;
}

/**
 * Whether `user` has all of `bits` (1 enter, 4 read) on a file or folder: the owner's bits when it
 * owns it, else the group's when it is in the group, else everyone's. Root's override does not
 * apply, as the user is not root; ACLs are not read (a folder they open counts as closed).
 */
export function userMay(entry: FolderStat, user: RunAs, bits: number): boolean {
  const shift = entry.uid === user.uid ? 6 : entry.gid === user.gid ? 3 : 0;
  return ((entry.mode >> shift) & bits) === bits;
}

/** The first folder, from the top down, that `user` cannot enter. */
export function firstClosedFolder(folders: FolderStat[], user: RunAs): FolderStat | undefined {
  return folders.find((folder) => !userMay(folder, user, 1));
}

export function describeFolder(folder: FolderStat): string {
  return `${folder.path} (mode ${(folder.mode & 0o777).toString(8)})`;
}

async function foldersOnTheWay(target: string): Promise<FolderStat[]> {
  const chain: string[] = [];
  for (let at = path.resolve(target); ; at = path.dirname(at)) {
    chain.unshift(at);
    if (path.dirname(at) === at) break;
  }
  const folders: FolderStat[] = [];
  for (const at of chain) {
    const found = await stat(at).catch(() => undefined);
    if (!found) break;
    if (found.isDirectory()) folders.push({ path: at, mode: found.mode, uid: found.uid, gid: found.gid });
  }
  return folders;
}

/**
 * The first folder on the way to `target` (target included when it is a folder) that `user`
 * cannot enter, walking both the path as written and the real path behind any symbolic links.
 */
export async function closedFolderOnTheWay(target: string, user: RunAs): Promise<FolderStat | undefined> {
  const written = firstClosedFolder(await foldersOnTheWay(target), user);
  if (written) return written;
  const real = await realpath(target).catch(() => undefined);
  return real && real !== path.resolve(target) ? firstClosedFolder(await foldersOnTheWay(real), user) : undefined;
}
