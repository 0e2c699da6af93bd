import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LOGGER } from '../core.module.js';

export const ACCOUNT_CHANNEL = 'account_changed';
/** Accounts kept at most; the oldest entry goes first. */
const MAX_ENTRIES = 100_000;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * The accounts behind recent tokens, kept in this instance's memory so a request needs no account
 * read. It is used only while a dedicated connection LISTENs on `account_changed` (migration 603):
 * a change or a disabled account reaches every instance when its transaction commits. While that
 * connection is down the cache is empty and every request reads the account row. An entry read
 * while a change was announced is not kept (the read may have seen the row before the change).
 */
@Injectable()
export class AccountCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly entries = new Map<string, { actor: Actor; until: number }>();
  /** Bumped by every announced change: a read that began before a change does not store its row. */
  private generation = 0;
  private listener?: pg.Client;
  private listening = false;
  private stopped = false;
  private failures = 0;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /** Whether accounts are currently served from memory. */
  get active(): boolean {
    return this.listening;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.accountCacheSeconds > 0) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.drop();
    await this.listener?.end().catch(() => undefined);
  }

  /** The actor of an enabled account: from memory when known, else from `read` (and kept). */
  async get(userId: string, read: () => Promise<Actor | undefined>): Promise<Actor | undefined> {
    if (!this.listening) return read();
    const now = Date.now();
    const hit = this.entries.get(userId);
    if (hit && hit.until > now) return hit.actor;
    const generation = this.generation;
    const actor = await read();
    // Disabled or unknown accounts are not kept: every request for them reads again.
    if (actor && this.listening && generation === this.generation) {
      this.entries.delete(userId);
      this.entries.set(userId, { actor, until: now + this.config.accountCacheSeconds * 1000 });
      if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    }
    return actor;
  }

  /** Forget one account ('*': every account), as an announcement does; also called right after this instance's own change commits. */
  forget(userId: string): void {
    this.generation++;
    if (userId === '*') this.entries.clear();
    else this.entries.delete(userId);
  }

  private drop(): void {
    this.listening = false;
    this.forget('*');
  }

  private async listen(): Promise<void> {
    // The service's data sources are all made from a URL (src/database/data-source.ts).
    const url = (this.db.options as { url?: string }).url;
    if (!url) return;
    const client = new pg.Client({
      connectionString: url,
      application_name: 'chenzhou-care account listener',
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (message.channel === ACCOUNT_CHANNEL) this.forget(message.payload ?? '*');
    });
    const lost = (reason: string) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.drop();
      client.end().catch(() => undefined);
      if (!this.stopped) this.reconnectLater(reason);
    };
    client.on('error', (err) => lost(err.message));
    client.on('end', () => lost('connection ended'));
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${ACCOUNT_CHANNEL}`);
    } catch (err) {
      lost((err as Error).message);
      return;
    }
    if (this.listener !== client || this.stopped) return;
    this.failures = 0;
    this.listening = true;
    this.log.debug('account cache listening for account changes');
  }

  private reconnectLater(reason: string): void {
    const wait = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)]!;
    this.log.warn({ reason, retryInMs: wait }, 'account cache off: every request reads its account until the listener is back');
    this.retry = setTimeout(() => void this.listen(), wait);
    this.retry.unref();
  }
}
