import { routeKm, routeOrder } from './route-order.js';

const KITCHEN = { lat: 25.77, lng: 113.0 };
const stop = (id: string, lng: number | null) => ({ id, lat: lng === null ? null : 25.77, lng });

describe('routeOrder', () => {
  it('visits stops along a street in order of distance', () => {
    const stops = [stop('far', 113.05), stop('near', 113.01), stop('middle', 113.03)];
    expect(routeOrder(KITCHEN, stops).map((s) => s.id)).toEqual(['near', 'middle', 'far']);
  });

  it('keeps every stop once, unlocated ones last', () => {
    const stops = [stop('a', 113.02), stop('nowhere', null), stop('b', 113.01)];
    expect(routeOrder(KITCHEN, stops).map((s) => s.id)).toEqual(['b', 'a', 'nowhere']);
  });

  it('is never longer than the order given', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let round = 0; round < 20; round++) {
      const stops = Array.from({ length: 12 }, (_, i) => ({ id: String(i), lat: 25.7 + rand() * 0.1, lng: 113 + rand() * 0.1 }));
      const route = routeOrder(KITCHEN, stops);
      expect(new Set(route.map((s) => s.id)).size).toBe(12);
      expect(routeKm(KITCHEN, route)).toBeLessThanOrEqual(routeKm(KITCHEN, stops) + 1e-9);
    }
  });
});
