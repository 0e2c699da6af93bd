import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Caregiver } from '../../people/caregiver.entity.js';
import { Resident } from '../../people/resident.entity.js';
import { allowed, facilityScope, limitedToFacility } from '../access/access-rules.js';
import { AccessPolicy } from '../access/access.policy.js';
import type { Actor } from './roles.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The object checks services ask before they read or change something, with the records they
 * need: a thin layer over the access policy (src/common/access/), where every rule lives. What
 * the caller may not see answers 404, as if it did not exist.
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly db: DataSource,
    readonly policy: AccessPolicy,
  ) {}

  /** The resident, when the actor may see it. */
  async requireResident(actor: Actor, residentId: string, manager: EntityManager = this.db.manager): Promise<Resident> {
    await this.policy.require(actor, 'resident.read', residentId, manager);
    return manager.findOneByOrFail(Resident, { id: residentId });
  }

  /** The resident, when the actor may change it (its facility's staff, admin). */
  async requireManagedResident(actor: Actor, residentId: string, manager: EntityManager = this.db.manager): Promise<Resident> {
    await this.policy.require(actor, 'resident.manage', residentId, manager);
    return manager.findOneByOrFail(Resident, { id: residentId });
  }

  /** A family member may book only where the link allows it; everyone else who can see may book. */
  async canBookFor(actor: Actor, residentId: string, manager: EntityManager = this.db.manager): Promise<boolean> {
    return (await this.policy.allowedIds(actor, 'resident.book', [residentId], manager)).has(residentId);
  }

  async canSeeResident(actor: Actor, resident: Resident, manager: EntityManager = this.db.manager): Promise<boolean> {
    return (await this.policy.allowedIds(actor, 'resident.read', [resident.id], manager)).has(resident.id);
  }

  /** The resident, when the actor may read their residential records (admissions, statements). */
  async requireResidence(actor: Actor, residentId: string, manager: EntityManager = this.db.manager): Promise<Resident> {
    await this.policy.require(actor, 'residence.read', residentId, manager);
    return manager.findOneByOrFail(Resident, { id: residentId });
  }

  async requireCaregiver(actor: Actor, caregiverId: string, manager: EntityManager = this.db.manager): Promise<Caregiver> {
    await this.policy.require(actor, 'caregiver.read', caregiverId, manager);
    return manager.findOneByOrFail(Caregiver, { id: caregiverId });
  }

  /** Staff work on one facility: centre staff only their own, admin any (bureau staff read only). */
  requireFacilityStaff(actor: Actor, facilityId: string): void {
    this.policy.decide(actor, 'facility.staff', { facilityId });
  }

  /** Reading a facility's rosters, meals and runs: its own staff, and city-wide the bureau and admin. */
  requireFacilityReader(actor: Actor, facilityId: string): void {
    this.policy.decide(actor, 'facility.read', { facilityId });
  }

  /** The facility a listing is limited to: centre staff always their own; others what they asked. */
  facilityScope(actor: Actor, requested?: string): string | undefined {
    return facilityScope(actor, requested);
  }

  /** Whether the actor's lists are limited to their facility, so records of the whole city (no facility) are not theirs. */
  limitedToFacility(actor: Actor): boolean {
    return limitedToFacility(actor);
  }
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Who sees a resident, once it is known whether the caller (if family) is linked to them: the policy's rule. */
export function seesResident(actor: Actor, resident: { id: string; homeFacilityId: string }, linked: boolean): boolean {
  return allowed(actor, 'resident.read', {
    facilityId: resident.homeFacilityId,
    homeFacilityId: resident.homeFacilityId,
    residentId: resident.id,
    link: linked ? { canBook: false } : null,
  });
}
