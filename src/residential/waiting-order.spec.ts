import { describe, expect, it } from '@jest/globals';
import { inWaitingOrder, nextForBed, type WaitingEntry } from './waiting-order.js';

const entry = (id: string, more: Partial<WaitingEntry> = {}): WaitingEntry => ({
  id,
  careType: 'full_care',
  careLevel: 2,
  subsidyCategory: 'none',
  waitingSince: 1_000,
  ...more,
});

describe('waiting order', () => {
  it('puts extreme hardship first, then the higher care level, then the longer wait', () => {
    const list = [
      entry('early-low', { careLevel: 1, waitingSince: 100 }),
      entry('late-high', { careLevel: 4, waitingSince: 900 }),
      entry('tekun-low-late', { subsidyCategory: 'tekun', careLevel: 0, waitingSince: 5_000 }),
      entry('early-high', { careLevel: 4, waitingSince: 200 }),
      entry('dibao-mid', { subsidyCategory: 'dibao', careLevel: 3, waitingSince: 50 }),
    ];
    expect(inWaitingOrder(list).map((e) => e.id)).toEqual(['tekun-low-late', 'early-high', 'late-high', 'dibao-mid', 'early-low']);
  });

  it('gives a freed bed to the first who needs its care type', () => {
    const list = [
      entry('full', { careLevel: 4 }),
      entry('self', { careType: 'self_care', careLevel: 1 }),
      entry('self-2', { careType: 'self_care', careLevel: 0 }),
    ];
    expect(nextForBed(list, 'self_care')?.id).toBe('self');
    expect(nextForBed(list, 'full_care')?.id).toBe('full');
    expect(nextForBed(list, 'partial_care')).toBeUndefined();
  });
});
