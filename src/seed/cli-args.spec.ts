import { describe, expect, it } from '@jest/globals';
import { SeedArgsError, parseSeedArgs } from './cli-args.js';
import { DEFAULT_SEED } from './demo-city.js';

describe('parseSeedArgs', () => {
  it('reads --residents in both spellings, and falls back to the default', () => {
    expect(parseSeedArgs(['--residents', '100000'], 2000)).toEqual({ residents: 100000, seed: DEFAULT_SEED, help: false });
    expect(parseSeedArgs(['--residents=0', '--seed', '7'], 2000)).toEqual({ residents: 0, seed: 7, help: false });
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

  it('names the flag and the bad value', () => {
    expect(() => parseSeedArgs(['--residents', 'abc'], 2000)).toThrow('--residents must be a whole number from 0 to 1000000 (got "abc")');
  });
});
