import { describe, expect, it } from '@jest/globals';
import { ROLES, type Actor, type Role } from '../auth/roles.js';
import {
  PERMISSIONS,
  allowed,
  facilityScope,
  limitedToFacility,
  searchesByFullIdNumber,
  type Facts,
  type Permission,
} from './access-rules.js';

/**
 * Role × relationship × action: who may do what to an object, for every permission of the table.
 * Beside test/e2e/route-permissions.e2e-spec.ts (the route check alone), this is the object check.
 * The actors are fixed: centre staff of facility F, the senior R, a family member, caregiver C,
 * bureau staff and admin. The relationship is what the object is to them.
 */
const F = 'f0000000-0000-4000-8000-000000000001';
const G = 'f0000000-0000-4000-8000-000000000002';
const R = 'a0000000-0000-4000-8000-000000000001';
const C = 'c0000000-0000-4000-8000-000000000001';

const ACTORS: Record<Role, Actor> = {
  senior: { userId: 'u1', role: 'senior', displayName: 's', facilityId: null, residentId: R, caregiverId: null },
  family: { userId: 'u2', role: 'family', displayName: 'f', facilityId: null, residentId: null, caregiverId: null },
  caregiver: { userId: 'u3', role: 'caregiver', displayName: 'c', facilityId: null, residentId: null, caregiverId: C },
  centre_staff: { userId: 'u4', role: 'centre_staff', displayName: 'cs', facilityId: F, residentId: null, caregiverId: null },
  bureau_staff: { userId: 'u5', role: 'bureau_staff', displayName: 'b', facilityId: null, residentId: null, caregiverId: null },
  admin: { userId: 'u6', role: 'admin', displayName: 'a', facilityId: null, residentId: null, caregiverId: null },
};

const OWN: Facts = {
  facilityId: F,
  homeFacilityId: F,
  residentId: R,
  link: { canBook: true },
  caregiverId: C,
  accountRole: 'family',
  inFacility: true,
  whollyInside: true,
  admittedHere: true,
};
const RELATIONSHIPS: Record<string, Facts> = {
  /** The senior themself, linked family that may book, the staff's own facility, the caregiver themself, an account wholly inside. */
  own: OWN,
  /** Another senior, no link, another facility, another caregiver, an account elsewhere. */
  other: {
    facilityId: G,
    homeFacilityId: G,
    residentId: 'a0000000-0000-4000-8000-000000000002',
    link: null,
    caregiverId: 'c2',
    accountRole: 'family',
    inFacility: false,
    whollyInside: false,
    admittedHere: false,
  },
  /** Family linked without the right to book. */
  'linked, no booking': { ...OWN, link: { canBook: false } },
  /** A resident of the staff's facility, booked at another facility. */
  'order at another facility': { ...OWN, facilityId: G },
  /** An account among the facility's people but linked to someone elsewhere too (issue 14, attack 1). */
  'account reaching outside': { ...OWN, whollyInside: false },
  /** A staff account of the facility: not the centre staff's to manage. */
  'staff account': { ...OWN, accountRole: 'centre_staff' },
  /** A resident of another facility who applied to or lived in the staff's facility (an admission there). */
  'admitted here, home elsewhere': {
    facilityId: G,
    homeFacilityId: G,
    residentId: 'a0000000-0000-4000-8000-000000000003',
    link: null,
    admittedHere: true,
  },
};

const ALL: Role[] = [...ROLES];
const READERS: Role[] = ['senior', 'family', 'centre_staff', 'bureau_staff', 'admin'];
const BOOKERS: Role[] = ['senior', 'family', 'centre_staff', 'admin'];
const STAFF: Role[] = ['centre_staff', 'admin'];
const CITY: Role[] = ['bureau_staff', 'admin'];

