/**
 * What to do with a PostgreSQL that still runs on our data directory when the service starts:
 * the facts are read from the cluster's postmaster.pid, the owner record the service writes
 * beside the cluster, and the process table.
 */
export interface Postmaster {
  pid: number;
  port?: number;
}

/**
 * Written beside the cluster when a service starts on it (its process id), and again once its
 * PostgreSQL is ready (that server's process id); removed when the service stops.
 */
export interface OwnerRecord {
  servicePid: number;
  postgresPid?: number;
}

export interface LeftoverFacts {
  /** From postmaster.pid, when there is one. */
  postmaster?: Postmaster;
  postmasterAlive: boolean;
  /** The server's parent process, when it can be read. */
  parentPid?: number;
  owner?: OwnerRecord;
  ownerAlive: boolean;
}

export type LeftoverAction =
  /** Nothing runs there (or only a stale postmaster.pid, which PostgreSQL clears itself). */
  | 'none'
  /** An earlier run of ours ended without stopping its server (kill -9, out of memory): stop it. */
  | 'stop'
  /** A service of ours runs on it, or is starting on it. */
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
  const { owner, postmaster } = facts;
  const serverRuns = postmaster !== undefined && facts.postmasterAlive;
  if (owner && facts.ownerAlive) {
    // Still starting (no server yet), or the parent of the server it started.
    if (!serverRuns || facts.parentPid === undefined || facts.parentPid === owner.servicePid) return 'in-use';
    // Otherwise its process id now belongs to another process: the service itself is gone.
  }
  if (!serverRuns) return 'none';
  return owner?.postgresPid === postmaster.pid ? 'stop' : 'foreign';
}
