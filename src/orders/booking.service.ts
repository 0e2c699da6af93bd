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
    const service = await this.serviceFacts(m, dto.serviceCode, dto.facilityId);
    const start = new Date(dto.slotStart);
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
    const slot = await repo.findSlot(m, dto.facilityId, dto.serviceCode, start);
    if (!slot) {
      throw new DomainError('SLOT_UNKNOWN', 'There is no slot at this time: pick a start time from GET /facilities/:id/availability', [
        { field: 'slotStart', message: 'not the start of an available slot' },
      ]);
    }
    await this.refuseOverlap(m, resident.id, slot);
    const confirmed = await repo.takeUnit(m, slot.id);
    if (!confirmed && !dto.waitlist) {
      throw new DomainError('SLOT_FULL', 'This slot is full: choose another time, or send waitlist: true to join its waitlist');
    }
    const order = await this.insertOrder(m, actor, dto, resident, service, slot, location, confirmed);
    await repo.history(m, order.id, null, order.status, actor.userId, order.status === 'waitlisted' ? 'slot full: waitlisted' : null);
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
    });
  }

  private async serviceFacts(m: EntityManager, code: string, facilityId: string): Promise<ServiceFacts> {
    const rows = (await m.query(
      `SELECT s.code, s.category, s.place, s.duration_minutes, s.base_price_fen, f.type AS facility_type,
              f.lat AS facility_lat, f.lng AS facility_lng,
              EXISTS (SELECT 1 FROM facility_services fs WHERE fs.facility_id = f.id AND fs.service_code = s.code) AS offered
         FROM services s CROSS JOIN facilities f WHERE s.code = $1 AND f.id = $2 AND f.active`,
      [code, facilityId],
    )) as ServiceFacts[];
    const facts = rows[0];
    if (!facts) {
      const known = (await m.query('SELECT 1 FROM services WHERE code = $1', [code])) as unknown[];
      if (known.length === 0) throw new DomainError('SERVICE_UNKNOWN', `There is no service ${code}: see GET /services`, [{ field: 'serviceCode', message: 'unknown service' }]);
      throw new DomainError('FACILITY_UNKNOWN', 'There is no such facility: see GET /facilities', [{ field: 'facilityId', message: 'unknown facility' }]);
    }
    if (!facts.offered) {
      throw new DomainError('SERVICE_NOT_OFFERED', `This facility does not offer ${code}: choose another facility or service`, [
        { field: 'serviceCode', message: 'not offered at this facility' },
      ]);
    }
    return facts;
  }

  /** The exclusion constraint on orders holds this too; checking first gives the clearer message. */
  private async refuseOverlap(m: EntityManager, residentId: string, slot: SlotRow): Promise<void> {
    const rows = (await m.query(
      `SELECT service_code, slot_start FROM orders
        WHERE resident_id = $1 AND status IN ('waitlisted', 'confirmed', 'assigned', 'in_progress')
          AND tstzrange(slot_start, slot_end) && tstzrange($2, $3) LIMIT 1`,
      [residentId, slot.starts_at, slot.ends_at],
    )) as { service_code: string }[];
    if (rows.length > 0) {
      throw new DomainError('ORDER_OVERLAP', `The resident already has ${rows[0].service_code} at this time: choose another time or cancel that order first`);
    }
  }
}
