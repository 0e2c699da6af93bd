/**
 * Residential test data: rural homes with beds, put straight into a spec's database, and the
 * HTTP calls the residential specs repeat. Override only what a spec is about.
 */
import type { DataSource } from 'typeorm';
import { insertFacility, insertResident } from './accounts.js';
import type { TestApp } from './test-app.js';

export const API = '/api/v1';

export function aRuralHome(db: DataSource): Promise<string> {
  return insertFacility(db, { type: 'rural_home', services: [] });
}

export function aDayCareSite(db: DataSource, weekdays = [1, 2, 3, 4, 5, 6, 7]): Promise<string> {
  return insertFacility(db, { type: 'day_care', services: ['meal.dine_in'], openingHours: { weekdays, open: '08:00', close: '17:00' } });
}

let bedSeq = 0;
export async function aBed(db: DataSource, facilityId: string, careType = 'full_care', room = '101'): Promise<string> {
  bedSeq += 1;
  const [{ id }] = (await db.query(`INSERT INTO beds (facility_id, code, room, care_type) VALUES ($1, $2, $3, $4) RETURNING id`, [
    facilityId,
    `${room}-${bedSeq}`,
    room,
    careType,
  ])) as { id: string }[];
  return id;
}

export function aSenior(db: DataSource, homeFacilityId: string, more: { careLevel?: number; subsidyCategory?: string } = {}): Promise<string> {
  return insertResident(db, homeFacilityId, more);
}

export function admit(t: TestApp, token: string, body: { residentId: string; facilityId: string; careType?: string; bedId?: string; from: string; careLevel?: number }) {
  return t
    .http()
    .post(`${API}/admissions`)
    .set('Authorization', token)
    .send({ careType: 'full_care', ...body });
}
