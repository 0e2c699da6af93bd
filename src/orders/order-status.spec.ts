import { HOLDS_CAPACITY, ORDER_STATUSES, canMove, nextStatuses, type OrderStatus } from './order-status.js';

describe('order status machine', () => {
  it('follows the booking flow', () => {
    const flow: OrderStatus[] = ['waitlisted', 'confirmed', 'assigned', 'in_progress', 'completed'];
    for (let i = 0; i + 1 < flow.length; i++) expect(canMove(flow[i], flow[i + 1])).toBe(true);
  });

  it('cancels any open status and nothing else', () => {
    const cancellable = ORDER_STATUSES.filter((s) => canMove(s, 'cancelled'));
    expect(cancellable).toEqual(['waitlisted', 'confirmed', 'assigned', 'missed']);
  });

  it('ends an assigned visit as no-show or missed, and a missed one may go back to assignment', () => {
    expect(canMove('assigned', 'no_show')).toBe(true);
    expect(canMove('assigned', 'missed')).toBe(true);
    expect(canMove('missed', 'confirmed')).toBe(true);
    expect(canMove('confirmed', 'missed')).toBe(false);
  });

  it('allows no move out of completed, cancelled or no-show, and no skipping ahead', () => {
    for (const end of ['completed', 'cancelled', 'no_show'] as const) expect(nextStatuses(end)).toEqual([]);
    expect(canMove('waitlisted', 'assigned')).toBe(false);
    expect(canMove('confirmed', 'completed')).toBe(false);
    expect(canMove('in_progress', 'cancelled')).toBe(false);
  });

  it('holds a capacity unit in every status except waitlisted and cancelled', () => {
    expect(ORDER_STATUSES.filter((s) => !HOLDS_CAPACITY.includes(s))).toEqual(['waitlisted', 'cancelled']);
  });
});
