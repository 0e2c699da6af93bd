import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError } from '../common/errors/domain-error.js';
import { AdmissionsRepository } from './admissions.repository.js';
import { AdmissionsService } from './admissions.service.js';
import { BedsRepository, type BedRow } from './beds.repository.js';
import type { BedDto, CreateBedDto, UpdateBedDto } from './dto/beds.dto.js';

/** The beds of a facility: the bed board, new beds, and the status staff set by hand. */
@Injectable()
export class BedsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessPolicy,
    private readonly beds: BedsRepository,
    private readonly admissionsRepo: AdmissionsRepository,
    private readonly admissions: AdmissionsService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, facilityId: string): Promise<BedDto[]> {
    await this.access.require(actor, 'facility.read', facilityId);
    return this.beds.board(this.db.manager, facilityId);
  }

  async create(actor: Actor, facilityId: string, dto: CreateBedDto): Promise<BedDto> {
    await this.access.require(actor, 'facility.staff', facilityId);
    const bed = await this.db.transaction(async (m) => {
      const row = await this.beds.insert(m, facilityId, dto);
      await this.audit.record(m, actor, 'bed', row.id, 'create', null, { facilityId, ...dto });
      return row;
    });
    const [created] = await this.beds.board(this.db.manager, facilityId, bed.id);
    return created;
  }

  /** Reserved or out of service only while no one is in it; set free, it goes to the waiting list. */
  async update(actor: Actor, bedId: string, dto: UpdateBedDto): Promise<BedDto> {
    const facilityId = await this.db.transaction(async (m) => {
      await this.access.require(actor, 'bed.manage', bedId, m);
      const found = (await this.beds.facilityOf(m, bedId)) as string;
      // The facility's lock before the bed's, as admissions take them.
      await this.admissionsRepo.lockFacility(m, found);
      const seen = (await this.beds.lock(m, bedId)) as BedRow;
      const now = new Date();
      if (dto.status !== 'free' && (await this.beds.heldFrom(m, seen.id, now))) {
        throw new DomainError('BED_OCCUPIED', 'A resident is in this bed or is due in it: move or discharge them first');
      }
      await this.beds.setStatus(m, seen.id, dto.status);
      await this.audit.record(m, actor, 'bed', seen.id, 'update', { status: seen.setStatus }, { status: dto.status });
      if (dto.status === 'free') await this.admissions.promote(m, actor, seen.id, now);
      return seen.facilityId;
    });
    const [updated] = await this.beds.board(this.db.manager, facilityId, bedId);
    return updated;
  }
}
