/**
 * npm run assign -- <instance.json> [--seed N]
 * Prints the plan JSON (API.md, "Assignment") on stdout. Exit 1: invalid JSON or instance (the
 * problems on stderr); exit 2: the file is missing or unreadable.
 */
import { readFileSync } from 'node:fs';
import { solve } from './solve.js';
import type { Instance } from './types.js';
import { formatProblems, validateInstance } from './validate.js';

function main(argv: string[]): number {
  const args = [...argv];
  let seed = 1;
  const seedAt = args.indexOf('--seed');
  if (seedAt >= 0) {
    seed = Number(args[seedAt + 1]);
    args.splice(seedAt, 2);
    if (!Number.isInteger(seed)) {
      process.stderr.write('--seed must be an integer\n');
      return 1;
    }
  }
  const file = args[0];
  if (!file || args.length > 1) {
    process.stderr.write('usage: npm run assign -- <instance.json> [--seed N]\n');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    process.stderr.write(`${file} is not valid JSON: ${(e as Error).message}\n`);
    return 1;
  }
  const problems = validateInstance(input);
  if (problems.length > 0) {
    process.stderr.write(`${file} is not a valid instance (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n`);
    process.stderr.write(formatProblems(problems.slice(0, 50)) + (problems.length > 50 ? '\n…' : '') + '\n');
    return 1;
  }
  process.stdout.write(JSON.stringify(solve(input as Instance, { seed }), null, 2) + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
