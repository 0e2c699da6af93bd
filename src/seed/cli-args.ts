import { parseArgs } from 'node:util';
import { DEFAULT_SEED } from './demo-city.js';

export interface SeedArgs {
  residents: number;
  seed: number;
  help: boolean;
}

export const MAX_RESIDENTS = 1_000_000;
export const USAGE = 'usage: npm run seed -- [--residents N] [--seed N]\n' +
  `  --residents N  demo residents wanted in total, 0 to ${MAX_RESIDENTS} (default: SEED_RESIDENTS, else 2000)\n` +
  `  --seed N       seed of the generated population (default ${DEFAULT_SEED})`;

export class SeedArgsError extends Error {}

function wholeNumber(flag: string, value: string, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) > max) throw new SeedArgsError(`--${flag} must be a whole number from 0 to ${max} (got "${value}")`);
  return Number(value);
}

/** Reads the seed command's arguments; throws SeedArgsError, with a message for the user, on bad ones. */
export function parseSeedArgs(argv: string[], defaultResidents: number): SeedArgs {
  let values: { residents?: string; seed?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { residents: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new SeedArgsError((error as Error).message);
  }
  return {
    residents: values.residents === undefined ? defaultResidents : wholeNumber('residents', values.residents.trim(), MAX_RESIDENTS),
    seed: values.seed === undefined ? DEFAULT_SEED : wholeNumber('seed', values.seed.trim(), 0xffffffff),
    help: values.help ?? false,
  };
}
