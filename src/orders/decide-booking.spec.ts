import { breachError, decideBooking, type BookingCase, type BookingPolicy, type OfferFacts } from './decide-booking.js';

const POLICY: BookingPolicy = { catchmentKmUrban: 15, catchmentKmRural: 40, homeNursingMinCareLevel: 2, horizonDays: 14 };
const NOW = Date.parse('2026-12-01T08:00:00+08:00');
const CENTRE = { lat: 25.77, lng: 113.01 };

const offer = (overrides: Partial<OfferFacts> = {}): OfferFacts => ({
  serviceCode: 'cleaning.home',
  requestedService: 'cleaning.home',
  facilityKnown: true,
  offered: true,
  place: 'home',
  facilityType: 'street_centre',
  facilityLocation: CENTRE,
  visitLocation: { lat: 25.78, lng: 113.02 },
  careLevel: 1,
  ...overrides,
});

const booking = (overrides: Partial<BookingCase> = {}): BookingCase => ({
  slotStartMs: NOW + 3 * 3_600_000,
  offer: offer(),
  slot: { found: true, free: true, overlapping: null },
  waitlist: false,
  ...overrides,
});

const codeOf = (c: BookingCase) => {
  const d = decideBooking(c, POLICY, NOW);
  return d.ok ? null : d.breach.code;
};

describe('decideBooking', () => {
  it('confirms a booking of a free slot, and waitlists one of a full slot only when asked', () => {
    expect(decideBooking(booking(), POLICY, NOW)).toEqual({ ok: true, waitlisted: false });
    expect(codeOf(booking({ slot: { found: true, free: false, overlapping: null } }))).toBe('SLOT_FULL');
    expect(decideBooking(booking({ slot: { found: true, free: false, overlapping: null }, waitlist: true }), POLICY, NOW)).toEqual({
      ok: true,
      waitlisted: true,
    });
  });

  it('says what does not exist before any rule: service, facility, offer', () => {
    expect(codeOf(booking({ offer: offer({ serviceCode: null, requestedService: 'nope' }), slotStartMs: NOW - 1 }))).toBe(
      'SERVICE_UNKNOWN',
    );
    expect(codeOf(booking({ offer: offer({ facilityKnown: false }), slotStartMs: NOW - 1 }))).toBe('FACILITY_UNKNOWN');
    expect(codeOf(booking({ offer: offer({ offered: false }), slotStartMs: NOW - 1 }))).toBe('SERVICE_NOT_OFFERED');
  });

  it('checks the rules before the slot, and the slot before an overlap before fullness', () => {
    expect(codeOf(booking({ slotStartMs: NOW - 1, slot: { found: false } }))).toBe('SLOT_IN_PAST');
    expect(codeOf(booking({ offer: offer({ visitLocation: null }), slot: { found: false } }))).toBe('LOCATION_REQUIRED');
    expect(codeOf(booking({ slot: { found: false } }))).toBe('SLOT_UNKNOWN');
    expect(codeOf(booking({ slot: { found: true, free: false, overlapping: 'meal.dine_in' } }))).toBe('ORDER_OVERLAP');
  });

  it('leaves the slot to the write when it is not known (a booking from known facts)', () => {
    expect(decideBooking(booking({ slot: undefined }), POLICY, NOW)).toEqual({ ok: true, waitlisted: false });
    expect(codeOf(booking({ slot: undefined, offer: offer({ serviceCode: 'medical.home_nursing' }) }))).toBe('CARE_LEVEL_TOO_LOW');
  });

  it('checks only time and slot when a booking moves (reschedule)', () => {
    const move = (slotStartMs: number, found: boolean): BookingCase => ({ slotStartMs, slot: { found }, waitlist: false });
    expect(decideBooking(move(NOW + 3_600_000, true), POLICY, NOW)).toEqual({ ok: true, waitlisted: false });
    expect(codeOf(move(NOW, true))).toBe('SLOT_IN_PAST');
    expect(codeOf(move(NOW + 15 * 86_400_000, true))).toBe('OUTSIDE_HORIZON');
    expect(codeOf(move(NOW + 3_600_000, false))).toBe('SLOT_UNKNOWN');
  });

  it('names the field a breach is about in the error it becomes', () => {
    const unknown = decideBooking(booking({ offer: offer({ serviceCode: null, requestedService: 'x.y' }) }), POLICY, NOW);
    if (unknown.ok) throw new Error('expected a breach');
    const error = breachError(unknown.breach);
    expect(error).toMatchObject({
      code: 'SERVICE_UNKNOWN',
      message: 'There is no service x.y: see GET /services',
      details: [{ field: 'serviceCode', message: 'unknown service' }],
    });
    const full = decideBooking(booking({ slot: { found: true, free: false, overlapping: null } }), POLICY, NOW);
    if (full.ok) throw new Error('expected a breach');
    expect(breachError(full.breach).details).toBeUndefined();
  });
});
