import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/roles.js';
import { EVERYTHING, FeedCache, type Forgets } from '../common/cache/feed-cache.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ChangeFeed } from '../database/change-feed.js';
import type { BookingFacts } from './booking-facts.js';

/** The facts of a booking that stay put between bookings: everything but the slot, overlaps and allowances. */
export type KnownFacts = Omit<BookingFacts, 'slot_id' | 'starts_at' | 'ends_at' | 'slot_free' | 'overlapping' | 'allowance_used'>;

type ResidentFacts = Pick<
  KnownFacts,
  'resident_id' | 'birth_date' | 'subsidy_category' | 'care_level' | 'lat' | 'lng' | 'address' | 'dietary_needs' | 'home_facility_id'
>;
type OfferFacts = Pick<
  KnownFacts,
  | 'code'
  | 'category'
  | 'place'
  | 'duration_minutes'
  | 'base_price_fen'
  | 'facility_id'
  | 'facility_type'
  | 'facility_lat'
  | 'facility_lng'
  | 'offered'
>;

/** Marks taken before a facts read: what the read finds is kept only if nothing changed meanwhile. */
export interface FactsMarks {
  resident: number;
  link: number;
  offer: number;
}

const MAX_RESIDENTS = 200_000;
const MAX_LINKS = 100_000;
const MAX_OFFERS = 10_000;

/**
 * Residents', family links' and facilities' services' booking facts, kept in this instance's
 * memory so that a booking is one round trip (book_order_at). Filled from the facts a booking
 * reads the first time; emptied by NOTIFY on `booking_facts_changed` (migration 604) as a change
 * commits, and not used while the change feed is down. Only complete facts of an existing
 * resident and an offered service are kept: anything else is read again and refused as before.
 */
@Injectable()
export class BookingFactsCache {
  private readonly residents: FeedCache<ResidentFacts>;
  private readonly links: FeedCache<boolean | null>;
  private readonly offers: FeedCache<OfferFacts>;

  constructor(feed: ChangeFeed, @Inject(APP_CONFIG) config: AppConfig) {
    const ttlMs = config.cacheSeconds * 1000;
    const channel = 'booking_facts_changed';
    this.residents = new FeedCache<ResidentFacts>({ max: MAX_RESIDENTS, ttlMs }).listen(feed, channel, prefixed('resident:'));
    this.links = new FeedCache<boolean | null>({ max: MAX_LINKS, ttlMs }).listen(feed, channel, prefixed('link:'));
    this.offers = new FeedCache<OfferFacts>({ max: MAX_OFFERS, ttlMs }).listen(feed, channel, (payload) =>
      payload === 'registry' || payload === '*' ? EVERYTHING : undefined,
    );
  }

  /** The known facts of this booking, or undefined when any part must be read. */
  lookup(actor: Actor, residentId: string, facilityId: string, serviceCode: string): KnownFacts | undefined {
    const resident = this.residents.get(residentId);
    const offer = this.offers.get(offerKey(facilityId, serviceCode));
    if (!resident || !offer) return undefined;
    let link: boolean | null = null;
    if (actor.role === 'family') {
      const known = this.links.get(linkKey(actor.userId, residentId));
      if (known === undefined) return undefined;
      link = known;
    }
    return { ...resident, ...offer, link_can_book: link };
  }

  marks(): FactsMarks {
    return { resident: this.residents.mark(), link: this.links.mark(), offer: this.offers.mark() };
  }

  /** Keeps what a facts read found, unless a change was announced since `marks`. */
  remember(actor: Actor, f: BookingFacts, marks: FactsMarks): void {
    if (!f.resident_id || !f.code || !f.facility_id || !f.offered) return;
    this.residents.set(
      f.resident_id,
      {
        resident_id: f.resident_id,
        birth_date: f.birth_date,
        subsidy_category: f.subsidy_category,
        care_level: f.care_level,
        lat: f.lat,
        lng: f.lng,
        address: f.address,
        dietary_needs: f.dietary_needs,
        home_facility_id: f.home_facility_id,
      },
      marks.resident,
    );
    this.offers.set(
      offerKey(f.facility_id, f.code),
      {
        code: f.code,
        category: f.category,
        place: f.place,
        duration_minutes: f.duration_minutes,
        base_price_fen: f.base_price_fen,
        facility_id: f.facility_id,
        facility_type: f.facility_type,
        facility_lat: f.facility_lat,
        facility_lng: f.facility_lng,
        offered: f.offered,
      },
      marks.offer,
    );
    if (actor.role === 'family') this.links.set(linkKey(actor.userId, f.resident_id), f.link_can_book, marks.link);
  }
}

/**
 * What a payload on `booking_facts_changed` (migration 604) means to one of the caches: '*' (a
 * TRUNCATE) everything, `<prefix><key>` that key; 'registry' (a service, facility or hours change) only the offers.
 */
function prefixed(prefix: string): Forgets {
  return (payload) => (payload === '*' ? EVERYTHING : payload.startsWith(prefix) ? payload.slice(prefix.length) : undefined);
}

const offerKey = (facilityId: string, serviceCode: string) => `${facilityId}|${serviceCode}`;
const linkKey = (userId: string, residentId: string) => `${userId}:${residentId}`;
