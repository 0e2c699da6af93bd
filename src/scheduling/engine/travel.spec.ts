import { describe, expect, it } from '@jest/globals';
import { EARTH_RADIUS_KM, haversineKm, travelMinutes } from './travel.js';

describe('travel', () => {
  it('measures one degree of latitude as R·π/180 km', () => {
    expect(haversineKm({ lat: 25, lng: 113 }, { lat: 26, lng: 113 })).toBeCloseTo((EARTH_RADIUS_KM * Math.PI) / 180, 9);
  });

  it('is zero for one point and symmetric', () => {
    const a = { lat: 25.77, lng: 113.01 };
    const b = { lat: 25.8, lng: 113.05 };
    expect(haversineKm(a, a)).toBe(0);
    expect(haversineKm(a, b)).toBe(haversineKm(b, a));
  });

  it('shrinks longitude with latitude (great circle, not a flat grid)', () => {
    const eq = haversineKm({ lat: 0, lng: 113 }, { lat: 0, lng: 114 });
    const cz = haversineKm({ lat: 25.77, lng: 113 }, { lat: 25.77, lng: 114 });
    expect(cz / eq).toBeCloseTo(Math.cos((25.77 * Math.PI) / 180), 3);
  });

  it('turns distance into minutes at the given speed', () => {
    const a = { lat: 25, lng: 113 };
    const b = { lat: 26, lng: 113 };
    const km = haversineKm(a, b);
    expect(travelMinutes(a, b, 20)).toBeCloseTo((km / 20) * 60, 9);
    expect(travelMinutes(a, b, 40)).toBeCloseTo(travelMinutes(a, b, 20) / 2, 9);
  });
});
