import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/roles.js';
import { DomainError, notFound } from '../errors/domain-error.js';
import { VISIBLE_WITH, allowed, facilityScope, resourceOf, type Facts, type Permission, type Resource } from './access-rules.js';
import { loadFacts, orderListScope, type ScopePredicate } from './access.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const LABEL: Record<Resource, string> = {
  resident: 'Resident',
  order: 'Order',
  series: 'Series',
  caregiver: 'Caregiver',
  facility: 'Facility',
  account: 'User',
  bed: 'Bed',
  admission: 'Admission',
  enrolment: 'Enrolment',
  residence: 'Resident',
};

/**
 * The one place object checks are answered (issue 14). `require` throws 404 for an object the
 * actor may not see (never revealing it exists) and 403 where they see it but the action is not
 * theirs; `allowedIds` answers many ids in one read; `scope` gives list queries their limit.
 */
@Injectable()
export class AccessPolicy {
  constructor(private readonly db: DataSource) {}

  async require(actor: Actor, permission: Permission, ids: string | string[], m: EntityManager = this.db.manager): Promise<void> {
    const list = [...new Set(Array.isArray(ids) ? ids : [ids])];
    const resource = resourceOf(permission);
    if (list.some((id) => !UUID.test(id))) throw notFound(LABEL[resource]);
    const facts = await loadFacts(m, actor, resource, list);
    for (const id of list) this.decide(actor, permission, facts.get(id));
  }

  /** Of `ids`, those the actor may act on: for lists and bulk work. */
  async allowedIds(actor: Actor, permission: Permission, ids: string[], m: EntityManager = this.db.manager): Promise<Set<string>> {
    const facts = await loadFacts(
      m,
      actor,
      resourceOf(permission),
      ids.filter((id) => UUID.test(id)),
    );
    return new Set([...facts].filter(([, f]) => allowed(actor, permission, f)).map(([id]) => id));
  }

  /** The same decision on facts already in hand (a row the service read anyway): no read. */
  decide(actor: Actor, permission: Permission, facts: Facts | undefined): void {
    const resource = resourceOf(permission);
    if (facts && allowed(actor, permission, facts)) return;
    const visible = VISIBLE_WITH[permission];
    if (facts && visible && allowed(actor, visible.permission, facts)) throw new DomainError(visible.code, visible.message);
    throw notFound(LABEL[resource]);
  }

  /** Whether the actor may; no throw. */
  may(actor: Actor, permission: Permission, facts: Facts): boolean {
    return allowed(actor, permission, facts);
  }

  /** The predicates a list query of orders is limited by for this actor (none: the whole city). */
  orderScope(actor: Actor): ScopePredicate[] {
    return orderListScope(actor);
  }

  /** The facility a list query of `resource` is limited to (undefined: no limit beyond what was asked). */
  scope(actor: Actor, _resource: Resource, requested?: string): string | undefined {
    return facilityScope(actor, requested);
  }
}
