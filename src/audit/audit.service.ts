import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/roles.js';
import { currentRequestId } from '../common/request-context.js';
import { offsetOf, type Page, type PageQuery } from '../common/http/pagination.js';
import { toShanghaiIso } from '../common/shanghai-time.js';
import type { AuditEntryDto } from './audit-entry.dto.js';
import { AuditEntry, type AuditAction, type AuditChanges } from './audit-entry.entity.js';
import { diffForAudit } from './audit-diff.js';

export interface AuditFilter extends PageQuery {
  entity?: string;
  entityId?: string;
}

/** The audit trail: who changed what, when, with old and new values (ID numbers masked). */
@Injectable()
export class AuditService {
  constructor(private readonly db: DataSource) {}

  /** Write inside the caller's transaction, so the trail and the change commit together. */
  async record(
    manager: EntityManager,
    actor: Actor | null,
    entity: string,
    entityId: string,
    action: AuditAction,
    before: object | null,
    after: object | null,
  ): Promise<void> {
    const changes: AuditChanges = diffForAudit(before, after);
    if (action === 'update' && Object.keys(changes).length === 0) return;
    await manager.insert(AuditEntry, {
      at: new Date(),
      actorUserId: actor?.userId ?? null,
      actorRole: actor?.role ?? null,
      entity,
      entityId,
      action,
      changes: changes as object,
      requestId: currentRequestId(),
    });
  }

  async list(filter: AuditFilter): Promise<Page<AuditEntryDto>> {
    const qb = this.db.getRepository(AuditEntry).createQueryBuilder('a');
    if (filter.entity) qb.andWhere('a.entity = :entity', { entity: filter.entity });
    if (filter.entityId) qb.andWhere('a.entityId = :entityId', { entityId: filter.entityId });
    const [items, total] = await qb.orderBy('a.id', 'DESC').skip(offsetOf(filter)).take(filter.pageSize).getManyAndCount();
    return { items: items.map((e) => ({ ...e, at: toShanghaiIso(e.at.getTime()) })), total, page: filter.page, pageSize: filter.pageSize };
  }
}
