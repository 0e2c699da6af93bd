import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, isUuid } from '../common/auth/access.service.js';
import { seesWholeCity, type Actor } from '../common/auth/roles.js';
import { notFound } from '../common/errors/domain-error.js';

export interface FacilityRef {
  id: string;
  type: string;
  name: string;
  district: string;
}

/**
 * Every object check of the residential module, in one place so that the central access policy
 * can take it over: centre staff work on their own facility, bureau staff and admin read the
 * whole city (admin also writes), families and seniors see only the seniors they may see.
 * What the caller may not see answers 404.
 */
@Injectable()
export class ResidentialAccess {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  /** Writes at a facility: its own centre staff, or admin. */
  async requireFacilityWriter(actor: Actor, facilityId: string, m: EntityManager = this.db.manager): Promise<FacilityRef> {
    const facility = await this.loadFacility(facilityId, m);
    this.access.requireFacilityStaff(actor, facility.id);
    return facility;
  }

  /** Reads of a facility's beds, lists and attendance: its own centre staff, bureau staff and admin. */
  async requireFacilityReader(actor: Actor, facilityId: string, m: EntityManager = this.db.manager): Promise<FacilityRef> {
    const facility = await this.loadFacility(facilityId, m);
    if (!seesWholeCity(actor)) this.access.requireFacilityStaff(actor, facility.id);
    return facility;
  }

  /** The facility a report or list is limited to: centre staff always their own. */
  facilityScope(actor: Actor, requested?: string): string | undefined {
    return this.access.facilityScope(actor, requested);
  }

  /**
   * A resident's residential records (admissions, statements): whoever sees the resident, and
   * also the staff of a facility the resident applied to or lives in.
   */
  async requireResidentReader(actor: Actor, residentId: string, m: EntityManager = this.db.manager): Promise<{ id: string; name: string }> {
    if (actor.role === 'centre_staff' && actor.facilityId && isUuid(residentId)) {
      const rows = (await m.query(
        `SELECT r.id, r.name FROM residents r
          WHERE r.id = $1 AND (r.home_facility_id = $2 OR EXISTS (SELECT 1 FROM admissions a WHERE a.resident_id = r.id AND a.facility_id = $2))`,
        [residentId, actor.facilityId],
      )) as { id: string; name: string }[];
      if (!rows[0]) throw notFound('Resident');
      return rows[0];
    }
    const resident = await this.access.requireResident(actor, residentId, m);
    return { id: resident.id, name: resident.name };
  }

  private async loadFacility(facilityId: string, m: EntityManager): Promise<FacilityRef> {
    const rows = isUuid(facilityId)
      ? ((await m.query('SELECT id, type, name, district FROM facilities WHERE id = $1', [facilityId])) as FacilityRef[])
      : [];
    if (!rows[0]) throw notFound('Facility');
    return rows[0];
  }
}
