import { checkBookingRules, distanceKm, type BookingFacts, type BookingRuleSettings } from './booking-rules.js';

const SETTINGS: BookingRuleSettings = { catchmentKmUrban: 15, catchmentKmRural: 40, homeNursingMinCareLevel: 2, horizonDays: 14 };
const NOW = Date.parse('2026-12-01T08:00:00+08:00');
const CENTRE = { lat: 25.77, lng: 113.01 };

const facts = (overrides: Partial<BookingFacts> = {}): BookingFacts => ({
  serviceCode: 'cleaning.home',
  place: 'home',
  facilityType: 'street_centre',
  facilityLocation: CENTRE,
  visitLocation: { lat: 25.78, lng: 113.02 },
  careLevel: 1,
  slotStartMs: NOW + 3 * 3_600_000,
  nowMs: NOW,
  ...overrides,
});

describe('distanceKm', () => {
  it('measures great-circle distance', () => {
    expect(distanceKm(CENTRE, CENTRE)).toBe(0);
    // One degree of latitude is about 111.2 km.
    expect(distanceKm({ lat: 25, lng: 113 }, { lat: 26, lng: 113 })).toBeCloseTo(111.19, 1);
  });
});

describe('checkBookingRules', () => {
  it('lets an ordinary home visit through', () => {
    expect(checkBookingRules(facts(), SETTINGS)).toBeNull();
  });

  it('refuses a slot in the past or beyond the horizon', () => {
    expect(checkBookingRules(facts({ slotStartMs: NOW - 1 }), SETTINGS)?.code).toBe('SLOT_IN_PAST');
    expect(checkBookingRules(facts({ slotStartMs: NOW + 15 * 86_400_000 }), SETTINGS)?.code).toBe('OUTSIDE_HORIZON');
  });

  it('refuses home nursing below the configured care level', () => {
    const nursing = { serviceCode: 'medical.home_nursing' };
    expect(checkBookingRules(facts({ ...nursing, careLevel: 1 }), SETTINGS)?.code).toBe('CARE_LEVEL_TOO_LOW');
    expect(checkBookingRules(facts({ ...nursing, careLevel: 2 }), SETTINGS)).toBeNull();
  });

  it('needs a located address for home visits, but not for services at the facility', () => {
    expect(checkBookingRules(facts({ visitLocation: null }), SETTINGS)?.code).toBe('LOCATION_REQUIRED');
    expect(checkBookingRules(facts({ visitLocation: null, place: 'facility', serviceCode: 'meal.dine_in' }), SETTINGS)).toBeNull();
  });

  it('keeps home visits within 15 km of an urban facility and 40 km of a rural one', () => {
    const far = { lat: 25.77 + 0.2, lng: 113.01 }; // about 22 km north
    const breach = checkBookingRules(facts({ visitLocation: far }), SETTINGS);
    expect(breach?.code).toBe('OUTSIDE_CATCHMENT');
    expect(breach?.message).toContain('22.2 km');
    expect(checkBookingRules(facts({ visitLocation: far, facilityType: 'rural_home' }), SETTINGS)).toBeNull();
  });
});
