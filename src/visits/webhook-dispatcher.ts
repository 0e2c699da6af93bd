import { Inject, Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LOGGER } from '../core.module.js';
import { toShanghaiIso } from '../common/shanghai-time.js';
import { nextAttemptAt } from './delivery-schedule.js';
import { OutboxRepository, type DueDeliveryRow } from './outbox.repository.js';
import { NOTIFICATION_ID_HEADER, SIGNATURE_HEADER, signatureOf } from './webhook-signature.js';
import { postWebhook } from './webhook-post.js';

const BATCH = 20;

/**
 * Sends due webhook deliveries. Each instance claims a batch with FOR UPDATE SKIP LOCKED and
 * leases it (next_attempt_at moves past the send's time-out), so instances share the work and a
 * crashed instance's batch is retried after the lease. A delivery is sent at least once; the
 * notification id in the body and in X-Care-Notification-Id lets the receiver show it once.
 */
@Injectable()
export class WebhookDispatcher {
  private running = false;

  constructor(
    private readonly outbox: OutboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  @Interval('visits.webhooks', 5000)
  async tick(): Promise<void> {
    if (!this.config.visitJobs || this.running) return;
    this.running = true;
    try {
      await this.dispatchDue(new Date());
    } catch (error) {
      this.log.error({ err: error, job: 'visits.webhooks' }, 'webhook dispatch failed');
    } finally {
      this.running = false;
    }
  }

  async dispatchDue(now: Date): Promise<{ delivered: number; failed: number }> {
    const leaseUntil = new Date(now.getTime() + this.config.webhookTimeoutMs + 30_000);
    const due = await this.outbox.claimDue(now, leaseUntil, BATCH);
    const outcomes = await Promise.all(due.map((d) => this.send(d, now)));
    const delivered = outcomes.filter(Boolean).length;
    return { delivered, failed: outcomes.length - delivered };
  }

  private async send(d: DueDeliveryRow, now: Date): Promise<boolean> {
    const body = JSON.stringify({
      id: d.notification_id,
      kind: d.kind,
      createdAt: toShanghaiIso(d.created_at.getTime()),
      payload: d.payload,
    });
    let status: number | null = null;
    let error: string;
    try {
      // The name is resolved once for the connection itself and each address checked there: a
      // name that answers differently on a second lookup cannot slip into the service's network.
      status = await postWebhook(
        d.url,
        {
          'Content-Type': 'application/json',
          [SIGNATURE_HEADER]: signatureOf(d.secret, Math.floor(now.getTime() / 1000), body),
          [NOTIFICATION_ID_HEADER]: d.notification_id,
          'X-Care-Delivery-Attempt': String(d.attempts),
        },
        body,
        { timeoutMs: this.config.webhookTimeoutMs, allowPrivate: this.config.webhookAllowPrivate },
      );
      if (status >= 200 && status < 300) {
        await this.outbox.markDelivered(d.id, now, status);
        return true;
      }
      error = `HTTP ${status}`;
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 500) : 'unknown error';
    }
    const next = nextAttemptAt(now.getTime(), d.attempts, this.config.webhookMaxAttempts);
    await this.outbox.markFailed(d.id, status, error, next === null ? null : new Date(next), now);
    if (next === null) this.log.warn({ deliveryId: d.id, url: d.url, error }, 'webhook delivery gave up');
    return false;
  }
}
