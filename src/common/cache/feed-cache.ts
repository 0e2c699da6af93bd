import { LRUCache } from 'lru-cache';
import type { ChangeFeed, Channel } from '../../database/change-feed.js';

/** What a notification tells a cache to forget: everything it keeps. */
export const EVERYTHING = Symbol('everything');

/** What a payload heard on a channel means to one cache: a key to forget, EVERYTHING, or undefined (not this cache's). */
export type Forgets = (payload: string) => string | typeof EVERYTHING | undefined;

/** A payload names the key to forget; '*' (a TRUNCATE) means everything. */
const byKey: Forgets = (payload) => (payload === '*' ? EVERYTHING : payload);

export interface FeedCacheOptions {
  /** Entries kept at most; the least recently used goes first. */
  max: number;
  /** How long an entry is served after it was read; 0 keeps nothing. */
  ttlMs: number;
}

/**
 * Values read from rows that another instance, or a psql session, may change, kept in this
 * instance's memory (lru-cache: at most `max` entries, each for at most `ttlMs`). The cache
 * listens to channels of the change feed: a notification forgets one key or everything, and so
 * does the feed's connection being lost or regained. Memory is served only while a feed it
 * listens to is active; otherwise every lookup misses and nothing is kept, so callers read rows.
 *
 * Each forget starts a new generation. A value read from its rows while a change was announced
 * may be older than the change: take a `mark()` before the read and pass it to `set`, which keeps
 * the value only if nothing was forgotten meanwhile (`read` does this for one key).
 */
export class FeedCache<V> {
  private readonly entries: LRUCache<string, { value: V }>;
  private readonly feeds: ChangeFeed[] = [];
  private readonly keeps: boolean;
  private generation = 0;

  constructor(options: FeedCacheOptions) {
    this.keeps = options.ttlMs > 0;
    this.entries = new LRUCache({ max: options.max, ttl: Math.max(1, options.ttlMs) });
  }

  /**
   * Forgets on each payload heard on `channel` what `forgets` makes of it (by default the payload
   * is the key, '*' everything), and everything when the feed's connection drops or comes back.
   */
  listen(feed: ChangeFeed, channel: Channel, forgets: Forgets = byKey): this {
    if (!this.feeds.includes(feed)) this.feeds.push(feed);
    feed.subscribe(channel, (payload) => {
      const what = payload === null ? EVERYTHING : forgets(payload);
      if (what === EVERYTHING) this.clear();
      else if (what !== undefined) this.forget(what);
    });
    return this;
  }

  /** Whether values are served from memory: a feed the cache listens to is listening. */
  get active(): boolean {
    return this.keeps && this.feeds.some((feed) => feed.active);
  }

  /** The kept value of `key`, or undefined (not kept, expired, or the cache is not active). */
  get(key: string): V | undefined {
    return this.active ? this.entries.get(key)?.value : undefined;
  }

  /** Take a mark before reading a value from its rows; pass it to `set`. */
  mark(): number {
    return this.generation;
  }

  /** Keeps `value` for `key`, unless something was forgotten since `mark` or the cache is not active. */
  set(key: string, value: V, mark: number): void {
    if (mark === this.generation && this.active) this.entries.set(key, { value });
  }

  /** The value of `key` from memory, else from `load` (kept when it is not undefined). */
  async read<R extends V | undefined>(key: string, load: () => Promise<R>): Promise<R> {
    if (!this.active) return load();
    const hit = this.entries.get(key);
    if (hit) return hit.value as R;
    const mark = this.mark();
    const value = await load();
    if (value !== undefined) this.set(key, value, mark);
    return value;
  }

  forget(key: string): void {
    this.generation++;
    this.entries.delete(key);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
