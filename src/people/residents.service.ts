import { Injectable } from '@nestjs/common';
import { ChangeFeed } from '../database/change-feed.js';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { allowed, searchesByFullIdNumber } from '../common/access/access-rules.js';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { Page } from '../common/http/pagination.js';
import { FacilitiesService } from '../network/facilities.service.js';
import type { CreateResidentDto, ResidentDto, ResidentQuery, UpdateResidentDto } from './dto/resident.dto.js';
import { Resident, type SubsidyCategory } from './resident.entity.js';
import { auditSnapshot, insertAudited, pageByName } from './registry-rows.js';
import { residentViewFor, toResidentDto } from './resident.mapper.js';
import { identityMismatches } from './resident-rules.js';
import { placeOf } from '../divisions/place-input.js';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** 422 when the stated birth date or gender disagrees with the ID number. */
function requireConsistentIdentity(r: Pick<Resident, 'idNumber' | 'birthDate' | 'gender'>): void {
  const problems = identityMismatches(r.idNumber, r.birthDate, r.gender);
  if (problems.length === 0) return;
  throw new DomainError(
    problems[0].code,
    problems.map((p) => p.message).join('; '),
    problems.map((p) => ({ field: p.field, message: p.message })),
  );
}

/** 403 unless the actor may set a subsidy category (the bureau and admin: the policy's `resident.subsidy`). */
function requireSubsidySetter(actor: Actor): void {
  if (!allowed(actor, 'resident.subsidy', { facilityId: null })) {
    throw new DomainError(
      'SUBSIDY_CATEGORY_BY_BUREAU',
      'The subsidy category decides who pays and is set by the civil affairs bureau: ask them (PUT /residents/:id/subsidy-category)',
      [{ field: 'subsidyCategory', message: 'set by bureau staff or admin only' }],
    );
  }
}

