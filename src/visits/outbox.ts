import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Who hears of an event: the facility's staff, the resident themself, the resident's family. */
export interface Audience {
  facilityStaffOf?: string;
  seniorOf?: string;
  familyOf?: string;
}

export interface OutboxEvent {
  kind: 'visit.late' | 'visit.missed' | 'visit.far_check_in' | 'visit.no_show' | 'visit.reminder' | 'attendance.no_show';
  /** Identifies the event: each recipient is notified of it once, each webhook endpoint told once. */
  eventKey: string;
  payload: Record<string, unknown>;
  at: Date;
}

interface Recipient {
  user_id: string;
  audience: 'staff' | 'senior' | 'family';
  endpoint_id: string | null;
  endpoint_url: string | null;
}

/**
 * The outbox: notifications are written in the transaction of the event that caused them, so an
 * event and its notifications commit together or not at all. Each recipient gets an inbox row
 * (once: dedupe_key); each configured webhook a delivery row the dispatcher sends later. A
 * facility's webhook hears of an event once, a family account's webhook of its own notification.
 */
@Injectable()
export class Outbox {
  async notify(m: EntityManager, audience: Audience, event: OutboxEvent): Promise<number> {
    const recipients = await this.recipients(m, audience);
    let created = 0;
    const facilityEndpointsDone = new Set<string>();
    for (const r of recipients) {
      const rows = (await m.query(
        `INSERT INTO notifications (recipient_user_id, kind, dedupe_key, payload, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [r.user_id, event.kind, `${event.eventKey}:${r.user_id}`, JSON.stringify(event.payload), event.at],
      )) as { id: string }[];
      if (rows.length === 0) continue;
      created += 1;
      if (!r.endpoint_id || !r.endpoint_url || facilityEndpointsDone.has(r.endpoint_id)) continue;
      if (r.audience === 'staff') facilityEndpointsDone.add(r.endpoint_id);
      await m.query(
        `INSERT INTO notification_deliveries (notification_id, endpoint_id, event_key, url, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (endpoint_id, event_key) DO NOTHING`,
        [rows[0].id, r.endpoint_id, event.eventKey, r.endpoint_url, event.at],
      );
    }
    return created;
  }

  private async recipients(m: EntityManager, a: Audience): Promise<Recipient[]> {
    return (await m.query(
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
    )) as Recipient[];
  }
}
