import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { returned } from '../database/returned.js';

export interface NotificationRow {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

export interface WebhookEndpointRow {
  id: string;
  url: string;
  updated_at: Date;
}

/** The in-app inbox of each account, and the webhook endpoints of facilities and accounts. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: DataSource) {}

  /** One page of the account's inbox, newest first. */
  async inboxPage(userId: string, limit: number, offset: number): Promise<NotificationRow[]> {
    return this.db.query<NotificationRow[]>(
      `SELECT id, kind, payload, created_at, read_at FROM notifications WHERE recipient_user_id = $1
        ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [userId, limit, offset],
    );
  }

  async inboxCounts(userId: string): Promise<{ total: number; unread: number }> {
    const [counts] = await this.db.query<{ total: number; unread: number }[]>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM notifications WHERE recipient_user_id = $1`,
      [userId],
    );
    return counts;
  }

  /** Marks the account's notification read, keeping the first time; undefined when it is not theirs. */
  async markRead(id: string, userId: string): Promise<NotificationRow | undefined> {
    const rows = returned<NotificationRow>(
      await this.db.query<unknown>(
        `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND recipient_user_id = $2
         RETURNING id, kind, payload, created_at, read_at`,
        [id, userId],
      ),
    );
    return rows[0];
  }

  async facilityExists(facilityId: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>('SELECT 1 FROM facilities WHERE id = $1', [facilityId]);
    return rows.length > 0;
  }

  /** Sets the facility's or the account's one webhook endpoint (URL and secret). */
  async upsertEndpoint(
    m: EntityManager,
    owner: 'facility' | 'user',
    ownerId: string,
    e: { url: string; secret: string; by: string },
  ): Promise<WebhookEndpointRow> {
    const column = owner === 'facility' ? 'facility_id' : 'user_id';
    const [row] = await m.query<WebhookEndpointRow[]>(
      `INSERT INTO webhook_endpoints (${column}, url, secret, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (${column}) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING id, url, updated_at`,
      [ownerId, e.url, e.secret, e.by],
    );
    return row;
  }
}
