import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { Sitting } from './capacity-rule.js';
import { CapacityJob } from './capacity.job.js';
import type { AvailabilitySlotDto, OverCommittedSlotDto, SeatsDto, SetSeatsDto } from './dto/capacity.dto.js';
import { requireFacility, requireRosterReader } from './facility-access.js';
import { horizonDays } from './horizon.js';
import { addDays, dayStart, toShanghaiIso } from '../common/shanghai-time.js';

interface SlotRow {
  id: string;
  service_code: string;
  sitting: Sitting | null;
  capacity: number;
  booked: number;
  start_ms: string;
  end_ms: string;
}

const SLOT_COLUMNS = `id, service_code, sitting, capacity, booked,
  (extract(epoch FROM starts_at) * 1000)::bigint AS start_ms, (extract(epoch FROM ends_at) * 1000)::bigint AS end_ms`;

/** Seats staff set for facility-based services, and what the slots offer to bookers. */
@Injectable()
export class CapacityQueryService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly job: CapacityJob,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async setSeats(actor: Actor, facilityId: string, dto: SetSeatsDto): Promise<SeatsDto> {
    this.access.requireFacilityStaff(actor, facilityId);
    await requireFacility(this.db.manager, facilityId);
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
      throw new DomainError('SITTING_INVALID', `${dto.serviceCode} has no sittings: leave sitting out`, [{ field: 'sitting', message: 'only for meal services' }]);
    }
    const saved = await this.db.transaction(async (m) => {
      const before = (await m.query(
        'SELECT seats FROM facility_seats WHERE facility_id = $1 AND service_code = $2 AND sitting IS NOT DISTINCT FROM $3',
        [facilityId, dto.serviceCode, sitting],
      )) as { seats: number }[];
      await m.query(
        `INSERT INTO facility_seats (facility_id, service_code, sitting, seats, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ON CONSTRAINT facility_seats_unique DO UPDATE SET seats = EXCLUDED.seats, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [facilityId, dto.serviceCode, sitting, dto.seats, actor.userId],
      );
      const result: SeatsDto = { facilityId, serviceCode: dto.serviceCode, sitting, seats: dto.seats };
      await this.audit.record(
        m,
        actor,
        'facility_seats',
        `${facilityId}/${dto.serviceCode}/${sitting ?? '-'}`,
        before.length > 0 ? 'update' : 'create',
        before.length > 0 ? { seats: before[0].seats } : null,
        { seats: dto.seats },
      );
      return result;
    });
    await this.job.afterChange([facilityId]);
    return saved;
  }

  async availability(_actor: Actor, facilityId: string, serviceCode: string, date: string): Promise<AvailabilitySlotDto[]> {
    await requireFacility(this.db.manager, facilityId);
    await this.offeredService(facilityId, serviceCode, 'service');
    const days = horizonDays(Date.now(), this.config.bookingHorizonDays);
    if (date < days[0] || date > days[days.length - 1]) {
      throw new DomainError('OUTSIDE_HORIZON', `Choose a date from ${days[0]} to ${days[days.length - 1]}: bookings open ${days.length} days ahead`, [
        { field: 'date', message: `from ${days[0]} to ${days[days.length - 1]}` },
      ]);
    }
    const rows = (await this.db.query(
      `SELECT ${SLOT_COLUMNS} FROM capacity_slots
        WHERE facility_id = $1 AND service_code = $2 AND starts_at >= greatest($3, now()) AND starts_at < $4
        ORDER BY starts_at`,
      [facilityId, serviceCode, new Date(dayStart(date)), new Date(dayStart(addDays(date, 1)))],
    )) as SlotRow[];
    return rows.map((r) => ({
      slotId: r.id,
      start: toShanghaiIso(Number(r.start_ms)),
      end: toShanghaiIso(Number(r.end_ms)),
      capacity: r.capacity,
      remaining: Math.max(0, r.capacity - r.booked),
    }));
  }

  /** Future slots booked past what the roster now gives: the staff's list to sort out. */
  async overCommitted(actor: Actor, facilityId: string): Promise<OverCommittedSlotDto[]> {
    requireRosterReader(this.access, actor, facilityId);
    await requireFacility(this.db.manager, facilityId);
    const rows = (await this.db.query(
      `SELECT ${SLOT_COLUMNS} FROM capacity_slots
        WHERE facility_id = $1 AND over_committed AND booked > capacity AND ends_at > now() ORDER BY starts_at, service_code`,
      [facilityId],
    )) as SlotRow[];
    return rows.map((r) => ({
      slotId: r.id,
      serviceCode: r.service_code,
      sitting: r.sitting,
      start: toShanghaiIso(Number(r.start_ms)),
      end: toShanghaiIso(Number(r.end_ms)),
      capacity: r.capacity,
      booked: r.booked,
      over: r.booked - r.capacity,
    }));
  }

  private async offeredService(facilityId: string, code: string, field: string): Promise<{ place: string; category: string }> {
    const rows = (await this.db.query(
      `SELECT s.place, s.category FROM facility_services fs JOIN services s ON s.code = fs.service_code
        WHERE fs.facility_id = $1 AND fs.service_code = $2`,
      [facilityId, code],
    )) as { place: string; category: string }[];
    if (rows.length === 0) {
      throw new DomainError('SERVICE_NOT_OFFERED', `This facility does not offer ${code}: see GET /facilities/:id for its services`, [
        { field, message: 'not offered by this facility' },
      ]);
    }
    return rows[0];
  }
}
