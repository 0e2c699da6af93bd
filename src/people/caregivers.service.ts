import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { RegistryChanges } from '../common/registry-changes.js';
import type { Page } from '../common/http/pagination.js';
import { FacilitiesService } from '../network/facilities.service.js';
import { auditSnapshot, insertAudited, pageByName } from './registry-rows.js';
import { Caregiver } from './caregiver.entity.js';
import type { CaregiverDto, CaregiverQuery, CreateCaregiverDto, UpdateCaregiverDto } from './dto/caregiver.dto.js';

function toDto(c: Caregiver): CaregiverDto {
  return {
    id: c.id,
    name: c.name,
    facilityId: c.facilityId,
    gender: c.gender,
    phone: c.phone,
    skills: c.skills,
    level: c.level,
    homeBase: { lat: c.homeLat, lng: c.homeLng },
    maxWeeklyMinutes: c.maxWeeklyMinutes,
    active: c.active,
  };
}

/** The caregivers (护理员) each facility employs, with their skills and vocational level. */
@Injectable()
export class CaregiversService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly facilities: FacilitiesService,
    private readonly registry: RegistryChanges,
  ) {}

  async create(actor: Actor, dto: CreateCaregiverDto): Promise<CaregiverDto> {
    this.access.requireFacilityStaff(actor, dto.facilityId);
    return this.db.transaction(async (m) => {
      await this.facilities.requireExisting(m, dto.facilityId, 'facilityId');
      const created = await insertAudited(m, this.audit, actor, Caregiver, 'caregiver', {
        name: dto.name,
        facilityId: dto.facilityId,
        gender: dto.gender,
        phone: dto.phone ?? null,
        skills: dto.skills,
        level: dto.level,
        homeLat: dto.homeBase.lat,
        homeLng: dto.homeBase.lng,
        maxWeeklyMinutes: dto.maxWeeklyMinutes ?? 2400,
        active: true,
      });
      return toDto(created);
    });
  }

  async get(actor: Actor, id: string): Promise<CaregiverDto> {
    return toDto(await this.access.requireCaregiver(actor, id));
  }

  async update(actor: Actor, id: string, dto: UpdateCaregiverDto): Promise<CaregiverDto> {
    let facilities: string[] = [];
    const updated = await this.db.transaction(async (m) => {
      const visible = await this.access.requireCaregiver(actor, id, m);
      this.access.requireFacilityStaff(actor, visible.facilityId);
      const before = await m.findOneOrFail(Caregiver, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const changes: Partial<Caregiver> = {};
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.gender !== undefined) changes.gender = dto.gender;
      if (dto.phone !== undefined) changes.phone = dto.phone;
      if (dto.skills !== undefined) changes.skills = dto.skills;
      if (dto.level !== undefined) changes.level = dto.level;
      if (dto.homeBase !== undefined) Object.assign(changes, { homeLat: dto.homeBase.lat, homeLng: dto.homeBase.lng });
      if (dto.maxWeeklyMinutes !== undefined) changes.maxWeeklyMinutes = dto.maxWeeklyMinutes;
      if (dto.active !== undefined) changes.active = dto.active;
      if (dto.facilityId !== undefined && dto.facilityId !== before.facilityId) {
        this.access.requireFacilityStaff(actor, dto.facilityId);
        await this.facilities.requireExisting(m, dto.facilityId, 'facilityId');
        changes.facilityId = dto.facilityId;
      }
      if (Object.keys(changes).length > 0) await m.update(Caregiver, { id }, changes);
      const after = await m.findOneByOrFail(Caregiver, { id });
      await this.audit.record(m, actor, 'caregiver', id, 'update', auditSnapshot(before), auditSnapshot(after));
      facilities = [before.facilityId, after.facilityId];
      return toDto(after);
    });
    // Skills, level, weekly minutes, being active and the facility decide which visits the caregiver's shifts can carry.
    const plannedFrom = [dto.skills, dto.level, dto.active, dto.facilityId, dto.maxWeeklyMinutes];
    if (plannedFrom.some((v) => v !== undefined)) await this.registry.changed(facilities);
    return updated;
  }

  async list(actor: Actor, query: CaregiverQuery): Promise<Page<CaregiverDto>> {
    const facilityId = this.access.facilityScope(actor, query.facilityId);
    const qb = this.db.getRepository(Caregiver).createQueryBuilder('c');
    if (facilityId) qb.andWhere('c.facilityId = :facilityId', { facilityId });
    if (query.skill) qb.andWhere(':skill = ANY(c.skills)', { skill: query.skill });
    return pageByName(qb, query, toDto);
  }
}
