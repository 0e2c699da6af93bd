import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { solve, type Instance, type Plan, type SolveOptions } from './engine/index.js';

const COMPILED_WORKER = new URL('./engine/solve.worker.js', import.meta.url);

/**
 * Solves in a worker thread, so a large plan never holds up the requests this instance serves.
 * Where the compiled worker is absent (specs run from TypeScript sources), it solves in place:
 * the same function on the same input gives the same plan.
 */
export function solveOffThread(instance: Instance, options: SolveOptions, worker: URL = COMPILED_WORKER): Promise<Plan> {
  if (!existsSync(fileURLToPath(worker))) return Promise.resolve(solve(instance, options));
  return new Promise((resolve, reject) => {
    const thread = new Worker(worker, { workerData: { instance, options } });
    thread.once('message', (plan: Plan) => resolve(plan));
    thread.once('error', reject);
    thread.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the assignment engine's worker stopped with exit code ${code}`));
    });
  });
}
