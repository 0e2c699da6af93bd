import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService, isUuid } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import { offsetOf, type PageQuery } from '../common/http/pagination.js';
import { returned } from '../database/returned.js';
import { toShanghaiIso } from '../common/shanghai-time.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { NotificationDto, NotificationPageDto, WebhookDto, WebhookResultDto } from './dto/notification.dto.js';
import { privateUrlReason } from './webhook-address.js';

interface NotificationRow {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

function toDto(r: NotificationRow): NotificationDto {
  return { id: r.id, kind: r.kind, payload: r.payload, createdAt: toShanghaiIso(r.created_at.getTime()), readAt: r.read_at ? toShanghaiIso(r.read_at.getTime()) : null };
}

/** The in-app inbox, and where each facility or family account wants its webhook calls. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async inbox(actor: Actor, q: PageQuery): Promise<NotificationPageDto> {
    const rows = (await this.db.query(
      `SELECT id, kind, payload, created_at, read_at FROM notifications WHERE recipient_user_id = $1
        ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [actor.userId, q.pageSize, offsetOf(q)],
    )) as NotificationRow[];
    const [counts] = (await this.db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM notifications WHERE recipient_user_id = $1`,
      [actor.userId],
    )) as { total: number; unread: number }[];
    return { items: rows.map(toDto), total: counts.total, page: q.page, pageSize: q.pageSize, unread: counts.unread };
  }

  /** Reading twice keeps the first time: the inbox shows each notification once. */
  async markRead(actor: Actor, id: string): Promise<NotificationDto> {
    const rows = isUuid(id)
      ? returned<NotificationRow>(
          await this.db.query(
            `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND recipient_user_id = $2
             RETURNING id, kind, payload, created_at, read_at`,
            [id, actor.userId],
          ),
        )
      : [];
    if (rows.length === 0) throw notFound('Notification');
    return toDto(rows[0]);
  }

  async setFacilityWebhook(actor: Actor, facilityId: string, dto: WebhookDto): Promise<WebhookResultDto> {
    this.access.requireFacilityStaff(actor, facilityId);
    const exists = (await this.db.query('SELECT 1 FROM facilities WHERE id = $1', [facilityId])) as unknown[];
    if (exists.length === 0) throw notFound('Facility');
    return this.upsert(actor, 'facility', facilityId, dto);
  }

  async setMyWebhook(actor: Actor, dto: WebhookDto): Promise<WebhookResultDto> {
    return this.upsert(actor, 'user', actor.userId, dto);
  }

  private async upsert(actor: Actor, owner: 'facility' | 'user', ownerId: string, dto: WebhookDto): Promise<WebhookResultDto> {
    const refused = this.config.webhookAllowPrivate ? null : privateUrlReason(dto.url);
    if (refused) {
      throw new DomainError('WEBHOOK_URL_PRIVATE', `The webhook cannot point into the service's own network (${refused}): give a public address`, [
        { field: 'url', message: 'must be a public address' },
      ]);
    }
    const column = owner === 'facility' ? 'facility_id' : 'user_id';
    return this.db.transaction(async (m) => {
      const [row] = (await m.query(
        `INSERT INTO webhook_endpoints (${column}, url, secret, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (${column}) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, updated_by = EXCLUDED.updated_by, updated_at = now()
         RETURNING id, url, updated_at`,
        [ownerId, dto.url, dto.secret, actor.userId],
      )) as { id: string; url: string; updated_at: Date }[];
      // The secret is never written to the audit trail.
      await this.audit.record(m, actor, 'webhook_endpoint', row.id, 'update', null, { owner, ownerId, url: dto.url });
      return { url: row.url, owner, ownerId, updatedAt: toShanghaiIso(row.updated_at.getTime()) };
    });
  }
}
