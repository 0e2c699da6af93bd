import type { EntityManager } from 'typeorm';
import { isUuid, type AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { notFound } from '../common/errors/domain-error.js';
import { loadFacility, type FacilityRow } from './roster-inputs.js';

export async function requireFacility(m: EntityManager, facilityId: string): Promise<FacilityRow> {
  const facility = isUuid(facilityId) ? await loadFacility(m, facilityId) : undefined;
  if (!facility) throw notFound('Facility');
  return facility;
}

/** Rosters are read by the facility's own staff and city-wide by the bureau and admin. */
export function requireRosterReader(access: AccessService, actor: Actor, facilityId: string): void {
  access.requireFacilityReader(actor, facilityId);
}
