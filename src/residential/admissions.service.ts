import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import type { Page } from '../common/http/pagination.js';
import { instantOf, withinRecordWindow } from './admission-time.js';
import { AdmissionsRepository, type AdmissionRow } from './admissions.repository.js';
import { BedsRepository, type BedRow } from './beds.repository.js';
import type { AdmissionDto, AdmissionQuery, CreateAdmissionDto, DischargeDto, TransferDto, WaitingEntryDto } from './dto/admissions.dto.js';
import { inWaitingOrder, nextForBed } from './waiting-order.js';
import { sameFacility } from '../common/same-facility.js';
import { DAY_MS, toShanghaiIso } from '../common/shanghai-time.js';

/**
 * Admissions: apply and admit to a bed (or join the facility's waiting list), transfer, discharge.
 * Each step writes a history row. Writes at one facility take its lock, so the list is served in
 * order; a bed's occupancy periods are kept apart by the exclusion constraint whatever happens.
 */
@Injectable()
export class AdmissionsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly policy: AccessPolicy,
    private readonly admissions: AdmissionsRepository,
    private readonly beds: BedsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateAdmissionDto): Promise<AdmissionDto> {
    await this.policy.require(actor, 'facility.staff', dto.facilityId);
    const from = checkedTime(dto.from, 'from');
    const id = await this.db.transaction(async (m) => {
      const residentCareLevel = await this.admissions.careLevelOf(m, dto.residentId);
      if (residentCareLevel === undefined) throw notFound('Resident');
      await this.admissions.lockFacility(m, dto.facilityId);
      if (await this.admissions.hasOpenAdmission(m, dto.residentId)) throw admissionOpen();
      const bed = dto.bedId
        ? await this.requireFreeBed(m, dto.bedId, dto.facilityId, dto.careType, from)
        : await this.beds.firstFree(m, dto.facilityId, dto.careType, from);
      const careLevel = dto.careLevel ?? residentCareLevel;
      const now = new Date();
      const admissionId = await this.admissions.insert(m, {
        residentId: dto.residentId,
        facilityId: dto.facilityId,
        careType: dto.careType,
        careLevel,
        status: bed ? 'admitted' : 'waiting',
        appliedAt: bed ? from : now,
        admittedAt: bed ? from : null,
        by: actor.userId,
      });
      await this.admissions.history(m, admissionId, {
        event: 'applied',
        at: bed ? from : now,
        reason: `care level ${careLevel}`,
        by: actor.userId,
      });
      if (bed) {
        await this.admissions.occupy(m, bed.id, admissionId, dto.facilityId, from);
        await this.admissions.history(m, admissionId, { event: 'admitted', at: from, bedId: bed.id, by: actor.userId });
      }
      await this.audit.record(m, actor, 'admission', admissionId, 'create', null, {
        ...dto,
        status: bed ? 'admitted' : 'waiting',
        bedId: bed?.id ?? null,
      });
      return admissionId;
    });
    return this.one(id);
  }

  async transfer(actor: Actor, admissionId: string, dto: TransferDto): Promise<AdmissionDto> {
    const at = checkedTime(dto.at, 'at');
    await this.db.transaction(async (m) => {
      const admission = await this.requireAdmission(m, actor, admissionId);
      if (admission.status !== 'admitted') throw notAdmitted(admission);
      const current = await this.admissions.openOccupancy(m, admission.id);
      if (!current || current.since.getTime() >= at.getTime())
        throw dateInvalid('at', 'The move must come after the resident took the current bed');
      if (current.bedId === dto.bedId)
        throw new DomainError('BED_UNSUITABLE', 'The resident is already in this bed: choose another bed', [
          { field: 'bedId', message: 'same bed' },
        ]);
      const bed = await this.requireFreeBed(m, dto.bedId, admission.facilityId, null, at);
      await this.admissions.endOccupancy(m, admission.id, at);
      await this.admissions.occupy(m, bed.id, admission.id, admission.facilityId, at);
      if (bed.careType !== admission.careType) await this.admissions.setCareType(m, admission.id, bed.careType);
      await this.admissions.history(m, admission.id, {
        event: 'transferred',
        at,
        bedId: bed.id,
        reason: `from bed ${current.bedId}`,
        by: actor.userId,
      });
      await this.audit.record(m, actor, 'admission', admission.id, 'update', { bedId: current.bedId }, { bedId: bed.id, at: dto.at });
      await this.promote(m, actor, current.bedId, at);
    });
    return this.one(admissionId);
  }

  async discharge(actor: Actor, admissionId: string, dto: DischargeDto): Promise<AdmissionDto> {
    const at = checkedTime(dto.at, 'at');
    await this.db.transaction(async (m) => {
      const admission = await this.requireAdmission(m, actor, admissionId);
      if (admission.status !== 'admitted') throw notAdmitted(admission);
      const ended = await this.admissions.endOccupancy(m, admission.id, at);
      if (!ended) throw dateInvalid('at', 'The discharge must come after the resident took the current bed');
      await this.admissions.markDischarged(m, admission.id, at, dto.reason);
      await this.admissions.history(m, admission.id, { event: 'discharged', at, bedId: ended.bedId, reason: dto.reason, by: actor.userId });
      await this.audit.record(
        m,
        actor,
        'admission',
        admission.id,
        'update',
        { status: 'admitted' },
        { status: 'discharged', at: dto.at, reason: dto.reason },
      );
      await this.promote(m, actor, ended.bedId, at);
    });
    return this.one(admissionId);
  }

  async list(actor: Actor, q: AdmissionQuery): Promise<Page<AdmissionDto>> {
    const query = { ...q };
    if (actor.role === 'senior' || actor.role === 'family') {
      if (!q.residentId)
        throw new DomainError('BAD_REQUEST', 'Give residentId: the senior whose admissions to show', [
          { field: 'residentId', message: 'required' },
        ]);
      await this.policy.require(actor, 'residence.read', q.residentId);
    } else {
      query.facilityId = this.access.facilityScope(actor, q.facilityId);
    }
    const { ids, total } = await this.admissions.list(this.db.manager, query);
    return { items: await this.admissions.find(this.db.manager, ids), total, page: q.page, pageSize: q.pageSize };
  }

  async waitingList(actor: Actor, facilityId: string): Promise<WaitingEntryDto[]> {
    await this.policy.require(actor, 'facility.read', facilityId);
    const now = Date.now();
    return inWaitingOrder(await this.admissions.waiting(this.db.manager, facilityId)).map((w, i) => ({
      position: i + 1,
      admissionId: w.id,
      residentId: w.residentId,
      residentName: w.residentName,
      careType: w.careType,
      careLevel: w.careLevel,
      subsidyCategory: w.subsidyCategory,
      waitingSince: toShanghaiIso(w.waitingSince),
      waitingDays: Math.max(0, Math.floor((now - w.waitingSince) / DAY_MS)),
    }));
  }

  /** A bed that frees goes to the first on the facility's list who needs its care type. */
  async promote(m: EntityManager, actor: Actor, bedId: string, at: Date): Promise<void> {
    const bed = await this.beds.lock(m, bedId);
    if (!bed || bed.setStatus !== 'free' || (await this.beds.heldFrom(m, bed.id, at))) return;
    const next = nextForBed(await this.admissions.waiting(m, bed.facilityId, true), bed.careType);
    if (!next) return;
    const from = new Date(Math.max(at.getTime(), next.waitingSince));
    await this.admissions.markAdmitted(m, next.id, from);
    await this.admissions.occupy(m, bed.id, next.id, bed.facilityId, from);
    await this.admissions.history(m, next.id, {
      event: 'admitted',
      at: from,
      bedId: bed.id,
      reason: 'from the waiting list',
      by: actor.userId,
    });
    await this.audit.record(m, actor, 'admission', next.id, 'update', { status: 'waiting' }, { status: 'admitted', bedId: bed.id });
  }

  private async requireAdmission(m: EntityManager, actor: Actor, admissionId: string): Promise<AdmissionRow> {
    await this.policy.require(actor, 'admission.manage', admissionId, m);
    const facilityId = (await this.admissions.facilityOf(m, admissionId)) as string;
    // The facility's lock first, then the row: the same order as every other admission write.
    await this.admissions.lockFacility(m, facilityId);
    return (await this.admissions.lock(m, admissionId)) as AdmissionRow;
  }

  private async requireFreeBed(m: EntityManager, bedId: string, facilityId: string, careType: string | null, from: Date): Promise<BedRow> {
    const bed = await this.beds.lock(m, bedId);
    if (!bed || !sameFacility(bed.facilityId, facilityId)) throw notFound('Bed');
    if (careType && bed.careType !== careType) {
      throw new DomainError('BED_UNSUITABLE', `This bed is for ${bed.careType}: choose a ${careType} bed or change the care type`, [
        { field: 'bedId', message: 'other care type' },
      ]);
    }
    if (bed.setStatus !== 'free' || (await this.beds.heldFrom(m, bed.id, from))) {
      throw new DomainError(
        'BED_NOT_FREE',
        'This bed is taken, reserved or out of service: choose another bed, or leave bedId out to join the waiting list',
      );
    }
    return bed;
  }

  private async one(id: string): Promise<AdmissionDto> {
    const [dto] = await this.admissions.find(this.db.manager, [id]);
    return dto;
  }
}

function checkedTime(value: string, field: string): Date {
  const at = instantOf(value);
  if (!withinRecordWindow(at, Date.now())) throw dateInvalid(field, `${field} must be within the last year and at most 90 days ahead`);
  return new Date(at);
}

function dateInvalid(field: string, message: string): DomainError {
  return new DomainError('ADMISSION_DATE_INVALID', message, [{ field, message }]);
}

function notAdmitted(a: AdmissionRow): DomainError {
  return new DomainError('INVALID_TRANSITION', `This admission is ${a.status}: only an admitted resident can be moved or discharged`);
}

function admissionOpen(): DomainError {
  return new DomainError(
    'ADMISSION_OPEN',
    'The resident is already admitted or waiting somewhere: discharge them or end that application first',
  );
}
