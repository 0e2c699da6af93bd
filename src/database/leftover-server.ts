/**
 * What to do with a PostgreSQL that still runs on our data directory when the service starts:
 * the facts are read from the cluster's postmaster.pid, the owner record the service writes
 * beside the cluster, and the process table.
 */
export interface Postmaster {
  pid: number;
  port?: number;
}

/** Written beside the cluster once its PostgreSQL is ready: which service process started which server. */
export interface OwnerRecord {
  servicePid: number;
  postgresPid: number;
}

export interface LeftoverFacts {
  postmaster: Postmaster;
  postmasterAlive: boolean;
  /** The server's parent process, when it can be read. */
  parentPid?: number;
  owner?: OwnerRecord;
  ownerAlive: boolean;
}

export type LeftoverAction =
  /** Nothing runs there (a stale postmaster.pid, which PostgreSQL clears itself). */
  | 'none'
  /** An earlier run of ours ended without stopping its server (kill -9, out of memory): stop it. */
  | 'stop'
  /** A running service of ours uses it. */
  | 'in-use'
  /** A server this service did not start. */
  | 'foreign';

/** postmaster.pid: the server's process id on line 1, its port on line 4. */
export function parsePostmasterPid(text: string): Postmaster | undefined {
  const lines = text.split('\n');
  const pid = Number(lines[0]?.trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  const port = Number(lines[3]?.trim());
  return { pid, port: Number.isInteger(port) && port > 0 ? port : undefined };
}

export function leftoverAction(facts: LeftoverFacts): LeftoverAction {
  if (!facts.postmasterAlive) return 'none';
  const { owner } = facts;
  if (!owner || owner.postgresPid !== facts.postmaster.pid) return 'foreign';
  const stillParent = facts.parentPid === undefined || facts.parentPid === owner.servicePid;
  return facts.ownerAlive && stillParent ? 'in-use' : 'stop';
}
