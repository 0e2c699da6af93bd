import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { returned } from '../database/returned.js';

/** Who hears of an event: the facility's staff, the resident themself, the resident's family. */
export interface Audience {
  facilityStaffOf?: string;
  seniorOf?: string;
  familyOf?: string;
}

/** One account to notify, with the webhook endpoint (its facility's or its own) that hears of it. */
export interface RecipientRow {
  user_id: string;
  audience: 'staff' | 'senior' | 'family';
  endpoint_id: string | null;
  endpoint_url: string | null;
}

/** A webhook delivery claimed for sending, with its endpoint and notification. */
export interface DueDeliveryRow {
  id: string;
  attempts: number;
  url: string;
  secret: string;
  notification_id: string;
  kind: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

/**
 * The notification outbox: inbox rows written in the transaction of the event that caused them,
 * and the webhook deliveries the dispatcher sends afterwards (claimed, leased, retried).
 */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The active accounts of an audience: the facility's centre staff (with the facility's webhook),
   * the senior's own account, the family's accounts (each with its own webhook).
   */
  async recipients(m: EntityManager, a: Audience): Promise<RecipientRow[]> {
    return m.query<RecipientRow[]>(
      `SELECT u.id AS user_id, 'staff' AS audience, e.id AS endpoint_id, e.url AS endpoint_url
         FROM users u LEFT JOIN webhook_endpoints e ON e.facility_id = u.facility_id
        WHERE $1::uuid IS NOT NULL AND u.role = 'centre_staff' AND u.facility_id = $1 AND NOT u.disabled
       UNION ALL
       SELECT u.id, 'senior', NULL, NULL
         FROM users u WHERE $2::uuid IS NOT NULL AND u.role = 'senior' AND u.resident_id = $2 AND NOT u.disabled
       UNION ALL
       SELECT u.id, 'family', e.id, e.url
         FROM family_links l JOIN users u ON u.id = l.user_id LEFT JOIN webhook_endpoints e ON e.user_id = u.id
        WHERE $3::uuid IS NOT NULL AND l.resident_id = $3 AND NOT u.disabled
        ORDER BY 2, 1`,
      [a.facilityStaffOf ?? null, a.seniorOf ?? null, a.familyOf ?? null],
    );
  }

  /** Writes an inbox row once per dedupe key; returns its id, or undefined when it was there already. */
  async insertNotification(
    m: EntityManager,
    n: { recipientUserId: string; kind: string; dedupeKey: string; payload: Record<string, unknown>; at: Date },
  ): Promise<string | undefined> {
    const rows = await m.query<{ id: string }[]>(
      `INSERT INTO notifications (recipient_user_id, kind, dedupe_key, payload, created_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [n.recipientUserId, n.kind, n.dedupeKey, JSON.stringify(n.payload), n.at],
    );
    return rows[0]?.id;
  }

  /** Queues a webhook call; an endpoint hears of each event once. */
  async insertDelivery(
    m: EntityManager,
    d: { notificationId: string; endpointId: string; eventKey: string; url: string; at: Date },
  ): Promise<void> {
    await m.query(
      `INSERT INTO notification_deliveries (notification_id, endpoint_id, event_key, url, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (endpoint_id, event_key) DO NOTHING`,
      [d.notificationId, d.endpointId, d.eventKey, d.url, d.at],
    );
  }

  /**
   * Claims up to `limit` due deliveries (FOR UPDATE SKIP LOCKED, so instances share the work),
   * counts the attempt and leases them until `leaseUntil`; the endpoint's current URL is used.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<DueDeliveryRow[]> {
    return returned<DueDeliveryRow>(
      await this.db.query<unknown>(
        `UPDATE notification_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $2, url = e.url
           FROM webhook_endpoints e, notifications n
          WHERE d.id IN (SELECT id FROM notification_deliveries
                          WHERE delivered_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= $1
                          ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
            AND e.id = d.endpoint_id AND n.id = d.notification_id
          RETURNING d.id, d.attempts, e.url, e.secret, n.id AS notification_id, n.kind, n.payload, n.created_at`,
        [now, leaseUntil, limit],
      ),
    );
  }

  async markDelivered(id: string, at: Date, status: number): Promise<void> {
    await this.db.query(`UPDATE notification_deliveries SET delivered_at = $2, last_status = $3, last_error = NULL WHERE id = $1`, [
      id,
      at,
      status,
    ]);
  }

  /** Records a failed attempt: tried again at `nextAttempt`, or given up (at `now`) when it is null. */
  async markFailed(id: string, status: number | null, error: string | null, nextAttempt: Date | null, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE notification_deliveries SET last_status = $2, last_error = $3,
              next_attempt_at = COALESCE($4, next_attempt_at), gave_up_at = CASE WHEN $4::timestamptz IS NULL THEN $5::timestamptz END
        WHERE id = $1`,
      [id, status, error, nextAttempt, now],
    );
  }
}
