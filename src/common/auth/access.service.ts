import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Caregiver } from '../../people/caregiver.entity.js';
import { Resident } from '../../people/resident.entity.js';
import { notFound } from '../errors/domain-error.js';
import { seesWholeCity, type Actor } from './roles.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The object checks every service asks before it reads or changes something: a senior sees
 * only themself, a family member only linked seniors, centre staff only their facility's people,
 * bureau staff and admin everyone. What the caller may not see answers 404, as if it did not exist.
 */
@Injectable()
export class AccessService {
  constructor(private readonly db: DataSource) {}

  async requireResident(actor: Actor, residentId: string, manager: EntityManager = this.db.manager): Promise<Resident> {
    const resident = UUID.test(residentId) ? await manager.findOneBy(Resident, { id: residentId }) : null;
    if (!resident || !(await this.canSeeResident(actor, resident, manager))) throw notFound('Resident');
    return resident;
  }

  /** A family member may book only where the link allows it; everyone else who can see may book. */
  async canBookFor(actor: Actor, residentId: string, manager: EntityManager = this.db.manager): Promise<boolean> {
    if (actor.role !== 'family') return bookingAllowed(actor, null);
    const rows = (await manager.query('SELECT can_book FROM family_links WHERE user_id = $1 AND resident_id = $2', [actor.userId, residentId])) as {
      can_book: boolean;
    }[];
    return bookingAllowed(actor, rows[0]?.can_book ?? null);
  }

  async canSeeResident(actor: Actor, resident: Resident, manager: EntityManager = this.db.manager): Promise<boolean> {
    if (actor.role !== 'family') return seesResident(actor, resident, false);
    const rows = (await manager.query('SELECT 1 FROM family_links WHERE user_id = $1 AND resident_id = $2', [actor.userId, resident.id])) as unknown[];
    return seesResident(actor, resident, rows.length > 0);
  }

  async requireCaregiver(actor: Actor, caregiverId: string, manager: EntityManager = this.db.manager): Promise<Caregiver> {
    const caregiver = UUID.test(caregiverId) ? await manager.findOneBy(Caregiver, { id: caregiverId }) : null;
    const visible =
      caregiver &&
      (seesWholeCity(actor) ||
        (actor.role === 'centre_staff' && actor.facilityId === caregiver.facilityId) ||
        (actor.role === 'caregiver' && actor.caregiverId === caregiver.id));
    if (!visible) throw notFound('Caregiver');
    return caregiver;
  }

  /** Staff work on one facility: centre staff only their own, admin any (bureau staff read only). */
  requireFacilityStaff(actor: Actor, facilityId: string): void {
    if (actor.role === 'admin') return;
    if (actor.role === 'centre_staff' && actor.facilityId === facilityId) return;
    throw notFound('Facility');
  }

  /** The facility a listing is limited to: centre staff always their own; others what they asked. */
  facilityScope(actor: Actor, requested?: string): string | undefined {
    return actor.role === 'centre_staff' ? (actor.facilityId ?? undefined) : requested;
  }
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Who sees a resident, once it is known whether the caller (if family) is linked to them. */
export function seesResident(actor: Actor, resident: { id: string; homeFacilityId: string }, linked: boolean): boolean {
  switch (actor.role) {
    case 'admin':
    case 'bureau_staff':
      return true;
    case 'senior':
      return actor.residentId === resident.id;
    case 'centre_staff':
      return actor.facilityId === resident.homeFacilityId;
    case 'family':
      return linked;
    case 'caregiver':
      return false;
  }
}

/** Who may book for a resident they see: a family member only where the link allows it (null: no link). */
export function bookingAllowed(actor: Actor, linkCanBook: boolean | null): boolean {
  if (actor.role === 'family') return linkCanBook === true;
  return actor.role !== 'bureau_staff' && actor.role !== 'caregiver';
}
