import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import { offsetOf, type PageQuery } from '../common/http/pagination.js';
import { toShanghaiIso } from '../common/shanghai-time.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { NotificationDto, NotificationPageDto, WebhookDto, WebhookResultDto } from './dto/notification.dto.js';
import { NotificationsRepository, type NotificationRow } from './notifications.repository.js';
import { privateUrlReason } from './webhook-address.js';

function toDto(r: NotificationRow): NotificationDto {
  return {
    id: r.id,
    kind: r.kind,
    payload: r.payload,
    createdAt: toShanghaiIso(r.created_at.getTime()),
    readAt: r.read_at ? toShanghaiIso(r.read_at.getTime()) : null,
  };
}

/** The in-app inbox, and where each facility or family account wants its webhook calls. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: DataSource,
    private readonly notifications: NotificationsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async inbox(actor: Actor, q: PageQuery): Promise<NotificationPageDto> {
    const rows = await this.notifications.inboxPage(actor.userId, q.pageSize, offsetOf(q));
    const counts = await this.notifications.inboxCounts(actor.userId);
    return { items: rows.map(toDto), total: counts.total, page: q.page, pageSize: q.pageSize, unread: counts.unread };
  }

  /** Reading twice keeps the first time: the inbox shows each notification once. */
  async markRead(actor: Actor, id: string): Promise<NotificationDto> {
    const row = await this.notifications.markRead(id, actor.userId);
    if (!row) throw notFound('Notification');
    return toDto(row);
  }

  async setFacilityWebhook(actor: Actor, facilityId: string, dto: WebhookDto): Promise<WebhookResultDto> {
    this.access.requireFacilityStaff(actor, facilityId);
    if (!(await this.notifications.facilityExists(facilityId))) throw notFound('Facility');
    return this.upsert(actor, 'facility', facilityId, dto);
  }

  async setMyWebhook(actor: Actor, dto: WebhookDto): Promise<WebhookResultDto> {
    return this.upsert(actor, 'user', actor.userId, dto);
  }

  private async upsert(actor: Actor, owner: 'facility' | 'user', ownerId: string, dto: WebhookDto): Promise<WebhookResultDto> {
    const refused = this.config.webhookAllowPrivate ? null : privateUrlReason(dto.url);
    if (refused) {
      throw new DomainError(
        'WEBHOOK_URL_PRIVATE',
        `The webhook cannot point into the service's own network (${refused}): give a public address`,
        [{ field: 'url', message: 'must be a public address' }],
      );
    }
    return this.db.transaction(async (m) => {
      const row = await this.notifications.upsertEndpoint(m, owner, ownerId, { url: dto.url, secret: dto.secret, by: actor.userId });
      // The secret is never written to the audit trail.
      await this.audit.record(m, actor, 'webhook_endpoint', row.id, 'update', null, { owner, ownerId, url: dto.url });
      return { url: row.url, owner, ownerId, updatedAt: toShanghaiIso(row.updated_at.getTime()) };
    });
  }
}
