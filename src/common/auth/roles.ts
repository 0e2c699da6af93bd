export const ROLES = ['senior', 'family', 'caregiver', 'centre_staff', 'bureau_staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: read from the verified token and the account row, passed to every use case. */
export interface Actor {
  userId: string;
  role: Role;
  displayName: string;
  facilityId: string | null;
  residentId: string | null;
  caregiverId: string | null;
}

/** Roles that may read people and rosters across the whole city. */
export function seesWholeCity(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'bureau_staff';
}

/** Which account roles a role may create: admin any; centre staff the people of its facility. */
export function canCreateAccount(creator: Role, role: Role): boolean {
  if (creator === 'admin') return true;
  if (creator === 'centre_staff') return role === 'senior' || role === 'family' || role === 'caregiver';
  return false;
}
