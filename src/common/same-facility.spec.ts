import { describe, expect, it } from '@jest/globals';
import { sameFacility } from './same-facility.js';

describe('sameFacility', () => {
  it('holds for the same facility only', () => {
    expect(sameFacility('f1', 'f1')).toBe(true);
    expect(sameFacility('f1', 'f2')).toBe(false);
  });

  it('never holds for a record without a facility', () => {
    expect(sameFacility(null, null)).toBe(false);
    expect(sameFacility(undefined, 'f1')).toBe(false);
    expect(sameFacility('f1', null)).toBe(false);
  });
});
