import { parseArgs } from 'node:util';
import { DEFAULT_SEED } from './demo-city.js';

export interface SeedArgs {
  residents: number;
  seed: number;
  /** Days of past orders, visits and feedback to add (0: none). */
  historyDays: number;
  help: boolean;
}

export const MAX_RESIDENTS = 1_000_000;
export const MAX_HISTORY_DAYS = 730;
export const USAGE =
  'usage: npm run seed -- [--residents N] [--seed N] [--history-days N]\n' +
  `  --residents N     demo residents wanted in total, 0 to ${MAX_RESIDENTS} (default: SEED_RESIDENTS, else 2000)\n` +
  `  --seed N          seed of the generated population (default ${DEFAULT_SEED})\n` +
  `  --history-days N  days of past orders, visits and feedback, 0 to ${MAX_HISTORY_DAYS}, added once to a city without orders (default: SEED_HISTORY_DAYS, else 90)`;

export class SeedArgsError extends Error {}

function wholeNumber(flag: string, value: string, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) > max)
    throw new SeedArgsError(`--${flag} must be a whole number from 0 to ${max} (got "${value}")`);
  return Number(value);
}

/** Reads the seed command's arguments; throws SeedArgsError, with a message for the user, on bad ones. */
export function parseSeedArgs(argv: string[], defaultResidents: number, defaultHistoryDays = 90): SeedArgs {
  let values: { residents?: string; seed?: string; 'history-days'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        residents: { type: 'string' },
        seed: { type: 'string' },
        'history-days': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new SeedArgsError((error as Error).message);
  }
  return {
    residents: values.residents === undefined ? defaultResidents : wholeNumber('residents', values.residents.trim(), MAX_RESIDENTS),
    seed: values.seed === undefined ? DEFAULT_SEED : wholeNumber('seed', values.seed.trim(), 0xffffffff),
    historyDays:
      values['history-days'] === undefined
        ? defaultHistoryDays
        : wholeNumber('history-days', values['history-days'].trim(), MAX_HISTORY_DAYS),
    help: values.help ?? false,
  };
}
