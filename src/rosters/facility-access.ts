import { Injectable } from '@nestjs/common';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { notFound } from '../common/errors/domain-error.js';
import { toFacility, type FacilityRow } from './roster-inputs.js';
import { SlotsRepository } from './slots.repository.js';

/**
 * The facility named in a roster or capacity path (a UUID already: `UuidParam`), after the
 * actor's right to it is checked: staff change their facility's rosters, seats and template;
 * rosters are read by the facility's own staff and city-wide by the bureau and admin.
 */
@Injectable()
export class FacilityAccess {
  constructor(
    private readonly access: AccessService,
    private readonly slots: SlotsRepository,
  ) {}

  /** For the facility's staff (and admin), to change it; the API's 404 if there is no such facility. */
  async forStaff(actor: Actor, facilityId: string): Promise<FacilityRow> {
    this.access.requireFacilityStaff(actor, facilityId);
    return this.existing(facilityId);
  }

  /** For those who may read the facility's roster. */
  async forReader(actor: Actor, facilityId: string): Promise<FacilityRow> {
    this.access.requireFacilityReader(actor, facilityId);
    return this.existing(facilityId);
  }

  /** The facility, whoever asks (what it offers is public to bookers). */
  async existing(facilityId: string): Promise<FacilityRow> {
    const facility = await this.slots.findFacility(facilityId);
    if (!facility) throw notFound('Facility');
    return toFacility(facility);
  }
}
