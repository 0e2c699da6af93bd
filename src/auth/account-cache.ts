import { Inject, Injectable } from '@nestjs/common';
import { KeyedCache } from '../common/cache/keyed-cache.js';
import type { Actor } from '../common/auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ChangeFeed } from '../database/change-feed.js';

/** An enabled account as a token is checked against it: the actor and the version its tokens must carry. */
export interface Account extends Actor {
  tokenVersion: number;
}

/** Accounts kept at most; the oldest entry goes first. */
const MAX_ENTRIES = 100_000;

/**
 * The accounts behind recent tokens, kept in this instance's memory so a request needs no account
 * read. A raised token version (a new password, logout everywhere) is announced the same way.
 * Used only while the change feed listens: a change to an account, a disabled one included,
 * is announced on `account_changed` (migration 603) and reaches every instance as its transaction
 * commits. While the feed is down every request reads its account row.
 */
@Injectable()
export class AccountCache {
  private readonly accounts: KeyedCache<Account>;

  constructor(
    private readonly feed: ChangeFeed,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.accounts = new KeyedCache(MAX_ENTRIES, config.cacheSeconds * 1000);
    feed.subscribe('account_changed', (id) => this.forget(id ?? '*'));
  }

  /** Whether accounts are currently served from memory. */
  get active(): boolean {
    return this.feed.active;
  }

  /** The actor of an enabled account: from memory when known, else from `read` (and kept). */
  async get(userId: string, read: () => Promise<Account | undefined>): Promise<Account | undefined> {
    if (!this.feed.active) return read();
    const hit = this.accounts.get(userId);
    if (hit) return hit;
    const mark = this.accounts.mark();
    const actor = await read();
    // Disabled or unknown accounts are not kept: every request for them reads again.
    if (actor && this.feed.active) this.accounts.set(userId, actor, mark);
    return actor;
  }

  /** Forget one account ('*': every account): what an announcement on `account_changed` does. */
  forget(userId: string): void {
    if (userId === '*') this.accounts.clear();
    else this.accounts.forget(userId);
  }
}
