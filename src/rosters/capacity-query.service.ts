import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CapacityJob } from './capacity.job.js';
import type { AvailabilitySlotDto, OverCommittedSlotDto, SeatsDto, SetSeatsDto } from './dto/capacity.dto.js';
import { FacilityAccess } from './facility-access.js';
import { horizonDays } from './horizon.js';
import { addDays, dayStart, toShanghaiIso } from '../common/shanghai-time.js';
import { SlotsRepository, type CapacitySlotRow, type OfferedServiceRow } from './slots.repository.js';

/** A slot's id and times, as every slot list shows them. */
function slotTimes(r: CapacitySlotRow): { slotId: string; start: string; end: string } {
  return { slotId: r.id, start: toShanghaiIso(Number(r.start_ms)), end: toShanghaiIso(Number(r.end_ms)) };
}

/** Seats staff set for facility-based services, and what the slots offer to bookers. */
@Injectable()
export class CapacityQueryService {
  constructor(
    private readonly db: DataSource,
    private readonly slots: SlotsRepository,
    private readonly facilities: FacilityAccess,
    private readonly audit: AuditService,
    private readonly job: CapacityJob,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async setSeats(actor: Actor, facilityId: string, dto: SetSeatsDto): Promise<SeatsDto> {
    await this.facilities.forStaff(actor, facilityId);
    const service = await this.offeredService(facilityId, dto.serviceCode, 'serviceCode');
    if (service.place !== 'facility') {
      throw new DomainError(
        'SERVICE_NOT_FACILITY_BASED',
        `${dto.serviceCode} is delivered at home: its capacity comes from the roster, not from seats`,
        [{ field: 'serviceCode', message: 'not a facility-based service' }],
      );
    }
    const sitting = dto.sitting ?? null;
    if (service.category === 'meal' && sitting === null) {
      throw new DomainError('SITTING_INVALID', 'Meal seats are set per sitting: give sitting (breakfast, lunch or dinner)', [
        { field: 'sitting', message: 'required for meal services' },
      ]);
    }
    if (service.category !== 'meal' && sitting !== null) {
      throw new DomainError('SITTING_INVALID', `${dto.serviceCode} has no sittings: leave sitting out`, [
        { field: 'sitting', message: 'only for meal services' },
      ]);
    }
    const saved = await this.db.transaction(async (m) => {
      const before = await this.slots.seatsFor(m, facilityId, dto.serviceCode, sitting);
      await this.slots.setSeats(m, facilityId, dto.serviceCode, sitting, dto.seats, actor.userId);
      const result: SeatsDto = { facilityId, serviceCode: dto.serviceCode, sitting, seats: dto.seats };
      await this.audit.record(
        m,
        actor,
        'facility_seats',
        `${facilityId}/${dto.serviceCode}/${sitting ?? '-'}`,
        before === undefined ? 'create' : 'update',
        before === undefined ? null : { seats: before },
        { seats: dto.seats },
      );
      return result;
    });
    await this.job.afterChange([facilityId]);
    return saved;
  }

  async availability(_actor: Actor, facilityId: string, serviceCode: string, date: string): Promise<AvailabilitySlotDto[]> {
    await this.facilities.existing(facilityId);
    await this.offeredService(facilityId, serviceCode, 'service');
    const days = horizonDays(Date.now(), this.config.bookingHorizonDays);
    if (date < days[0] || date > days[days.length - 1]) {
      throw new DomainError(
        'OUTSIDE_HORIZON',
        `Choose a date from ${days[0]} to ${days[days.length - 1]}: bookings open ${days.length} days ahead`,
        [{ field: 'date', message: `from ${days[0]} to ${days[days.length - 1]}` }],
      );
    }
    const rows = await this.slots.startingBetween(facilityId, serviceCode, new Date(dayStart(date)), new Date(dayStart(addDays(date, 1))));
    return rows.map((r) => ({
      ...slotTimes(r),
      capacity: r.capacity,
      remaining: Math.max(0, r.capacity - r.booked),
    }));
  }

  /** Future slots booked past what the roster now gives: the staff's list to sort out. */
  async overCommitted(actor: Actor, facilityId: string): Promise<OverCommittedSlotDto[]> {
    await this.facilities.forReader(actor, facilityId);
    const rows = await this.slots.overCommitted(facilityId);
    return rows.map((r) => ({
      ...slotTimes(r),
      serviceCode: r.service_code,
      sitting: r.sitting,
      capacity: r.capacity,
      booked: r.booked,
      over: r.booked - r.capacity,
    }));
  }

  private async offeredService(facilityId: string, code: string, field: string): Promise<Pick<OfferedServiceRow, 'place' | 'category'>> {
    const service = await this.slots.offeredService(facilityId, code);
    if (!service) {
      throw new DomainError('SERVICE_NOT_OFFERED', `This facility does not offer ${code}: see GET /facilities/:id for its services`, [
        { field, message: 'not offered by this facility' },
      ]);
    }
    return service;
  }
}
