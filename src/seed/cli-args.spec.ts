import { describe, expect, it } from '@jest/globals';
import { SeedArgsError, parseSeedArgs } from './cli-args.js';
import { DEFAULT_SEED } from './demo-city.js';

describe('parseSeedArgs', () => {
  it('reads --residents in both spellings, and falls back to the default', () => {
    expect(parseSeedArgs(['--residents', '100000'], 2000)).toEqual({ residents: 100000, seed: DEFAULT_SEED, historyDays: 90, help: false });
    expect(parseSeedArgs(['--residents=0', '--seed', '7'], 2000)).toEqual({ residents: 0, seed: 7, historyDays: 90, help: false });
    expect(parseSeedArgs([], 2000).residents).toBe(2000);
  });

  it.each([
    [['--residents', 'abc']],
    [['--residents', '-5']],
    [['--residents', '1.5']],
    [['--residents', '2000000']],
    [['--residents']],
    [['--resident', '10']],
    [['100']],
  ])('refuses %j with a message', (argv) => {
    expect(() => parseSeedArgs(argv, 2000)).toThrow(SeedArgsError);
  });

  it('reads --history-days, falling back to the configured default', () => {
    expect(parseSeedArgs(['--history-days', '14'], 2000, 90).historyDays).toBe(14);
    expect(parseSeedArgs(['--history-days=0'], 2000).historyDays).toBe(0);
    expect(parseSeedArgs([], 2000, 30).historyDays).toBe(30);
    expect(() => parseSeedArgs(['--history-days', '1000'], 2000)).toThrow(
      '--history-days must be a whole number from 0 to 730 (got "1000")',
    );
    expect(() => parseSeedArgs(['--history-days', 'x'], 2000)).toThrow(SeedArgsError);
  });

  it('names the flag and the bad value', () => {
    expect(() => parseSeedArgs(['--residents', 'abc'], 2000)).toThrow('--residents must be a whole number from 0 to 1000000 (got "abc")');
  });
});
