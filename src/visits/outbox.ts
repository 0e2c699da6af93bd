import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxRepository, type Audience } from './outbox.repository.js';

export type { Audience } from './outbox.repository.js';

export interface OutboxEvent {
  kind: 'visit.late' | 'visit.missed' | 'visit.far_check_in' | 'visit.no_show' | 'visit.reminder' | 'attendance.no_show';
  /** Identifies the event: each recipient is notified of it once, each webhook endpoint told once. */
  eventKey: string;
  payload: Record<string, unknown>;
  at: Date;
}

/**
 * The outbox: notifications are written in the transaction of the event that caused them, so an
 * event and its notifications commit together or not at all. Each recipient gets an inbox row
 * (once: dedupe_key); each configured webhook a delivery row the dispatcher sends later. A
 * facility's webhook hears of an event once, a family account's webhook of its own notification.
 */
@Injectable()
export class Outbox {
  constructor(private readonly repo: OutboxRepository) {}

  async notify(m: EntityManager, audience: Audience, event: OutboxEvent): Promise<number> {
    const recipients = await this.repo.recipients(m, audience);
    let created = 0;
    const facilityEndpointsDone = new Set<string>();
    for (const r of recipients) {
      const notificationId = await this.repo.insertNotification(m, {
        recipientUserId: r.user_id,
        kind: event.kind,
        dedupeKey: `${event.eventKey}:${r.user_id}`,
        payload: event.payload,
        at: event.at,
      });
      if (notificationId === undefined) continue;
      created += 1;
      if (!r.endpoint_id || !r.endpoint_url || facilityEndpointsDone.has(r.endpoint_id)) continue;
      if (r.audience === 'staff') facilityEndpointsDone.add(r.endpoint_id);
      await this.repo.insertDelivery(m, {
        notificationId,
        endpointId: r.endpoint_id,
        eventKey: event.eventKey,
        url: r.endpoint_url,
        at: event.at,
      });
    }
    return created;
  }
}
