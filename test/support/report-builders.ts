/**
 * Small builders for report specs: rows put straight into the tables the reports read (slots,
 * orders with their history, shifts, assignments, visits), so that a spec states a known month
 * and nothing else. Orders keep the database's own rules (price split, holds_capacity).
 */
import type { DataSource } from 'typeorm';
import { makeIdNumber } from '../../src/people/id-number.js';

let seq = 500;
const next = () => ++seq;

export async function aReportFacility(
  db: DataSource,
  o: { name: string; type?: 'street_centre' | 'day_care' | 'rural_home'; district?: string; street?: string },
): Promise<string> {
  const n = next();
  const [{ id }] = (await db.query(
    `INSERT INTO facilities (code, name, type, district, street, address, lat, lng, opening_hours)
     VALUES ($1, $2, $3, $4, $5, '测试地址', 25.79, 113.03, '{"weekdays":[1,2,3,4,5,6,7],"open":"00:00","close":"23:59"}') RETURNING id`,
    [`RPT-${n}`, o.name, o.type ?? 'street_centre', o.district ?? '北湖区', o.street ?? '人民路街道'],
  )) as { id: string }[];
  await db.query(`INSERT INTO facility_services (facility_id, service_code) SELECT $1, code FROM services`, [id]);
  return id;
}

export async function aReportResident(
  db: DataSource,
  o: { homeFacilityId: string; birthDate: string; subsidyCategory?: string; careLevel?: number; district?: string; street?: string },
): Promise<string> {
  const [{ id }] = (await db.query(
    `INSERT INTO residents (name, id_number, birth_date, gender, address, district, street, care_level, subsidy_category, home_facility_id)
     VALUES ('测试老人', $1, $2, 'female', '测试地址', $3, $4, $5, $6, $7) RETURNING id`,
    [makeIdNumber('431002', o.birthDate, (next() * 2) % 1000), o.birthDate, o.district ?? '北湖区', o.street ?? '人民路街道', o.careLevel ?? 1, o.subsidyCategory ?? 'none', o.homeFacilityId],
  )) as { id: string }[];
  return id;
}

export async function aReportCaregiver(db: DataSource, facilityId: string): Promise<string> {
  const [{ id }] = (await db.query(
    `INSERT INTO caregivers (name, facility_id, gender, skills, level, home_lat, home_lng)
     VALUES ('测试护理员', $1, 'female', '{meal,cleaning,mobility,medical}', 2, 25.78, 113.02) RETURNING id`,
    [facilityId],
  )) as { id: string }[];
  return id;
}

/** A slot of `capacity` at `start` (with its offset); its end is the service's duration later. */
export async function aSlot(db: DataSource, facilityId: string, serviceCode: string, start: string, capacity: number): Promise<string> {
  const [{ id }] = (await db.query(
    `INSERT INTO capacity_slots (facility_id, service_code, starts_at, ends_at, capacity, over_committed)
     SELECT $1, $2, $3::timestamptz, $3::timestamptz + make_interval(mins => s.duration_minutes), $4, true FROM services s WHERE s.code = $2
     RETURNING id`,
    [facilityId, serviceCode, start, capacity],
  )) as { id: string }[];
  return id;
}

export type OrderStatus = 'waitlisted' | 'confirmed' | 'assigned' | 'in_progress' | 'completed' | 'cancelled' | 'no_show' | 'missed';

export interface ReportOrder {
  residentId: string;
  slotId: string;
  status: OrderStatus;
  /** Hours between booking and the slot's start. */
  waitHours: number;
  createdBy: string;
  baseFen: number;
  subsidyFen?: number;
  funding?: { source: string; amountFen: number }[];
  /** Cancelled orders: whether they were ever confirmed (else they left the waitlist). */
  everConfirmed?: boolean;
}

