import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LOGGER } from '../core.module.js';

/** Channels the database's triggers NOTIFY on (migrations 603 and 604). */
export const CHANNELS = ['account_changed', 'booking_facts_changed'] as const;
export type Channel = (typeof CHANNELS)[number];

const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * One connection per instance that LISTENs for the changes its in-memory caches depend on.
 * Subscribers hear each payload; when the connection is lost they hear `null` (forget
 * everything), and `active` stays false until it listens again, so caches read their rows
 * meanwhile. A change is delivered when its transaction commits.
 */
@Injectable()
export class ChangeFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly subscribers = new Map<Channel, ((payload: string | null) => void)[]>();
  private client?: pg.Client;
  private listening = false;
  private stopped = false;
  private failures = 0;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /** Whether changes are being heard: caches may serve from memory only while this holds. */
  get active(): boolean {
    return this.listening;
  }

  subscribe(channel: Channel, listener: (payload: string | null) => void): void {
    this.subscribers.set(channel, [...(this.subscribers.get(channel) ?? []), listener]);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.cacheSeconds > 0) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.drop();
    await this.client?.end().catch(() => undefined);
  }

  private tell(channel: Channel, payload: string | null): void {
    for (const listener of this.subscribers.get(channel) ?? []) listener(payload);
  }

  private drop(): void {
    this.listening = false;
    for (const channel of CHANNELS) this.tell(channel, null);
  }

  private async listen(): Promise<void> {
    // The service's data sources are all made from a URL (src/database/data-source.ts).
    const url = (this.db.options as { url?: string }).url;
    if (!url) return;
    const client = new pg.Client({ connectionString: url, application_name: 'chenzhou-care change feed', keepAlive: true });
    client.on('notification', (message) => {
      if ((CHANNELS as readonly string[]).includes(message.channel)) this.tell(message.channel as Channel, message.payload ?? null);
    });
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.drop();
      client.end().catch(() => undefined);
      if (!this.stopped) this.reconnectLater(reason);
    };
    client.on('error', (err) => lost(err.message));
    client.on('end', () => lost('connection ended'));
    this.client = client;
    try {
      await client.connect();
      for (const channel of CHANNELS) await client.query(`LISTEN ${channel}`);
    } catch (err) {
      lost((err as Error).message);
      return;
    }
    if (this.client !== client || this.stopped) return;
    this.failures = 0;
    this.listening = true;
    this.log.debug('change feed listening');
  }

  private reconnectLater(reason: string): void {
    const wait = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)]!;
    this.log.warn({ reason, retryInMs: wait }, 'change feed lost: caches read every row until it is back');
    this.retry = setTimeout(() => void this.listen(), wait);
    this.retry.unref();
  }
}
