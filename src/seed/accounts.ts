import { DEMO_CAREGIVER, type CaregiverPlan } from './caregivers.js';
import type { FacilityPlan } from './facilities.js';
import { DEMO_FAMILY_USERNAME, DEMO_SENIOR_ID, type FamilyMemberPlan } from './population.js';
import { stableUuid } from './random.js';

export type Role = 'senior' | 'family' | 'caregiver' | 'centre_staff' | 'bureau_staff';

export interface UserPlan {
  id: string;
  username: string;
  phone: string | null;
  role: Role;
  displayName: string;
  facilityCode: string | null;
  residentId: string | null;
  caregiverId: string | null;
}

export const DEMO_PASSWORD = 'demo1234';

export interface DemoLogin {
  username: string;
  role: Role;
  what: string;
}

/** One login per role, all with DEMO_PASSWORD; the README lists them. */
export const DEMO_LOGINS: DemoLogin[] = [
  { username: 'bureau', role: 'bureau_staff', what: '郴州市民政局: city-wide reports' },
  { username: 'staff.beihu', role: 'centre_staff', what: '人民路街道综合养老服务中心 (BH-SC-01)' },
  { username: DEMO_CAREGIVER.username, role: 'caregiver', what: `${DEMO_CAREGIVER.name}, level 3, meal + cleaning + medical, at BH-SC-01` },
  { username: 'senior.demo', role: 'senior', what: '王秀英, home facility BH-SC-01' },
  { username: DEMO_FAMILY_USERNAME, role: 'family', what: '李娟, daughter of 王秀英 and 李国华' },
];

function user(username: string, role: Role, displayName: string, links: Partial<UserPlan> = {}): UserPlan {
  return {
    id: stableUuid(`user:${username}`),
    username,
    phone: null,
    role,
    displayName,
    facilityCode: null,
    residentId: null,
    caregiverId: null,
    ...links,
  };
}

/**
 * The demo logins, a centre_staff login for every other facility (`staff.<code>`) and a login for
 * every caregiver (their plan's username). Family accounts come with their households.
 */
export function planStaffAccounts(
  facilities: readonly FacilityPlan[],
  caregivers: readonly CaregiverPlan[],
  demoFacilityCode: string,
): UserPlan[] {
  const users: UserPlan[] = [
    user('bureau', 'bureau_staff', '郴州市民政局(演示)'),
    user('staff.beihu', 'centre_staff', '人民路街道中心工作人员', { facilityCode: demoFacilityCode }),
    user('senior.demo', 'senior', '王秀英', { residentId: DEMO_SENIOR_ID }),
  ];
  for (const f of facilities) {
    if (f.code !== demoFacilityCode)
      users.push(user(`staff.${f.code.toLowerCase()}`, 'centre_staff', `${f.name}工作人员`.slice(0, 50), { facilityCode: f.code }));
  }
  for (const c of caregivers) {
    users.push(user(c.username, 'caregiver', c.name, { facilityCode: c.facilityCode, caregiverId: c.id }));
  }
  return users;
}

export function familyAccounts(members: readonly FamilyMemberPlan[]): UserPlan[] {
  return members.map((m) => ({ ...user(m.username, 'family', m.displayName), id: m.id, phone: m.phone }));
}
