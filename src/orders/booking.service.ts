import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { allowed, type Facts } from '../common/access/access-rules.js';
import { isUuid } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import { shanghaiDate } from '../common/shanghai-time.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ageOn, cappedRules, loadPolicy } from './allowance.js';
import { BookingFactsCache, type KnownFacts } from './booking-facts-cache.js';
import { BOOKING_CHANGED, type AllowanceClaim, type BookingFacts } from './booking-facts.js';
import { bookingPolicy, breachError, decideBooking, noSlot, overlapping, slotFull, type SlotFacts } from './decide-booking.js';
import type { CreateOrderDto, OrderDto, QuoteDto, QuoteQuery } from './dto/order.dto.js';
import { toOrderDto } from './order-row.js';
import { OrdersRepository } from './orders.repository.js';
import { priceOrder, waitlistPrice, type PolicyRule, type Price } from './pricing.js';

export interface BookingRequest extends CreateOrderDto {
  /** Set by order series: the occurrence belongs to it. */
  seriesId?: string;
}

export function channelOf(actor: Actor): 'self' | 'family' | 'staff' {
  return actor.role === 'senior' ? 'self' : actor.role === 'family' ? 'family' : 'staff';
}

/** How often a booking reads again when a concurrent booking changed its slot or allowance first: each round one of them wins, so ten rounds see through ten simultaneous bookings of one resident. */
const ATTEMPTS = 10;

/**
 * Books one slot for one resident: the facts in one read, the rules and the price in plain
 * TypeScript, then one atomic write (book_order) that takes the capacity unit, draws the
 * allowance, and writes the order with its history, after checking under its row locks that the
 * facts the price rests on still hold. Two round trips; inside a caller's transaction when a
 * manager is given (idempotency keys, series).
 *
 * When this instance already knows the resident's, the service's and the facility's facts (the
 * booking facts cache) and the price draws no monthly allowance, the booking is one round trip:
 * the same rules and price, then the same book_order, given the facility, service and time
 * instead of a slot: it finds the slot and checks it and any overlapping order under its locks.
 */