/** Registering and maintaining the seniors each facility looks after. */
@Injectable()
export class ResidentsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly facilities: FacilitiesService,
    private readonly feed: ChangeFeed,
  ) {}

  async create(actor: Actor, dto: CreateResidentDto): Promise<ResidentDto> {
    this.access.requireFacilityStaff(actor, dto.homeFacilityId);
    if ((dto.subsidyCategory ?? 'none') !== 'none') requireSubsidySetter(actor);
    requireConsistentIdentity(dto);
    const place = placeOf(dto);
    return this.db.transaction(async (m) => {
      await this.facilities.requireExisting(m, dto.homeFacilityId, 'homeFacilityId');
      const created = await insertAudited(m, this.audit, actor, Resident, 'resident', {
        name: dto.name,
        idNumber: dto.idNumber,
        birthDate: dto.birthDate,
        gender: dto.gender,
        phone: dto.phone ?? null,
        address: dto.address,
        lat: dto.location?.lat ?? null,
        lng: dto.location?.lng ?? null,
        district: place.district,
        street: place.street,
        ...(place.districtCode ? { districtCode: place.districtCode, streetCode: place.streetCode } : {}),
        careLevel: dto.careLevel,
        subsidyCategory: dto.subsidyCategory ?? 'none',
        dietaryNeeds: dto.dietaryNeeds ?? [],
        homeFacilityId: dto.homeFacilityId,
      });
      return toResidentDto(created, 'record');
    });
  }

  async get(actor: Actor, id: string): Promise<ResidentDto> {
    const resident = await this.access.requireResident(actor, id);
    return toResidentDto(resident, residentViewFor(actor, resident.homeFacilityId));
  }

  async update(actor: Actor, id: string, dto: UpdateResidentDto): Promise<ResidentDto> {
    const updated = await this.db.transaction(async (m) => {
      const before = await this.lockVisible(actor, id, m);
      const after: Resident = { ...before };
      if (dto.name !== undefined) after.name = dto.name;
      if (dto.idNumber !== undefined) after.idNumber = dto.idNumber;
      if (dto.birthDate !== undefined) after.birthDate = dto.birthDate;
      if (dto.gender !== undefined) after.gender = dto.gender;
      if (dto.phone !== undefined) after.phone = dto.phone;
      if (dto.address !== undefined) after.address = dto.address;
      if (dto.location !== undefined) Object.assign(after, { lat: dto.location?.lat ?? null, lng: dto.location?.lng ?? null });
      const place = placeOf(dto);
      if (place.district !== undefined) after.district = place.district;
      if (place.street !== undefined) after.street = place.street;
      if (place.districtCode !== undefined) Object.assign(after, { districtCode: place.districtCode, streetCode: place.streetCode });
      if (dto.careLevel !== undefined) after.careLevel = dto.careLevel;
      if (dto.subsidyCategory !== undefined && dto.subsidyCategory !== before.subsidyCategory) {
        requireSubsidySetter(actor);
        after.subsidyCategory = dto.subsidyCategory;
      }
      if (dto.dietaryNeeds !== undefined) after.dietaryNeeds = dto.dietaryNeeds;
      if (dto.homeFacilityId !== undefined && dto.homeFacilityId !== before.homeFacilityId) {
        // Moving a resident to another facility: centre staff only into their own, which they cannot
        // be moving away from, so in practice transfers are the admin's.
        this.access.requireFacilityStaff(actor, dto.homeFacilityId);
        await this.facilities.requireExisting(m, dto.homeFacilityId, 'homeFacilityId');
        after.homeFacilityId = dto.homeFacilityId;
      }
      requireConsistentIdentity(after);
      const { id: _id, createdAt: _c, updatedAt: _u, ...columns } = after;
      await m.update(Resident, { id }, columns);
      const saved = await m.findOneByOrFail(Resident, { id });
      await this.audit.record(m, actor, 'resident', id, 'update', auditSnapshot(before), auditSnapshot(saved));
      return toResidentDto(saved, residentViewFor(actor, saved.homeFacilityId));
    });
    // Bookings on this instance see the change at once; other instances by NOTIFY.
    this.feed.announce('booking_facts_changed', `resident:${id}`);
    return updated;
  }

  /** The bureau's decision on who pays: the category changes and the audit row keeps the reason. */
  async setSubsidyCategory(actor: Actor, id: string, subsidyCategory: SubsidyCategory, reason: string): Promise<ResidentDto> {
    requireSubsidySetter(actor);
    const updated = await this.db.transaction(async (m) => {
      await this.access.requireResident(actor, id, m);
      const before = await m.findOneOrFail(Resident, { where: { id }, lock: { mode: 'pessimistic_write' } });
      await m.update(Resident, { id }, { subsidyCategory });
      const saved = await m.findOneByOrFail(Resident, { id });
      if (before.subsidyCategory !== subsidyCategory) {
        await this.audit.record(
          m,
          actor,
          'resident',
          id,
          'update',
          { subsidyCategory: before.subsidyCategory, reason: null },
          { subsidyCategory, reason },
        );
      }
      return toResidentDto(saved, residentViewFor(actor, saved.homeFacilityId));
    });
    this.feed.announce('booking_facts_changed', `resident:${id}`);
    return updated;
  }

  async list(actor: Actor, query: ResidentQuery): Promise<Page<ResidentDto>> {
    const facilityId = this.access.facilityScope(actor, query.facilityId);
    const qb = this.db.getRepository(Resident).createQueryBuilder('r');
    if (facilityId) qb.andWhere('r.homeFacilityId = :facilityId', { facilityId });
    const q = query.q?.trim();
    if (q) {
      // The full ID number finds a resident only for the staff of its facility (the scope above) and admin.
      const byFullId = searchesByFullIdNumber(actor) ? ' OR r.idNumber = :upper' : '';
      qb.andWhere(
        `(r.name ILIKE :contains ESCAPE '\\' OR r.phone LIKE :contains ESCAPE '\\' OR right(r.idNumber, 4) = :upper${byFullId})`,
        { contains: `%${escapeLike(q)}%`, upper: q.toUpperCase() },
      );
    }
    return pageByName(qb, query, (r) => toResidentDto(r));
  }

  /** The resident, locked for a change, when the actor may change it: centre staff own facility, admin. */
  private async lockVisible(actor: Actor, id: string, m: EntityManager): Promise<Resident> {
    await this.access.policy.require(actor, 'resident.manage', id, m);
    return m.findOneOrFail(Resident, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }
}
