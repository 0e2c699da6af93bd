import { describe, expect, it } from '@jest/globals';
import { storeBestTwo } from './best-two.js';

describe('storeBestTwo', () => {
  const run = (costs: number[]) => {
    const b1 = new Float64Array(2);
    const b2 = new Float64Array(2);
    const slot = new Int32Array(2);
    storeBestTwo(Float64Array.from(costs), 1, b1, b2, slot);
    return { best: b1[1], second: b2[1], slot: slot[1] };
  };

  it('finds the cheapest, the second cheapest and where the cheapest is', () => {
    expect(run([7, 3, 9, 4])).toEqual({ best: 3, second: 4, slot: 1 });
    expect(run([2, 2])).toEqual({ best: 2, second: 2, slot: 0 });
  });

  it('says when only one route or none is feasible', () => {
    expect(run([Infinity, 5])).toEqual({ best: 5, second: Infinity, slot: 1 });
    expect(run([Infinity, Infinity])).toEqual({ best: Infinity, second: Infinity, slot: -1 });
  });
});
