import type { EntityManager } from 'typeorm';

/** A facility's capacity as the registry shows it: counted from its beds and day places, never typed. */
export interface FacilityCapacity {
  beds: number;
  occupiedBeds: number;
  /** The most day places of any weekday. */
  dayPlaces: number;
}

export const NO_CAPACITY: FacilityCapacity = { beds: 0, occupiedBeds: 0, dayPlaces: 0 };

export async function capacityOf(m: EntityManager, facilityIds: string[]): Promise<Map<string, FacilityCapacity>> {
  const map = new Map<string, FacilityCapacity>();
  if (facilityIds.length === 0) return map;
  const rows = await m.query<{ id: string; beds: number; occupied: number; day_places: number }[]>(
    `SELECT f.id,
            (SELECT count(*)::int FROM beds b WHERE b.facility_id = f.id) AS beds,
            (SELECT count(DISTINCT o.bed_id)::int FROM bed_occupancies o WHERE o.facility_id = f.id AND o.during @> now()) AS occupied,
            (SELECT coalesce(max(d.places), 0)::int FROM day_places d WHERE d.facility_id = f.id) AS day_places
       FROM facilities f WHERE f.id = ANY($1::uuid[])`,
    [facilityIds],
  );
  for (const r of rows) map.set(r.id, { beds: r.beds, occupiedBeds: r.occupied, dayPlaces: r.day_places });
  return map;
}
