import type { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { notFound } from '../common/errors/domain-error.js';
import { toFacility, type FacilityRow } from './roster-inputs.js';
import type { SlotsRepository } from './slots.repository.js';

/** The facility named in the path (a UUID already: `UuidParam`), or the API's 404. */
export async function requireFacility(slots: SlotsRepository, facilityId: string): Promise<FacilityRow> {
  const facility = await slots.findFacility(facilityId);
  if (!facility) throw notFound('Facility');
  return toFacility(facility);
}

/** Rosters are read by the facility's own staff and city-wide by the bureau and admin. */
export function requireRosterReader(access: AccessService, actor: Actor, facilityId: string): void {
  access.requireFacilityReader(actor, facilityId);
}
