import { Injectable } from '@nestjs/common';
import { ChangeFeed } from '../database/change-feed.js';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { isUuid } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { RegistryChanges } from '../common/registry-changes.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import { offsetOf, type Page } from '../common/http/pagination.js';
import type { CreateFacilityDto, FacilityDto, FacilityQuery, UpdateFacilityDto } from './dto/facility.dto.js';
import { Facility } from './facility.entity.js';
import { FacilityService } from './service.entity.js';
import { ServicesService } from './services.service.js';
import { capacityOf, NO_CAPACITY, type FacilityCapacity } from '../residential/facility-capacity.js';
import { placeOf } from '../divisions/place-input.js';

function toDto(f: Facility, services: string[], capacity: FacilityCapacity = NO_CAPACITY): FacilityDto {
  return {
    id: f.id,
    code: f.code,
    name: f.name,
    type: f.type,
    district: f.district,
    street: f.street,
    districtCode: f.districtCode,
    streetCode: f.streetCode,
    address: f.address,
    location: { lat: f.lat, lng: f.lng },
    services: [...services].sort(),
    openingHours: f.openingHours,
    phone: f.phone,
    active: f.active,
    capacity,
  };
}

/** What the audit trail keeps of a facility: its columns and the services it offers. */
function snapshot(f: Facility, services: string[]): object {
  const { createdAt: _c, updatedAt: _u, ...columns } = f;
  return { ...columns, services: [...services].sort() };
}

/** The network registry: street centres, day-care sites and rural homes, and what each offers. */
@Injectable()
export class FacilitiesService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly catalogue: ServicesService,
    private readonly registry: RegistryChanges,
    private readonly feed: ChangeFeed,
  ) {}

  async list(_actor: Actor, query: FacilityQuery): Promise<Page<FacilityDto>> {
    const qb = this.db.getRepository(Facility).createQueryBuilder('f');
    if (query.type) qb.andWhere('f.type = :type', { type: query.type });
    if (query.district) qb.andWhere('f.district = :district', { district: query.district });
    const [rows, total] = await qb.orderBy('f.code', 'ASC').skip(offsetOf(query)).take(query.pageSize).getManyAndCount();
    const services = await this.servicesOf(
      this.db.manager,
      rows.map((f) => f.id),
    );
    const capacity = await capacityOf(
      this.db.manager,
      rows.map((f) => f.id),
    );
    return {
      items: rows.map((f) => toDto(f, services.get(f.id) ?? [], capacity.get(f.id))),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(_actor: Actor, id: string): Promise<FacilityDto> {
    const facility = await this.find(this.db.manager, id);
    return toDto(facility, (await this.servicesOf(this.db.manager, [id])).get(id) ?? [], (await capacityOf(this.db.manager, [id])).get(id));
  }

  async create(actor: Actor, dto: CreateFacilityDto): Promise<FacilityDto> {
    const place = placeOf(dto);
    return this.db.transaction(async (m) => {
      await this.catalogue.requireKnown(dto.services, m);
      const { identifiers } = await m.insert(Facility, {
        code: dto.code,
        name: dto.name,
        type: dto.type,
        district: place.district,
        street: place.street,
        ...(place.districtCode ? { districtCode: place.districtCode, streetCode: place.streetCode } : {}),
        address: dto.address,
        lat: dto.location.lat,
        lng: dto.location.lng,
        openingHours: normaliseHours(dto.openingHours),
        phone: dto.phone ?? null,
        active: true,
      });
      const id = identifiers[0].id as string;
      await this.replaceServices(m, id, dto.services);
      const created = await this.find(m, id);
      await this.audit.record(m, actor, 'facility', id, 'create', null, snapshot(created, dto.services));
      return toDto(created, dto.services);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateFacilityDto): Promise<FacilityDto> {
    const updated = await this.db.transaction(async (m) => {
      const before = await this.find(m, id, true);
      const servicesBefore = (await this.servicesOf(m, [id])).get(id) ?? [];
      const changes: Partial<Facility> = {};
      if (dto.code !== undefined) changes.code = dto.code;
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.type !== undefined) changes.type = dto.type;
      const place = placeOf(dto);
      if (place.district !== undefined) changes.district = place.district;
      if (place.street !== undefined) changes.street = place.street;
      if (place.districtCode !== undefined) Object.assign(changes, { districtCode: place.districtCode, streetCode: place.streetCode });
      if (dto.address !== undefined) changes.address = dto.address;
      if (dto.location !== undefined) Object.assign(changes, { lat: dto.location.lat, lng: dto.location.lng });
      if (dto.openingHours !== undefined) changes.openingHours = normaliseHours(dto.openingHours);
      if (dto.phone !== undefined) changes.phone = dto.phone;
      if (dto.active !== undefined) changes.active = dto.active;
      if (Object.keys(changes).length > 0) await m.update(Facility, { id }, changes);
      let services = servicesBefore;
      if (dto.services !== undefined) {
        await this.catalogue.requireKnown(dto.services, m);
        await this.replaceServices(m, id, dto.services);
        services = dto.services;
      }
      const after = await this.find(m, id);
      await this.audit.record(m, actor, 'facility', id, 'update', snapshot(before, servicesBefore), snapshot(after, services));
      return toDto(after, services, (await capacityOf(m, [id])).get(id));
    });
    // Bookings on this instance see the change at once; other instances by NOTIFY.
    this.feed.announce('booking_facts_changed', 'registry');
    // Services, hours, type, location and being open decide the facility's slots: plan them again now.
    const plannedFrom = [dto.services, dto.openingHours, dto.type, dto.location, dto.active];
    if (plannedFrom.some((v) => v !== undefined)) await this.registry.changed([id]);
    return updated;
  }

  /** 422 FACILITY_UNKNOWN when a body names a facility that does not exist. */
  async requireExisting(manager: EntityManager, id: string, field: string): Promise<Facility> {
    const facility = isUuid(id) ? await manager.findOneBy(Facility, { id }) : null;
    if (!facility) {
      throw new DomainError('FACILITY_UNKNOWN', `No facility has the id in ${field}: pick one from GET /facilities`, [
        { field, message: `${field} does not name an existing facility` },
      ]);
    }
    return facility;
  }

  /** The facility of a path id (a UUID already: `UuidParam`) or of one just created. */
  private async find(manager: EntityManager, id: string, lock = false): Promise<Facility> {
    const facility = await manager.findOne(Facility, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!facility) throw notFound('Facility');
    return facility;
  }

  private async servicesOf(manager: EntityManager, ids: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (ids.length === 0) return map;
    for (const row of await manager.find(FacilityService, { where: { facilityId: In(ids) } })) {
      map.set(row.facilityId, [...(map.get(row.facilityId) ?? []), row.serviceCode]);
    }
    return map;
  }

  private async replaceServices(manager: EntityManager, id: string, codes: string[]): Promise<void> {
    await manager.delete(FacilityService, { facilityId: id });
    if (codes.length > 0)
      await manager.insert(
        FacilityService,
        codes.map((serviceCode) => ({ facilityId: id, serviceCode })),
      );
  }
}

function normaliseHours(hours: { weekdays: number[]; open: string; close: string }) {
  return { weekdays: [...hours.weekdays].sort((a, b) => a - b), open: hours.open, close: hours.close };
}