@Injectable()
export class BookingService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly known: BookingFactsCache,
    private readonly orders: OrdersRepository,
  ) {}

  async book(actor: Actor, dto: BookingRequest, manager?: EntityManager): Promise<OrderDto> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(actor, dto, manager);
      } catch (error) {
        if ((error as { code?: string }).code !== BOOKING_CHANGED) throw error;
        if (attempt === ATTEMPTS) throw new DomainError('CONCURRENT_UPDATE', 'This slot is being booked by many people at once: try again');
      }
    }
  }

  /**
   * What booking this slot would cost the resident now, with the same checks as a booking (a full
   * slot is no refusal here: the answer says so). Nothing is written.
   */
  async quote(actor: Actor, q: QuoteQuery): Promise<QuoteDto> {
    if ((q.lat === undefined) !== (q.lng === undefined)) {
      throw new DomainError('VALIDATION_FAILED', 'Send lat and lng together, or neither', [
        { field: q.lat === undefined ? 'lat' : 'lng', message: 'needed with the other' },
      ]);
    }
    const { lat, lng, ...request } = q;
    const location = lat !== undefined && lng !== undefined ? { lat, lng } : undefined;
    const { f, start } = await this.readAndCheck(actor, { ...request, location, waitlist: true }, undefined);
    const { price, claims } = await this.price(undefined, f, start);
    // A full slot would waitlist the order at the base price, drawing nothing until it is confirmed.
    const full = !f.slot_free;
    const { baseFen, subsidyFen, copayFen, funding } = full ? waitlistPrice(f.base_price_fen) : price;
    return {
      price: { baseFen, subsidyFen, copayFen, funding },
      slotFree: f.slot_free,
      allowanceMinutesLeft: Object.fromEntries(claims.map((c) => [c.source, c.limit - c.used - (full ? 0 : c.take)])),
    };
  }

  private async readAndCheck(actor: Actor, dto: BookingRequest, manager: EntityManager | undefined) {
    if (!isUuid(dto.residentId)) throw notFound('Resident');
    const start = new Date(dto.slotStart);
    const month = monthOf(start);
    const marks = this.known.marks();
    const f = await this.orders.readBookingFacts(manager, {
      serviceCode: dto.serviceCode,
      facilityId: dto.facilityId,
      start,
      residentId: dto.residentId,
      userId: actor.userId,
      month,
    });
    // Inside a caller's transaction the read may see that transaction's own uncommitted writes.
    if (!manager) this.known.remember(actor, f, marks);
    const location = locate(dto, f);
    this.check(actor, dto, f, start, location, { found: f.slot_id !== null, free: f.slot_free, overlapping: f.overlapping });
    return { f, start, month, location };
  }

  /** The one-round-trip booking, or undefined when the facts must be read (unknown, or an allowance to check). */
  private async fromKnown(actor: Actor, dto: BookingRequest, manager: EntityManager | undefined): Promise<OrderDto | undefined> {
    const k = this.known.lookup(actor, dto.residentId, dto.facilityId, dto.serviceCode);
    if (!k) return undefined;
    // One policy for the decision and the price: a price that drew an allowance must go through the facts read, whose write checks the minutes.
    const policy = await loadPolicy(manager ?? this.db.manager);
    if (cappedRules(policy, k.subsidy_category).length > 0) return undefined;
    const start = new Date(dto.slotStart);
    const location = locate(dto, k);
    this.check(actor, dto, k, start, location);
    const { price } = priceWith(policy, { ...k, allowance_used: null }, start);
    const order = orderRow(actor, dto, k, location, price, monthOf(start));
    const write = () =>
      this.orders.writeBooking(manager, {
        facilityId: k.facility_id!,
        serviceCode: k.code!,
        start,
        minutes: k.duration_minutes,
        waitlist: dto.waitlist === true,
        order,
        by: actor.userId,
      });
    const written = manager ? await this.orders.inSavepoint(manager, write) : await write();
    if (written.outcome === 'booked') return toOrderDto(written.order);
    if (written.outcome === 'overlap') throw breachError(overlapping(written.detail));
    throw breachError(written.outcome === 'full' ? slotFull() : noSlot());
  }

  private async attempt(actor: Actor, dto: BookingRequest, manager: EntityManager | undefined): Promise<OrderDto> {
    requireAddressWithLocation(dto);
    const booked = await this.fromKnown(actor, dto, manager);
    if (booked) return booked;
    const { f, start, month, location } = await this.readAndCheck(actor, dto, manager);
    const expectFree = f.slot_free;
    const { price, claims } = expectFree ? await this.price(manager, f, start) : { price: null, claims: [] };
    const p = price ?? waitlistPrice(f.base_price_fen);
    const order = {
      ...orderRow(actor, dto, f, location, p, price ? month : null),
      slot_id: f.slot_id,
      slot_start: f.starts_at.toISOString(),
      slot_end: f.ends_at.toISOString(),
    };
    const write = () =>
      this.orders.writeBooking(manager, {
        slotId: f.slot_id!,
        expectFree,
        waitlist: dto.waitlist === true,
        order,
        claims,
        by: actor.userId,
      });
    const written = manager ? await this.orders.inSavepoint(manager, write) : await write();
    if (written.outcome !== 'booked') throw breachError(slotFull());
    return toOrderDto(written.order);
  }

  /**
   * Who may book (the access policy's rules on the facts this booking read anyway: no read of its
   * own), then what exists and the booking rules (decideBooking), each with its own answer. The
   * slot is left out when the write finds it.
   */
  private check(actor: Actor, dto: BookingRequest, f: KnownFacts, start: Date, location: Location | null, slot?: SlotFacts): void {
    const facts: Facts = {
      facilityId: dto.facilityId,
      residentId: f.resident_id,
      homeFacilityId: f.home_facility_id,
      link: f.link_can_book === null ? null : { canBook: f.link_can_book },
    };
    if (!f.resident_id || !allowed(actor, 'resident.read', facts)) throw notFound('Resident');
    if (!allowed(actor, 'resident.book', facts)) {
      throw new DomainError('FORBIDDEN', 'Your link to this resident does not allow booking: ask the resident or their centre');
    }
    if (!allowed(actor, 'facility.book', facts)) throw new DomainError('NOT_FOUND', 'Facility not found');
    const decision = decideBooking(
      {
        slotStartMs: start.getTime(),
        waitlist: dto.waitlist === true,
        slot,
        offer: {
          serviceCode: f.code,
          requestedService: dto.serviceCode,
          facilityKnown: f.facility_id !== null,
          offered: f.offered,
          place: f.place,
          facilityType: f.facility_type,
          facilityLocation: { lat: f.facility_lat, lng: f.facility_lng },
          visitLocation: location,
          careLevel: f.care_level,
        },
      },
      bookingPolicy(this.config),
      Date.now(),
    );
    if (!decision.ok) throw breachError(decision.breach);
  }

  /** The price of a confirmed order, and the allowance minutes it draws (checked again by the write). */
  private async price(
    manager: EntityManager | undefined,
    f: PricingFacts,
    start: Date,
  ): Promise<{ price: Price; claims: AllowanceClaim[] }> {
    return priceWith(await loadPolicy(manager ?? this.db.manager), f, start);
  }
}

