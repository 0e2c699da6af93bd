import { describe, expect, it } from '@jest/globals';
import { KeyedCache } from './keyed-cache.js';

describe('KeyedCache', () => {
  it('keeps a value until it expires', () => {
    const c = new KeyedCache<string>(10, 1_000);
    c.set('a', 'x', c.mark(), 0);
    expect(c.get('a', 999)).toBe('x');
    expect(c.get('a', 1_000)).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('drops the oldest entry past its size', () => {
    const c = new KeyedCache<number>(2, 1_000);
    for (const [i, key] of ['a', 'b', 'c'].entries()) c.set(key, i, c.mark(), 0);
    expect([c.get('a', 1), c.get('b', 1), c.get('c', 1)]).toEqual([undefined, 1, 2]);
  });

  it('does not keep a value read before a change was announced', () => {
    const c = new KeyedCache<string>(10, 1_000);
    const before = c.mark();
    c.forget('other');
    c.set('a', 'stale', before, 0);
    expect(c.get('a', 1)).toBeUndefined();
    c.set('a', 'fresh', c.mark(), 0);
    expect(c.get('a', 1)).toBe('fresh');
    c.clear();
    expect(c.get('a', 1)).toBeUndefined();
  });
});
