import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The built service as a real process: what `npm start` runs. */
export const MAIN = path.resolve('dist/src/main.js');

export interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; ms: number }>;
}

export interface RunOptions {
  /** Another copy of the built service (a checkout elsewhere); MAIN by default. */
  main?: string;
  cwd?: string;
  nodeArgs?: string[];
}

export function run(env: Record<string, string>, options: RunOptions = {}): Running {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', ...env };
  delete childEnv.DATABASE_URL;
  const args = [...(options.nodeArgs ?? []), options.main ?? MAIN];
  const child = spawn(process.execPath, args, { env: childEnv, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  let signalledAt = 0;
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) =>
    child.on('close', (code) => resolve({ code, ms: signalledAt ? Date.now() - signalledAt : 0 })),
  );
  const originalKill = child.kill.bind(child);
  child.kill = (signal?: NodeJS.Signals | number) => {
    signalledAt = Date.now();
    return originalKill(signal);
  };
  return { child, output: () => out, exited };
}

export async function waitReady(port: number, running: Running): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (running.child.exitCode !== null) throw new Error(`service exited early:\n${running.output()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`service not ready:\n${running.output()}`);
}

/** The `msg` of every JSON log line the service wrote, in order. */
export function messages(running: Running): string[] {
  return running
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as { msg?: string }).msg ?? '');
}
