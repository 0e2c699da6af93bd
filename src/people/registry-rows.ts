import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral, QueryDeepPartialEntity, SelectQueryBuilder } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/roles.js';
import { offsetOf, type Page, type PageQuery } from '../common/http/pagination.js';

/** A registry row as the audit trail keeps it: every column but the timestamps (the audit masks ID numbers itself). */
export function auditSnapshot(row: object): object {
  const { createdAt: _c, updatedAt: _u, ...columns } = row as { createdAt?: unknown; updatedAt?: unknown };
  return columns;
}

/**
 * Inserts one registry row (a resident, a caregiver, a family link) inside the caller's
 * transaction, reads it back as stored (its id, defaults and timestamps) and records the creation
 * in the audit trail, so that the row and its trail commit together.
 */
export async function insertAudited<E extends ObjectLiteral & { id: string }>(
  m: EntityManager,
  audit: AuditService,
  actor: Actor,
  entity: EntityTarget<E>,
  auditedAs: string,
  values: QueryDeepPartialEntity<E>,
): Promise<E> {
  const { identifiers } = await m.insert(entity, values);
  const created = await m.findOneByOrFail(entity, { id: identifiers[0].id as string } as FindOptionsWhere<E>);
  await audit.record(m, actor, auditedAs, created.id, 'create', null, auditSnapshot(created));
  return created;
}

/** One page of people (residents, caregivers) in name order; the id breaks ties, so that pages never overlap. */
export async function pageByName<E extends ObjectLiteral, D>(
  qb: SelectQueryBuilder<E>,
  query: PageQuery,
  toDto: (row: E) => D,
): Promise<Page<D>> {
  const [rows, total] = await qb
    .orderBy(`${qb.alias}.name`, 'ASC')
    .addOrderBy(`${qb.alias}.id`, 'ASC')
    .skip(offsetOf(query))
    .take(query.pageSize)
    .getManyAndCount();
  return { items: rows.map((row) => toDto(row)), total, page: query.page, pageSize: query.pageSize };
}