type PricingFacts = Pick<
  BookingFacts,
  'base_price_fen' | 'duration_minutes' | 'category' | 'subsidy_category' | 'birth_date' | 'allowance_used'
>;

/** The price under a policy, and one allowance claim per funding source with a monthly cap. */
function priceWith(policy: PolicyRule[], f: PricingFacts, start: Date): { price: Price; claims: AllowanceClaim[] } {
  const used = f.allowance_used ?? {};
  const price = priceOrder(
    {
      basePriceFen: f.base_price_fen,
      durationMinutes: f.duration_minutes,
      category: f.category,
      subsidyCategory: f.subsidy_category,
      age: ageOn(f.birth_date, shanghaiDate(start.getTime())),
      minutesUsed: used,
    },
    policy,
  );
  // One claim per funding source: the write checks and draws each allowance row once.
  const sources = new Map(cappedRules(policy, f.subsidy_category).map((rule) => [rule.fundingSource, rule.monthlyMinutes!]));
  const claims = [...sources].map(([source, limit]) => ({ source, limit, used: used[source] ?? 0, take: price.minutesTaken[source] ?? 0 }));
  return { price, claims };
}

type Location = { lat: number; lng: number };

/**
 * A visit elsewhere than the resident's home names both the address (what the caregiver reads) and
 * its location (the catchment and the check-in point), or neither: one without the other sent the
 * caregiver to one place while the order recorded another (issue 14).
 */
function requireAddressWithLocation(dto: BookingRequest): void {
  const hasLocation = dto.location !== undefined && dto.location !== null;
  const hasAddress = dto.address !== undefined && dto.address !== null;
  if (hasLocation === hasAddress) return;
  const missing = hasLocation ? 'address' : 'location';
  throw new DomainError(
    'VALIDATION_FAILED',
    `A visit elsewhere than the resident's home needs address and location together, or neither: add ${missing}`,
    [{ field: missing, message: `${missing} is required with ${hasLocation ? 'location' : 'address'}` }],
  );
}

/** Where the visit happens: where the caller says, else the resident's address. */
function locate(dto: BookingRequest, f: Pick<KnownFacts, 'lat' | 'lng'>): Location | null {
  return dto.location ?? (f.lat !== null && f.lng !== null ? { lat: f.lat, lng: f.lng } : null);
}

/** First day of the Shanghai month a slot starts in: the month its allowance is counted in. */
function monthOf(start: Date): string {
  return `${shanghaiDate(start.getTime()).slice(0, 7)}-01`;
}

/** The order as written, but for its slot and status (which the writes settle). */
function orderRow(actor: Actor, dto: BookingRequest, f: KnownFacts, location: Location | null, p: Price, month: string | null) {
  return {
    resident_id: f.resident_id,
    facility_id: f.facility_id,
    service_code: f.code,
    channel: channelOf(actor),
    created_by: actor.userId,
    notes: dto.notes ?? null,
    address: dto.address ?? (f.place === 'home' ? f.address : null),
    lat: location?.lat ?? null,
    lng: location?.lng ?? null,
    dietary_needs: f.category === 'meal' ? f.dietary_needs : [],
    base_fen: p.baseFen,
    subsidy_fen: p.subsidyFen,
    copay_fen: p.copayFen,
    funding: p.funding,
    allowance: p.minutesTaken,
    allowance_month: month,
    series_id: dto.seriesId ?? null,
  };
}
