import type { Actor } from '../auth/roles.js';

/**
 * Every object rule of the service, in one table (issue 14): which actor may do what to which
 * object, decided from the facts the access repository reads about that object in bulk. Services
 * ask `AccessPolicy.require(actor, permission, ids)`; none compares facilities itself.
 */
export const PERMISSIONS = [
  'resident.read',
  'resident.manage',
  'resident.record',
  'resident.book',
  'resident.subsidy',
  'order.read',
  'order.change',
  'order.staff',
  'series.read',
  'series.change',
  'caregiver.read',
  'caregiver.manage',
  'facility.staff',
  'facility.read',
  'facility.book',
  'account.see',
  'account.manage',
  'bed.manage',
  'admission.manage',
  'enrolment.manage',
  'residence.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
/**
 * `residence` is a resident's residential records (admissions, statements): its ids are resident
 * ids, with the facts of where the resident applied or lived besides their home.
 */
export type Resource =
  'resident' | 'order' | 'series' | 'caregiver' | 'facility' | 'account' | 'bed' | 'admission' | 'enrolment' | 'residence';

export function resourceOf(permission: Permission): Resource {
  return permission.slice(0, permission.indexOf('.')) as Resource;
}

/** What is known of one object, as seen by one actor. */
export interface Facts {
  /** The facility the object belongs to: an order's or series' facility, a resident's home, a caregiver's centre, the facility itself. */
  facilityId: string | null;
  /** The resident the object is about (residents, orders, series). */
  residentId?: string | null;
  /** That resident's home facility. */
  homeFacilityId?: string | null;
  /** The actor's family link to that resident: null when there is none. */
  link?: { canBook: boolean } | null;
  /** Caregivers: the caregiver's id. */
  caregiverId?: string | null;
  /** Accounts: the account's role, whether it is among the actor's facility's people, and wholly inside it. */
  accountRole?: string;
  inFacility?: boolean;
  whollyInside?: boolean;
  /** Residences: whether the resident applied to or lived in the actor's facility (an admission there, in any status). */
  admittedHere?: boolean;
}

type Rule = (actor: Actor, facts: Facts) => boolean;

const wholeCity = (a: Actor) => a.role === 'admin' || a.role === 'bureau_staff';
const ownFacility = (a: Actor, facilityId: string | null | undefined) =>
  a.role === 'centre_staff' && !!facilityId && a.facilityId === facilityId;

/** Who sees a resident: the whole city's readers, the senior themself, a linked family member, their home facility's staff. */
const seesResident: Rule = (a, f) => {
  switch (a.role) {
    case 'admin':
    case 'bureau_staff':
      return true;
    case 'senior':
      return !!f.residentId && a.residentId === f.residentId;
    case 'family':
      return !!f.link;
    case 'centre_staff':
      return ownFacility(a, f.homeFacilityId);
    case 'caregiver':
      return false;
  }
};

/** Who may book for (or change the bookings of) a resident they see: not the bureau or caregivers; family only where the link allows. */
const books: Rule = (a, f) =>
  seesResident(a, f) && (a.role === 'family' ? f.link?.canBook === true : a.role !== 'bureau_staff' && a.role !== 'caregiver');

/** Staff work: admin anywhere, centre staff at their own facility. */
const staffOf =
  (facilityOf: (f: Facts) => string | null | undefined): Rule =>
  (a, f) =>
    a.role === 'admin' || ownFacility(a, facilityOf(f));

/** An order or series: the resident's viewers, and of centre staff only those of the order's facility (and the resident's home). */
const seesOrder: Rule = (a, f) => seesResident(a, f) && (a.role !== 'centre_staff' || ownFacility(a, f.facilityId));

export const RULES: Record<Permission, Rule> = {
  'resident.read': seesResident,
  'resident.manage': staffOf((f) => f.homeFacilityId),
  // The birth date beside the record: the people who registered it (see resident.mapper.ts).
  'resident.record': staffOf((f) => f.homeFacilityId),
  'resident.book': books,
  // The subsidy category decides who pays: the civil affairs bureau sets it (and admin), never a centre alone.
  'resident.subsidy': (a) => wholeCity(a),
  'order.read': seesOrder,
  'order.change': (a, f) => seesOrder(a, f) && books(a, f),
  'order.staff': staffOf((f) => f.facilityId),
  'series.read': seesOrder,
  'series.change': (a, f) => seesOrder(a, f) && books(a, f),
  'caregiver.read': (a, f) =>
    wholeCity(a) || ownFacility(a, f.facilityId) || (a.role === 'caregiver' && !!f.caregiverId && a.caregiverId === f.caregiverId),
  'caregiver.manage': staffOf((f) => f.facilityId),
  'facility.staff': staffOf((f) => f.facilityId),
  'facility.read': (a, f) => wholeCity(a) || ownFacility(a, f.facilityId),
  // Where a booking may be made: anywhere, but centre staff book at their own facility only.
  'facility.book': (a, f) => a.role !== 'centre_staff' || ownFacility(a, f.facilityId),
  'account.see': (a, f) => a.role === 'admin' || (a.role === 'centre_staff' && f.inFacility === true),
  // A centre's staff manage the senior, family and caregiver accounts wholly inside it; an account
  // linked to people elsewhere too is admin's (issue 14: no takeover by linking).
  'account.manage': (a, f) =>
    a.role === 'admin' ||
    (a.role === 'centre_staff' &&
      f.inFacility === true &&
      f.whollyInside === true &&
      ['senior', 'family', 'caregiver'].includes(f.accountRole ?? '')),
  // Residential care (beds, admissions, day-care enrolments): the facility's own staff, and admin.
  // Reads of a facility's bed board, waiting list and attendance are 'facility.read'; writes at a
  // facility (new beds, admissions, day places, attendance) are 'facility.staff'.
  'bed.manage': staffOf((f) => f.facilityId),
  'admission.manage': staffOf((f) => f.facilityId),
  'enrolment.manage': staffOf((f) => f.facilityId),
  // A resident's admissions and statements: whoever sees the resident, and also the staff of a
  // facility the resident applied to or lived in (their home may be elsewhere).
  'residence.read': (a, f) => seesResident(a, f) || (a.role === 'centre_staff' && !!a.facilityId && f.admittedHere === true),
};

/**
 * When a permission is refused on an object the actor can see, the answer says why (403);
 * otherwise the object is not found for them (404), as if it did not exist.
 */
export const VISIBLE_WITH: Partial<
  Record<Permission, { permission: Permission; code: 'FORBIDDEN' | 'ACCOUNT_OUTSIDE_FACILITY'; message: string }>
> = {
  'resident.book': {
    permission: 'resident.read',
    code: 'FORBIDDEN',
    message: 'Your link to this resident does not allow booking: ask the resident or their centre',
  },
  'order.change': { permission: 'order.read', code: 'FORBIDDEN', message: 'Your link to this resident does not allow changing bookings' },
  'series.change': { permission: 'series.read', code: 'FORBIDDEN', message: 'Your link to this resident does not allow changing bookings' },
  'account.manage': {
    permission: 'account.see',
    code: 'ACCOUNT_OUTSIDE_FACILITY',
    message:
      "This account is not wholly your centre's (a staff account, or linked to people of another centre too): only an admin may change it",
  },
};

export function allowed(actor: Actor, permission: Permission, facts: Facts): boolean {
  return RULES[permission](actor, facts);
}

/**
 * Who may find a resident by the full ID number (a search term, not an object): admin, and
 * centre staff within their facility's scope. Others match only the last four characters.
 */
export function searchesByFullIdNumber(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'centre_staff';
}

/** Whether the actor's lists are limited to one facility (centre staff): they see no city-wide records. */
export function limitedToFacility(actor: Actor): boolean {
  return actor.role === 'centre_staff';
}

/** The facility a list is limited to: centre staff always their own; the others what they asked for. */
export function facilityScope(actor: Actor, requested?: string): string | undefined {
  return limitedToFacility(actor) ? (actor.facilityId ?? undefined) : requested;
}
