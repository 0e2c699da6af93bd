import { ROLES, canCreateAccount, seesWholeCity, type Actor, type Role } from './roles.js';

const actor = (role: Role): Actor => ({ userId: 'u', role, displayName: 'x', facilityId: null, residentId: null, caregiverId: null });

describe('roles', () => {
  it('lets only admin and bureau staff see the whole city', () => {
    expect(ROLES.filter((r) => seesWholeCity(actor(r)))).toEqual(['bureau_staff', 'admin']);
  });

  it('lets admin create any account and centre staff only seniors, families and caregivers', () => {
    expect(ROLES.filter((r) => canCreateAccount('admin', r))).toEqual([...ROLES]);
    expect(ROLES.filter((r) => canCreateAccount('centre_staff', r))).toEqual(['senior', 'family', 'caregiver']);
    for (const creator of ['senior', 'family', 'caregiver', 'bureau_staff'] as const) {
      expect(ROLES.filter((r) => canCreateAccount(creator, r))).toEqual([]);
    }
  });
});
