import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/roles.js';
import { FeedCache } from '../common/cache/feed-cache.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ChangeFeed } from '../database/change-feed.js';

/** An enabled account as a token is checked against it: the actor and the version its tokens must carry. */
export interface Account extends Actor {
  tokenVersion: number;
}

/** Accounts kept at most; the least recently used goes first. */
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
  private readonly accounts: FeedCache<Account>;

  constructor(feed: ChangeFeed, @Inject(APP_CONFIG) config: AppConfig) {
    this.accounts = new FeedCache<Account>({ max: MAX_ENTRIES, ttlMs: config.cacheSeconds * 1000 }).listen(feed, 'account_changed');
  }

  /** Whether accounts are currently served from memory. */
  get active(): boolean {
    return this.accounts.active;
  }

  /**
   * The actor of an enabled account: from memory when known, else from `read` (and kept).
   * Disabled or unknown accounts are not kept: every request for them reads again.
   */
  get(userId: string, read: () => Promise<Account | undefined>): Promise<Account | undefined> {
    return this.accounts.read(userId, read);
  }

  /** Forget one account ('*': every account): what an announcement on `account_changed` does. */
  forget(userId: string): void {
    if (userId === '*') this.accounts.clear();
    else this.accounts.forget(userId);
  }
}