/** An order in a slot, with the history rows its status implies. */
export async function anOrder(db: DataSource, o: ReportOrder): Promise<string> {
  const subsidy = o.subsidyFen ?? 0;
  const holds = o.status !== 'waitlisted' && o.status !== 'cancelled';
  const [{ id }] = (await db.query(
    `INSERT INTO orders (resident_id, facility_id, service_code, slot_id, slot_start, slot_end, status, holds_capacity, channel, created_by,
                         base_fen, subsidy_fen, copay_fen, funding, created_at)
     SELECT $1, c.facility_id, c.service_code, c.id, c.starts_at, c.ends_at, $3, $4, 'staff', $5, $6::int, $7::int, $6::int - $7::int, $8::jsonb,
            c.starts_at - make_interval(secs => $9::float8 * 3600)
       FROM capacity_slots c WHERE c.id = $2 RETURNING id`,
    [o.residentId, o.slotId, o.status, holds, o.createdBy, o.baseFen, subsidy, JSON.stringify(o.funding ?? []), o.waitHours],
  )) as { id: string }[];
  const confirmed = o.status === 'cancelled' ? o.everConfirmed !== false : o.status !== 'waitlisted';
  const path: (OrderStatus | null)[] = [null, confirmed ? 'confirmed' : 'waitlisted'];
  if (o.status !== path[1]) path.push(o.status);
  for (let i = 1; i < path.length; i++) {
    await db.query(`INSERT INTO order_history (order_id, from_status, to_status, by_user) VALUES ($1, $2, $3, $4)`, [id, path[i - 1], path[i], o.createdBy]);
  }
  if (holds) await db.query(`UPDATE capacity_slots SET booked = booked + 1 WHERE id = $1`, [o.slotId]);
  return id;
}

export async function aShift(db: DataSource, caregiverId: string, facilityId: string, start: string, end: string): Promise<void> {
  await db.query(`INSERT INTO shifts (caregiver_id, facility_id, during, source) VALUES ($1, $2, tstzrange($3, $4, '[)'), 'manual')`, [caregiverId, facilityId, start, end]);
}

export async function anAssignment(db: DataSource, orderId: string, caregiverId: string, start: string, end: string): Promise<void> {
  await db.query(
    `INSERT INTO assignments (order_id, caregiver_id, facility_id, planned_start, planned_end, explanation, source)
     SELECT $1, $2, o.facility_id, $3, $4, 'report spec', 'override' FROM orders o WHERE o.id = $1`,
    [orderId, caregiverId, start, end],
  );
}

/** A checked-out visit of an order that took `actualMinutes`. */
export async function aVisit(db: DataSource, orderId: string, caregiverId: string, actualMinutes: number): Promise<void> {
  await db.query(
    `INSERT INTO visits (order_id, caregiver_id, planned_start, check_in_at, check_out_at, actual_minutes)
     SELECT o.id, $2, o.slot_start, o.slot_start, o.slot_start + make_interval(mins => $3), $3 FROM orders o WHERE o.id = $1`,
    [orderId, caregiverId, actualMinutes],
  );
}

/** Moves an order to another slot (a reschedule, or a move to another facility's slot). */
export async function moveOrder(db: DataSource, orderId: string, slotId: string): Promise<void> {
  await db.query(
    `UPDATE orders o SET slot_id = c.id, facility_id = c.facility_id, service_code = c.service_code, slot_start = c.starts_at, slot_end = c.ends_at,
            updated_at = now()
       FROM capacity_slots c WHERE o.id = $1 AND c.id = $2`,
    [orderId, slotId],
  );
}

export async function cancelOrder(db: DataSource, orderId: string): Promise<void> {
  await db.query(`UPDATE orders SET status = 'cancelled', holds_capacity = false, updated_at = now() WHERE id = $1`, [orderId]);
  await db.query(`INSERT INTO order_history (order_id, from_status, to_status) VALUES ($1, 'confirmed', 'cancelled')`, [orderId]);
}
