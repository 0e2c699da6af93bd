/**
 * The order status machine (API.md): waitlisted → confirmed → assigned → in_progress → completed;
 * any open status → cancelled; assigned → no_show (senior absent) or missed (no caregiver came).
 * An assignment released by leave or a missed visit sends the order back to confirmed.
 */
export const ORDER_STATUSES = [
  'waitlisted',
  'confirmed',
  'assigned',
  'in_progress',
  'completed',
  'cancelled',
  'no_show',
  'missed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const MOVES: Record<OrderStatus, readonly OrderStatus[]> = {
  waitlisted: ['confirmed', 'cancelled'],
  confirmed: ['assigned', 'cancelled'],
  assigned: ['in_progress', 'confirmed', 'cancelled', 'no_show', 'missed'],
  in_progress: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
  missed: ['confirmed', 'cancelled'],
};

export const OPEN_STATUSES: readonly OrderStatus[] = ['waitlisted', 'confirmed', 'assigned'];

/** Statuses of an order that still takes its resident's time: two of them never overlap (the exclusion constraint on orders). */
export const LIVE_STATUSES: readonly OrderStatus[] = ['waitlisted', 'confirmed', 'assigned', 'in_progress'];

/** A status set as an SQL list: `('waitlisted', 'confirmed')`. */
export const sqlList = (statuses: readonly OrderStatus[]): string => `(${statuses.map((s) => `'${s}'`).join(', ')})`;

/** Statuses that hold a capacity unit of their slot. */
export const HOLDS_CAPACITY: readonly OrderStatus[] = ['confirmed', 'assigned', 'in_progress', 'completed', 'no_show', 'missed'];

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return MOVES[from].includes(to);
}

export function nextStatuses(from: OrderStatus): readonly OrderStatus[] {
  return MOVES[from];
}
