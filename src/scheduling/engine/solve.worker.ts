/** Runs the engine in a worker thread: the instance comes in as workerData, the plan goes back. */
import { parentPort, workerData } from 'node:worker_threads';
import { solve } from './solve.js';
import type { Instance, SolveOptions } from './types.js';

const { instance, options } = workerData as { instance: Instance; options: SolveOptions };
parentPort?.postMessage(solve(instance, options));
