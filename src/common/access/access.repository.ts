import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/roles.js';
import type { Facts, Resource } from './access-rules.js';

/** Accounts a centre's staff look after: their colleagues, caregivers, seniors and families of their facility. */
export const FACILITY_USERS = `(
  u.facility_id = :facilityId
  OR u.caregiver_id IN (SELECT id FROM caregivers WHERE facility_id = :facilityId)
  OR u.resident_id IN (SELECT id FROM residents WHERE home_facility_id = :facilityId)
  OR u.id IN (SELECT f.user_id FROM family_links f JOIN residents r ON r.id = f.resident_id WHERE r.home_facility_id = :facilityId))`;

/** A list predicate: SQL with one `?` for its value. */
export interface ScopePredicate {
  sql: string;
  value: unknown;
}

/**
 * The predicates a list of orders (alias `o`) is limited by: the list form of 'order.read'. The
 * senior their own, family their linked seniors', centre staff their facility's; the city all.
 */
export function orderListScope(actor: Actor): ScopePredicate[] {
  switch (actor.role) {
    case 'senior':
      return [{ sql: 'o.resident_id = ?', value: actor.residentId }];
    case 'family':
      return [{ sql: 'o.resident_id IN (SELECT resident_id FROM family_links WHERE user_id = ?)', value: actor.userId }];
    case 'centre_staff':
      return [{ sql: 'o.facility_id = ?', value: actor.facilityId }];
    default:
      return [];
  }
}

interface Row {
  id: string;
  facility_id: string | null;
  resident_id?: string | null;
  home_facility_id?: string | null;
  can_book?: boolean | null;
  caregiver_id?: string | null;
  account_role?: string;
  in_facility?: boolean;
  wholly_inside?: boolean;
  admitted_here?: boolean;
}

/**
 * $1: the ids; $2: the actor's account (family links) or, for accounts, the actor's facility;
 * for residences $3 is the actor's facility. One statement per resource, for any number of ids.
 */
const SQL: Record<Resource, string> = {
  facility: `SELECT f.id, f.id AS facility_id FROM facilities f WHERE f.id = ANY($1::uuid[])`,
  bed: `SELECT b.id, b.facility_id FROM beds b WHERE b.id = ANY($1::uuid[])`,
  admission: `SELECT a.id, a.facility_id FROM admissions a WHERE a.id = ANY($1::uuid[])`,
  enrolment: `SELECT e.id, e.facility_id FROM enrolments e WHERE e.id = ANY($1::uuid[])`,
  residence: `SELECT r.id, r.home_facility_id AS facility_id, r.id AS resident_id, r.home_facility_id, l.can_book,
                     EXISTS (SELECT 1 FROM admissions a WHERE a.facility_id = $3 AND a.resident_id = r.id) AS admitted_here
                FROM residents r LEFT JOIN family_links l ON l.resident_id = r.id AND l.user_id = $2
               WHERE r.id = ANY($1::uuid[])`,
  resident: `SELECT r.id, r.home_facility_id AS facility_id, r.id AS resident_id, r.home_facility_id, l.can_book
               FROM residents r LEFT JOIN family_links l ON l.resident_id = r.id AND l.user_id = $2
              WHERE r.id = ANY($1::uuid[])`,
  order: `SELECT o.id, o.facility_id, o.resident_id, r.home_facility_id, l.can_book
            FROM orders o JOIN residents r ON r.id = o.resident_id
            LEFT JOIN family_links l ON l.resident_id = o.resident_id AND l.user_id = $2
           WHERE o.id = ANY($1::uuid[])`,
  series: `SELECT s.id, s.facility_id, s.resident_id, r.home_facility_id, l.can_book
             FROM order_series s JOIN residents r ON r.id = s.resident_id
             LEFT JOIN family_links l ON l.resident_id = s.resident_id AND l.user_id = $2
            WHERE s.id = ANY($1::uuid[])`,
  caregiver: `SELECT c.id, c.facility_id, c.id AS caregiver_id FROM caregivers c WHERE c.id = ANY($1::uuid[])`,
  account: `SELECT u.id, u.facility_id, u.role AS account_role,
                   (u.facility_id = $2
                    OR u.caregiver_id IN (SELECT id FROM caregivers WHERE facility_id = $2)
                    OR u.resident_id IN (SELECT id FROM residents WHERE home_facility_id = $2)
                    OR u.id IN (SELECT f.user_id FROM family_links f JOIN residents r ON r.id = f.resident_id WHERE r.home_facility_id = $2)) IS TRUE AS in_facility,
                   ((u.facility_id IS NULL OR u.facility_id = $2)
                    AND (u.resident_id IS NULL OR u.resident_id IN (SELECT id FROM residents WHERE home_facility_id = $2))
                    AND (u.caregiver_id IS NULL OR u.caregiver_id IN (SELECT id FROM caregivers WHERE facility_id = $2))
                    AND NOT EXISTS (SELECT 1 FROM family_links f JOIN residents r ON r.id = f.resident_id
                                     WHERE f.user_id = u.id AND r.home_facility_id <> $2)) IS TRUE AS wholly_inside
              FROM users u WHERE u.id = ANY($1::uuid[])`,
};

/** The facts the access rules decide on, read in bulk: one statement per resource, whatever the number of ids. */
export async function loadFacts(m: EntityManager, actor: Actor, resource: Resource, ids: string[]): Promise<Map<string, Facts>> {
  if (ids.length === 0) return new Map();
  const rows = await m.query<Row[]>(SQL[resource], paramsOf(actor, resource, ids));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        facilityId: r.facility_id,
        residentId: r.resident_id,
        homeFacilityId: r.home_facility_id,
        link: r.can_book === null || r.can_book === undefined ? null : { canBook: r.can_book },
        caregiverId: r.caregiver_id,
        accountRole: r.account_role,
        inFacility: r.in_facility,
        whollyInside: r.wholly_inside,
        admittedHere: r.admitted_here,
      },
    ]),
  );
}

function paramsOf(actor: Actor, resource: Resource, ids: string[]): unknown[] {
  switch (resource) {
    case 'resident':
    case 'order':
    case 'series':
      return [ids, actor.userId];
    case 'residence':
      return [ids, actor.userId, actor.facilityId];
    case 'account':
      return [ids, actor.facilityId];
    default:
      return [ids];
  }
}
