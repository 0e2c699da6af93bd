import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { Resident } from '../people/resident.entity.js';
import { priceAndTakeAllowance } from './allowance.js';
import { checkBookingRules } from './booking-rules.js';
import type { CreateOrderDto, OrderDto } from './dto/order.dto.js';
import { ordersRepository as repo, toOrderDto, type OrderRow, type SlotRow } from './orders.repository.js';
import type { ServiceCategory } from './pricing.js';

interface ServiceFacts {
  code: string;
  category: ServiceCategory;
  place: 'facility' | 'home';
  duration_minutes: number;
  base_price_fen: number;
  offered: boolean;
  facility_type: 'street_centre' | 'day_care' | 'rural_home';
  facility_lat: number;
  facility_lng: number;
}

export interface BookingRequest extends CreateOrderDto {
  /** Set by order series: the occurrence belongs to it. */
  seriesId?: string;
}

export function channelOf(actor: Actor): 'self' | 'family' | 'staff' {
  return actor.role === 'senior' ? 'self' : actor.role === 'family' ? 'family' : 'staff';
}

/** Books one slot for one resident, in one transaction: capacity unit, price, order, history. */
@Injectable()
export class BookingService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async book(actor: Actor, dto: BookingRequest, manager?: EntityManager): Promise<OrderDto> {
    const run = (m: EntityManager) => this.bookIn(m, actor, dto);
    return manager ? run(manager) : this.db.transaction(run);
  }

  private async bookIn(m: EntityManager, actor: Actor, dto: BookingRequest): Promise<OrderDto> {
    const resident = await this.access.requireResident(actor, dto.residentId, m);
    if (!(await this.access.canBookFor(actor, resident.id, m))) {
      throw new DomainError('FORBIDDEN', 'Your link to this resident does not allow booking: ask the resident or their centre');
    }
    if (actor.role === 'centre_staff' && actor.facilityId !== dto.facilityId) {
      throw new DomainError('NOT_FOUND', 'Facility not found');
    }
    const start = new Date(dto.slotStart);
    const { service, slot, overlapping, taken } = await this.factsAndUnit(m, resident.id, dto.serviceCode, dto.facilityId, start);
    const location = dto.location ?? (resident.lat !== null && resident.lng !== null ? { lat: resident.lat, lng: resident.lng } : null);
    const breach = checkBookingRules(
      {
        serviceCode: service.code,
        place: service.place,
        facilityType: service.facility_type,
        facilityLocation: { lat: service.facility_lat, lng: service.facility_lng },
        visitLocation: location,
        careLevel: resident.careLevel,
        slotStartMs: start.getTime(),
        nowMs: Date.now(),
      },
      {
        catchmentKmUrban: this.config.catchmentKmUrban,
        catchmentKmRural: this.config.catchmentKmRural,
        homeNursingMinCareLevel: this.config.homeNursingMinCareLevel,
        horizonDays: this.config.bookingHorizonDays,
      },
    );
    if (breach) throw new DomainError(breach.code, breach.message, breach.field ? [{ field: breach.field, message: breach.message }] : undefined);
    if (!slot) {
      throw new DomainError('SLOT_UNKNOWN', 'There is no slot at this time: pick a start time from GET /facilities/:id/availability', [
        { field: 'slotStart', message: 'not the start of an available slot' },
      ]);
    }
    // The exclusion constraint on orders holds this too; checking first gives the clearer message.
    if (overlapping) {
      throw new DomainError('ORDER_OVERLAP', `The resident already has ${overlapping} at this time: choose another time or cancel that order first`);
    }
    const confirmed = taken;
    if (!confirmed && !dto.waitlist) {
      throw new DomainError('SLOT_FULL', 'This slot is full: choose another time, or send waitlist: true to join its waitlist');
    }
    const order = await this.insertOrder(m, actor, dto, resident, service, slot, location, confirmed);
    return toOrderDto(order);
  }

  private async insertOrder(
    m: EntityManager,
    actor: Actor,
    dto: BookingRequest,
    resident: Resident,
    service: ServiceFacts,
    slot: SlotRow,
    location: { lat: number; lng: number } | null,
    confirmed: boolean,
  ): Promise<OrderRow> {
    const subject = {
      residentId: resident.id,
      birthDate: resident.birthDate,
      subsidyCategory: resident.subsidyCategory,
      category: service.category,
      basePriceFen: service.base_price_fen,
      durationMinutes: service.duration_minutes,
      slotStart: slot.starts_at,
    };
    // A waitlisted order shows its expected price but takes no allowance until it is confirmed.
    const price = confirmed ? await priceAndTakeAllowance(m, subject) : null;
    const base = { baseFen: service.base_price_fen, subsidyFen: 0, copayFen: service.base_price_fen, funding: [], minutesTaken: {} };
    const p = price ?? base;
    return repo.insert(m, {
      resident_id: resident.id,
      facility_id: slot.facility_id,
      service_code: slot.service_code,
      slot_id: slot.id,
      slot_start: slot.starts_at,
      slot_end: slot.ends_at,
      status: confirmed ? 'confirmed' : 'waitlisted',
      channel: channelOf(actor),
      created_by: actor.userId,
      notes: dto.notes ?? null,
      address: dto.address ?? (service.place === 'home' ? resident.address : null),
      lat: location?.lat ?? null,
      lng: location?.lng ?? null,
      dietary_needs: service.category === 'meal' ? resident.dietaryNeeds : [],
      base_fen: p.baseFen,
      subsidy_fen: p.subsidyFen,
      copay_fen: p.copayFen,
      funding: p.funding,
      allowance: p.minutesTaken,
      allowance_month: price?.month ?? null,
      series_id: dto.seriesId ?? null,
    }, actor.userId, confirmed ? null : 'slot full: waitlisted');
  }

  /**
   * What a booking needs to know, in one round trip: the service and facility, whether the
   * facility offers it, the slot at that time and any live order of the resident overlapping it;
   * and a capacity unit of the slot, taken with the conditional update if one is left. When a
   * rule then refuses the booking, the transaction rolls back and the unit with it.
   */
  private async factsAndUnit(m: EntityManager, residentId: string, code: string, facilityId: string, start: Date) {
    const rows = (await m.query(
      `WITH taken AS (
         UPDATE capacity_slots SET booked = booked + 1
          WHERE facility_id = $2 AND service_code = $1 AND starts_at = $3 AND booked < capacity
          RETURNING id)
       SELECT EXISTS (SELECT 1 FROM taken) AS taken, s.code, s.category, s.place, s.duration_minutes, s.base_price_fen, f.type AS facility_type,
              f.lat AS facility_lat, f.lng AS facility_lng,
              EXISTS (SELECT 1 FROM facility_services fs WHERE fs.facility_id = f.id AND fs.service_code = s.code) AS offered,
              (SELECT row_to_json(cs) FROM (SELECT id, facility_id, service_code, starts_at, ends_at, capacity, booked FROM capacity_slots
                 WHERE facility_id = f.id AND service_code = s.code AND starts_at = $3) cs) AS slot,
              (SELECT o.service_code FROM orders o
                WHERE o.resident_id = $4 AND o.status IN ('waitlisted', 'confirmed', 'assigned', 'in_progress')
                  AND tstzrange(o.slot_start, o.slot_end) && tstzrange($3, $3::timestamptz + make_interval(mins => s.duration_minutes))
                LIMIT 1) AS overlapping
         FROM services s CROSS JOIN facilities f WHERE s.code = $1 AND f.id = $2 AND f.active`,
      [code, facilityId, start, residentId],
    )) as (ServiceFacts & {
      taken: boolean;
      slot: (Omit<SlotRow, 'starts_at' | 'ends_at'> & { starts_at: string; ends_at: string }) | null;
      overlapping: string | null;
    })[];
    const row = rows[0];
    if (!row) {
      const known = (await m.query('SELECT 1 FROM services WHERE code = $1', [code])) as unknown[];
      if (known.length === 0) throw new DomainError('SERVICE_UNKNOWN', `There is no service ${code}: see GET /services`, [{ field: 'serviceCode', message: 'unknown service' }]);
      throw new DomainError('FACILITY_UNKNOWN', 'There is no such facility: see GET /facilities', [{ field: 'facilityId', message: 'unknown facility' }]);
    }
    if (!row.offered) {
      throw new DomainError('SERVICE_NOT_OFFERED', `This facility does not offer ${code}: choose another facility or service`, [
        { field: 'serviceCode', message: 'not offered at this facility' },
      ]);
    }
    const slot: SlotRow | null = row.slot ? { ...row.slot, starts_at: new Date(row.slot.starts_at), ends_at: new Date(row.slot.ends_at) } : null;
    return { service: row as ServiceFacts, slot, overlapping: row.overlapping, taken: row.taken };
  }
}
