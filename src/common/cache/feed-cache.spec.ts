import { describe, expect, it } from '@jest/globals';
import type { ChangeFeed } from '../../database/change-feed.js';
import { EVERYTHING, FeedCache } from './feed-cache.js';

/** The part of the change feed a cache uses: whether it listens, and the payloads it hears. */
function feed() {
  const listeners: ((payload: string | null) => void)[] = [];
  const f = {
    active: true,
    subscribe: (_channel: string, listener: (payload: string | null) => void) => listeners.push(listener),
    hear: (payload: string | null) => listeners.forEach((l) => l(payload)),
  };
  return f;
}
const asFeed = (f: ReturnType<typeof feed>) => f as unknown as ChangeFeed;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('FeedCache', () => {
  it('keeps a value until it expires', async () => {
    const c = new FeedCache<string>({ max: 10, ttlMs: 30 }).listen(asFeed(feed()), 'account_changed');
    c.set('a', 'x', c.mark());
    expect(c.get('a')).toBe('x');
    await sleep(60);
    expect(c.get('a')).toBeUndefined();
  });

  it('drops the least recently used entry past its size', () => {
    const c = new FeedCache<number>({ max: 2, ttlMs: 1_000 }).listen(asFeed(feed()), 'account_changed');
    c.set('a', 0, c.mark());
    c.set('b', 1, c.mark());
    expect(c.get('a')).toBe(0);
    c.set('c', 2, c.mark());
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([0, undefined, 2]);
  });

  it('does not keep a value read before a change was announced', () => {
    const c = new FeedCache<string>({ max: 10, ttlMs: 1_000 }).listen(asFeed(feed()), 'account_changed');
    const before = c.mark();
    c.forget('other');
    c.set('a', 'stale', before);
    expect(c.get('a')).toBeUndefined();
    c.set('a', 'fresh', c.mark());
    expect(c.get('a')).toBe('fresh');
    c.clear();
    expect(c.get('a')).toBeUndefined();
  });

  it('forgets what each payload names, and everything when the feed drops', () => {
    const f = feed();
    const c = new FeedCache<number | null>({ max: 10, ttlMs: 1_000 }).listen(asFeed(f), 'booking_facts_changed', (p) =>
      p === 'all' ? EVERYTHING : p.startsWith('k:') ? p.slice(2) : undefined,
    );
    const fill = () => ['a', 'b'].forEach((k) => c.set(k, null, c.mark()));
    fill();
    f.hear('other:a');
    expect([c.get('a'), c.get('b')]).toEqual([null, null]);
    f.hear('k:a');
    expect([c.get('a'), c.get('b')]).toEqual([undefined, null]);
    fill();
    f.hear('all');
    expect([c.get('a'), c.get('b')]).toEqual([undefined, undefined]);
    fill();
    f.hear(null);
    expect(c.get('b')).toBeUndefined();
  });

  it('serves nothing from memory while its feed is down, or when it keeps nothing', async () => {
    const f = feed();
    const c = new FeedCache<string>({ max: 10, ttlMs: 1_000 }).listen(asFeed(f), 'policy_changed');
    let reads = 0;
    const load = () => Promise.resolve(`v${++reads}`);
    expect(await c.read('k', load)).toBe('v1');
    expect(await c.read('k', load)).toBe('v1');
    f.active = false;
    expect(c.active).toBe(false);
    expect(c.get('k')).toBeUndefined();
    expect(await c.read('k', load)).toBe('v2');
    expect(await c.read('k', load)).toBe('v3');
    const off = new FeedCache<string>({ max: 10, ttlMs: 0 }).listen(asFeed(feed()), 'policy_changed');
    off.set('k', 'x', off.mark());
    expect(off.get('k')).toBeUndefined();
    expect(new FeedCache<string>({ max: 10, ttlMs: 1_000 }).active).toBe(false);
  });

  it('keeps no undefined value read, and none read while the key was forgotten', async () => {
    const c = new FeedCache<string>({ max: 10, ttlMs: 1_000 }).listen(asFeed(feed()), 'account_changed');
    let reads = 0;
    await c.read('gone', () => Promise.resolve((reads++, undefined)));
    await c.read('gone', () => Promise.resolve((reads++, undefined)));
    expect(reads).toBe(2);
    const racing = () => {
      if (++reads === 3) c.forget('k');
      return Promise.resolve('v');
    };
    await c.read('k', racing);
    await c.read('k', racing);
    expect(reads).toBe(4);
    await c.read('k', racing);
    expect(reads).toBe(4);
  });
});
