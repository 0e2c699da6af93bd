import { spawn, type ChildProcess } from 'node:child_process';
import type { RunAs } from './folder-access.js';

/** PostgreSQL ended before it was ready; `output` is what it wrote. */
export class PostgresExited extends Error {
  constructor(
    what: string,
    readonly output: string,
    code: number | null,
    signal: string | null,
  ) {
    super(`${what} stopped while starting (${signal ? `signal ${signal}` : `exit code ${code}`}): ${errorLines(output)}`);
    this.name = 'PostgresExited';
  }

  get portTaken(): boolean {
    return /could not bind|Address already in use/i.test(this.output);
  }

  get dataDirLocked(): boolean {
    return /lock file "postmaster\.pid" already exists/.test(this.output);
  }
}

/** The FATAL, PANIC, ERROR and HINT lines of PostgreSQL's output on one line, else its last lines. */
export function errorLines(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const errors = lines.map((line) => /\b(FATAL|PANIC|ERROR|HINT|initdb: error):?\s+(.*)$/.exec(line)).filter((m) => m !== null);
  const picked = errors.length > 0 ? errors.map((m) => `${m[1]}: ${m[2]}`) : lines.slice(-3);
  return picked.length > 0 ? picked.join('; ').replace(/\s+/g, ' ') : 'no output';
}

function spawnAs(bin: string, args: string[], user: RunAs | undefined, cwd: string): ChildProcess {
  return spawn(bin, args, {
    ...(user ?? {}),
    cwd,
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs a program (initdb) to its end; rejects with its error lines when it fails. */
export function runToEnd(bin: string, args: string[], user: RunAs | undefined, cwd: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(bin, args, user, cwd);
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      log(chunk.toString('utf8'));
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('error', (error) => reject(new Error(`could not run ${bin}: ${error.message}`)));
    child.once('close', (code, signal) => (code === 0 ? resolve() : reject(new PostgresExited(bin, output, code, signal))));
  });
}

/** Starts the postgres server and resolves once it accepts connections. */
export function startServer(
  bin: string,
  args: string[],
  user: RunAs | undefined,
  cwd: string,
  log: (line: string) => void,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(bin, args, user, cwd);
    let output = '';
    let ready = false;
    const watch = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log(text);
      if (ready) return;
      output += text;
      if (output.includes('ready to accept connections')) {
        ready = true;
        output = '';
        resolve(child);
      }
    };
    child.stdout?.on('data', watch);
    child.stderr?.on('data', watch);
    child.once('error', (error) => {
      if (!ready) reject(new Error(`could not run ${bin}: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      if (!ready) reject(new PostgresExited('PostgreSQL', output, code, signal));
    });
  });
}

/** Fast shutdown (SIGINT): ends sessions, writes a checkpoint. Immediate (SIGQUIT) if that hangs. */
export function stopServer(child: ChildProcess, patienceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGQUIT'), patienceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGINT');
  });
}
