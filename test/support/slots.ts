import type { DataSource } from 'typeorm';
import { addDays, dayStart, shanghaiDate, toShanghaiIso } from '../../src/common/shanghai-time.js';

/** A slot start `days` ahead at `hh:mm` Shanghai time, as the API writes it. */
export function slotAt(days: number, clock = '09:00'): string {
  const date = addDays(shanghaiDate(Date.now()), days);
  const [h, m] = clock.split(':').map(Number);
  return toShanghaiIso(dayStart(date) + (h * 60 + m) * 60_000);
}

/** Inserts a capacity slot directly, standing in for what the capacity job derives from rosters. */
export async function insertSlot(db: DataSource, facilityId: string, serviceCode: string, start: string, capacity: number): Promise<string> {
  const [{ id }] = (await db.query(
    `INSERT INTO capacity_slots (facility_id, service_code, starts_at, ends_at, capacity)
     SELECT $1, $2, $3::timestamptz, $3::timestamptz + make_interval(mins => s.duration_minutes), $4 FROM services s WHERE s.code = $2
     RETURNING id`,
    [facilityId, serviceCode, start, capacity],
  )) as { id: string }[];
  return id;
}

export async function slotCounts(db: DataSource, slotId: string): Promise<{ capacity: number; booked: number }> {
  const [row] = (await db.query('SELECT capacity, booked FROM capacity_slots WHERE id = $1', [slotId])) as { capacity: number; booked: number }[];
  return row;
}