const TABLE: Record<string, Partial<Record<Permission, Role[]>>> = {
  own: {
    'resident.read': READERS,
    'resident.manage': STAFF,
    'resident.record': STAFF,
    'resident.book': BOOKERS,
    'resident.subsidy': CITY,
    'order.read': READERS,
    'order.change': BOOKERS,
    'order.staff': STAFF,
    'series.read': READERS,
    'series.change': BOOKERS,
    'caregiver.read': ['caregiver', 'centre_staff', 'bureau_staff', 'admin'],
    'caregiver.manage': STAFF,
    'facility.staff': STAFF,
    'facility.read': ['centre_staff', 'bureau_staff', 'admin'],
    'facility.book': ALL,
    'account.see': STAFF,
    'account.manage': STAFF,
    'bed.manage': STAFF,
    'admission.manage': STAFF,
    'enrolment.manage': STAFF,
    'residence.read': READERS,
  },
  other: {
    'resident.read': CITY,
    'resident.manage': ['admin'],
    'resident.record': ['admin'],
    'resident.book': ['admin'],
    'resident.subsidy': CITY,
    'order.read': CITY,
    'order.change': ['admin'],
    'order.staff': ['admin'],
    'series.read': CITY,
    'series.change': ['admin'],
    'caregiver.read': CITY,
    'caregiver.manage': ['admin'],
    'facility.staff': ['admin'],
    'facility.read': CITY,
    'facility.book': ['senior', 'family', 'caregiver', 'bureau_staff', 'admin'],
    'account.see': ['admin'],
    'account.manage': ['admin'],
    'bed.manage': ['admin'],
    'admission.manage': ['admin'],
    'enrolment.manage': ['admin'],
    'residence.read': CITY,
  },
  'linked, no booking': {
    'resident.read': READERS,
    'resident.book': ['senior', 'centre_staff', 'admin'],
    'order.change': ['senior', 'centre_staff', 'admin'],
    'series.change': ['senior', 'centre_staff', 'admin'],
    'residence.read': READERS,
  },
  'order at another facility': {
    'resident.read': READERS,
    'order.read': ['senior', 'family', 'bureau_staff', 'admin'],
    'order.change': ['senior', 'family', 'admin'],
    'order.staff': ['admin'],
    'series.read': ['senior', 'family', 'bureau_staff', 'admin'],
  },
  'account reaching outside': { 'account.see': STAFF, 'account.manage': ['admin'] },
  'staff account': { 'account.see': STAFF, 'account.manage': ['admin'] },
  'admitted here, home elsewhere': {
    'resident.read': CITY,
    'resident.manage': ['admin'],
    'residence.read': ['centre_staff', 'bureau_staff', 'admin'],
  },
};

describe('access rules: role × relationship × action', () => {
  const cases = Object.entries(TABLE).flatMap(([relationship, row]) =>
    Object.entries(row).map(([permission, roles]) => [relationship, permission as Permission, roles] as const),
  );

  it.each(cases)('%s: %s is open to %j', (relationship, permission, roles) => {
    const facts = RELATIONSHIPS[relationship];
    expect(ALL.filter((role) => allowed(ACTORS[role], permission, facts))).toEqual(roles);
  });

  it('covers every permission for the own and the other relationship', () => {
    expect(Object.keys(TABLE.own).sort()).toEqual([...PERMISSIONS].sort());
    expect(Object.keys(TABLE.other).sort()).toEqual([...PERMISSIONS].sort());
  });

  it('limits centre staff lists to their facility whatever they ask; others get what they ask', () => {
    expect(facilityScope(ACTORS.centre_staff, G)).toBe(F);
    expect(facilityScope(ACTORS.bureau_staff, G)).toBe(G);
    expect(facilityScope(ACTORS.admin)).toBeUndefined();
    expect(ALL.filter((role) => limitedToFacility(ACTORS[role]))).toEqual(['centre_staff']);
  });

  it('lets admin and centre staff (within their scope) find a resident by the full ID number', () => {
    expect(ALL.filter((role) => searchesByFullIdNumber(ACTORS[role]))).toEqual(['centre_staff', 'admin']);
  });
});
