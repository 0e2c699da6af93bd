import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import pg from 'pg';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LOGGER } from '../core.module.js';

/** Channels the database's triggers NOTIFY on (migrations 603, 604 and 1100). */
export const CHANNELS = ['account_changed', 'booking_facts_changed', 'policy_changed'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * A change heard on a channel, as the in-process event `change-feed.<channel>` carries it:
 * `payload` is what the trigger (or this instance's `announce`) sent; null means the connection
 * was lost or regained, so everything kept from that channel must be forgotten.
 */
export class FeedChange {
  constructor(
    readonly channel: Channel,
    readonly payload: string | null,
  ) {}

  /** The in-process event name of a channel's changes. */
  static event(channel: Channel): `change-feed.${Channel}` {
    return `change-feed.${channel}`;
  }
}
/** The feed's own check that notifications still arrive. */
const PING_CHANNEL = 'care_feed_ping';

const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
/** How often the feed NOTIFYs itself through the pool; a ping not heard by the next one drops the connection. */
export const PING_EVERY_MS = 5_000;

/**
 * One connection per instance that LISTENs for the changes its in-memory caches depend on.
 * Each payload is emitted in process as a FeedChange (`FeedChange.event(channel)`, synchronously,
 * so a listener has heard it when `announce` returns); subscribers hear each payload; when the connection is lost, and again when it listens anew,
 * they hear `null` (forget everything), and `active` stays false until it listens again, so
 * caches read their rows meanwhile. A change is delivered when its transaction commits.
 * Every few seconds the feed NOTIFYs itself through the pool: a ping that does not come back (a
 * silently dead connection, or a pooler that swallows notifications) counts as a lost connection.
 */
@Injectable()
export class ChangeFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private client?: pg.Client;
  private listening = false;
  private stopped = false;
  private failures = 0;
  private retry?: NodeJS.Timeout;
  private pinger?: NodeJS.Timeout;
  private pingSent = 0;
  private pingHeard = 0;
  private readonly pingId = randomUUID();

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly events: EventEmitter2,
  ) {}

  /** Whether changes are being heard: caches may serve from memory only while this holds. */
  get active(): boolean {
    return this.listening;
  }

  /** Calls `listener` with each payload heard on `channel` (null: forget everything). */
  subscribe(channel: Channel, listener: (payload: string | null) => void): void {
    this.events.on(FeedChange.event(channel), (change: FeedChange) => listener(change.payload));
  }

  /** Tells this instance's caches of a change it has just committed, before the NOTIFY comes back. */
  announce(channel: Channel, payload: string): void {
    this.tell(channel, payload);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.cacheSeconds > 0) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.pinger);
    this.drop();
    await this.client?.end().catch(() => undefined);
  }

  private tell(channel: Channel, payload: string | null): void {
    this.events.emit(FeedChange.event(channel), new FeedChange(channel, payload));
  }

  private drop(): void {
    this.listening = false;
    for (const channel of CHANNELS) this.tell(channel, null);
  }

  private async listen(): Promise<void> {
    // The service's data sources are all made from a URL (src/database/data-source.ts).
    const url = (this.db.options as { url?: string }).url;
    if (!url) return;
    const client = new pg.Client({
      connectionString: url,
      application_name: 'chenzhou-care change feed',
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on('notification', (message) => {
      if (message.channel === PING_CHANNEL) {
        if (message.payload === `${this.pingId}:${this.pingSent}`) this.pingHeard = this.pingSent;
      } else if ((CHANNELS as readonly string[]).includes(message.channel)) this.tell(message.channel as Channel, message.payload ?? null);
    });
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.client = undefined;
      clearInterval(this.pinger);
      this.drop();
      client.end().catch(() => undefined);
      if (!this.stopped) this.reconnectLater(reason);
    };
    client.on('error', (err) => lost(err.message));
    client.on('end', () => lost('connection ended'));
    this.client = client;
    try {
      await client.connect();
      for (const channel of [...CHANNELS, PING_CHANNEL]) await client.query(`LISTEN ${channel}`);
    } catch (err) {
      lost((err as Error).message);
      return;
    }
    if (this.client !== client || this.stopped) return;
    this.failures = 0;
    // Whatever was read while the feed was down may have missed a change: start afresh.
    for (const channel of CHANNELS) this.tell(channel, null);
    this.listening = true;
    this.pingSent = this.pingHeard = 0;
    clearInterval(this.pinger);
    this.pinger = setInterval(() => void this.ping(client), PING_EVERY_MS);
    this.pinger.unref();
    this.log.debug('change feed listening');
  }

  /** NOTIFYs the feed through the pool, after checking that the last ping came back. */
  private async ping(client: pg.Client): Promise<void> {
    if (this.client !== client || this.stopped) return;
    if (this.pingHeard !== this.pingSent) {
      client.emit('error', new Error(`a ping sent through the pool was not heard within ${PING_EVERY_MS} ms`));
      return;
    }
    this.pingSent++;
    try {
      await this.db.query('SELECT pg_notify($1, $2)', [PING_CHANNEL, `${this.pingId}:${this.pingSent}`]);
    } catch {
      // The pool cannot reach the database: the next tick finds the ping unheard.
    }
  }

  private reconnectLater(reason: string): void {
    const wait = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)];
    this.log.warn({ reason, retryInMs: wait }, 'change feed lost: caches read every row until it is back');
    this.retry = setTimeout(() => void this.listen(), wait);
    this.retry.unref();
  }
}
