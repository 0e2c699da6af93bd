import { actualMinutes, distanceMetres, isNoShowTooEarly, isTooEarly, verify } from './visit-rules.js';

const HOME = { lat: 25.791, lng: 113.031 };

describe('visit rules', () => {
  it('measures great-circle distance in metres', () => {
    expect(distanceMetres(HOME, HOME)).toBe(0);
    // One thousandth of a degree of latitude is about 111 m everywhere.
    expect(Math.round(distanceMetres(HOME, { lat: 25.792, lng: 113.031 }))).toBe(111);
    // Chenzhou to Changsha is about 300 km.
    const km = distanceMetres({ lat: 25.77, lng: 113.01 }, { lat: 28.2282, lng: 112.9388 }) / 1000;
    expect(km).toBeGreaterThan(270);
    expect(km).toBeLessThan(280);
  });

  it('verifies a fix within the allowed distance by location', () => {
    expect(verify({ fix: { lat: 25.792, lng: 113.031 }, visitLocation: HOME, codeMatches: false, maxDistanceM: 300 })).toEqual({
      verifiedBy: 'location',
      distanceM: 111,
      flaggedFar: false,
    });
  });

  it('accepts a far fix but flags it with the distance, unverified', () => {
    const v = verify({ fix: { lat: 25.8, lng: 113.031 }, visitLocation: HOME, codeMatches: false, maxDistanceM: 300 });
    expect(v.verifiedBy).toBeNull();
    expect(v.flaggedFar).toBe(true);
    expect(v.distanceM).toBe(1001);
  });

  it('flags exactly above the limit, not at it', () => {
    const at = distanceMetres(HOME, { lat: 25.7937, lng: 113.031 });
    const v = verify({ fix: { lat: 25.7937, lng: 113.031 }, visitLocation: HOME, codeMatches: false, maxDistanceM: Math.round(at) });
    expect(v.flaggedFar).toBe(false);
  });

  it('counts the right code as verified whatever the fix, still flagging a far one', () => {
    expect(verify({ fix: { lat: 26.5, lng: 113.031 }, visitLocation: HOME, codeMatches: true, maxDistanceM: 300 })).toMatchObject({
      verifiedBy: 'code',
      flaggedFar: true,
    });
    expect(verify({ fix: null, visitLocation: HOME, codeMatches: true, maxDistanceM: 300 })).toEqual({
      verifiedBy: 'code',
      distanceM: null,
      flaggedFar: false,
    });
  });

  it('leaves a visit with neither fix nor code unverified, for staff to confirm', () => {
    expect(verify({ fix: null, visitLocation: HOME, codeMatches: false, maxDistanceM: 300 })).toEqual({
      verifiedBy: null,
      distanceM: null,
      flaggedFar: false,
    });
    expect(verify({ fix: HOME, visitLocation: null, codeMatches: false, maxDistanceM: 300 }).verifiedBy).toBeNull();
  });

  it('refuses a check-in more than the allowed minutes before the planned start', () => {
    const start = Date.parse('2026-12-01T09:00:00+08:00');
    expect(isTooEarly(start - 31 * 60_000, start, 30)).toBe(true);
    expect(isTooEarly(start - 30 * 60_000, start, 30)).toBe(false);
    expect(isTooEarly(start + 60 * 60_000, start, 30)).toBe(false);
  });

  it('allows a no-show only once the planned start has passed', () => {
    const start = Date.parse('2026-12-03T09:00:00+08:00');
    expect(isNoShowTooEarly(start - 2 * 24 * 3600_000, start)).toBe(true);
    expect(isNoShowTooEarly(start - 1, start)).toBe(true);
    expect(isNoShowTooEarly(start, start)).toBe(false);
    expect(isNoShowTooEarly(start + 10 * 60_000, start)).toBe(false);
  });

  it('counts whole minutes between check-in and check-out', () => {
    expect(actualMinutes(0, 89.6 * 60_000)).toBe(90);
    expect(actualMinutes(10, 0)).toBe(0);
  });
});
