import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { AccessPolicy } from '../../src/common/access/access.policy.js';
import type { Actor } from '../../src/common/auth/roles.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aBed, aCaregiver, aFacility, aFamilyLink, anAccount, aResident } from '../fixtures/index.js';

/** The access policy on real PostgreSQL: many ids answered with one read per resource. */
describe('access policy', () => {
  let t: TestApp;
  let policy: AccessPolicy;
  let own: string[];
  let others: string[];
  let staff: Actor;
  let family: Actor;
  const admin: Actor = {
    userId: '00000000-0000-4000-8000-0000000000ab',
    role: 'admin',
    displayName: 'a',
    facilityId: null,
    residentId: null,
    caregiverId: null,
  };
  let facility: string;

  beforeAll(async () => {
    t = await startTestApp();
    policy = t.app.get(AccessPolicy);
    facility = await aFacility(t.db);
    const elsewhere = await aFacility(t.db);
    own = [];
    others = [];
    for (let i = 0; i < 20; i++) own.push(await aResident(t.db, facility));
    for (let i = 0; i < 20; i++) others.push(await aResident(t.db, elsewhere));
    staff = {
      userId: '00000000-0000-4000-8000-0000000000aa',
      role: 'centre_staff',
      displayName: 's',
      facilityId: facility,
      residentId: null,
      caregiverId: null,
    };
    const account = await anAccount(t.db, 'family');
    await aFamilyLink(t.db, account.id, own[0], true);
    await aFamilyLink(t.db, account.id, others[0], false);
    family = { userId: account.id, role: 'family', displayName: 'f', facilityId: null, residentId: null, caregiverId: null };
  });
  afterAll(async () => t?.close());

  /** The app's manager, counting the statements sent through it. */
  function counting(): { manager: EntityManager; statements: () => number } {
    let n = 0;
    const manager = { query: (sql: string, params?: unknown[]) => ((n += 1), t.db.manager.query(sql, params)) } as unknown as EntityManager;
    return { manager, statements: () => n };
  }

  it('answers forty residents with one statement', async () => {
    const { manager, statements } = counting();
    const seen = await policy.allowedIds(staff, 'resident.read', [...own, ...others], manager);
    expect([...seen].sort()).toEqual([...own].sort());
    expect(statements()).toBe(1);
  });

  it('refuses the whole request when one id is not allowed: 404 for what the actor cannot see, 403 for what they see but may not do', async () => {
    await expect(policy.require(staff, 'resident.manage', own)).resolves.toBeUndefined();
    await expect(policy.require(staff, 'resident.manage', [...own, others[3]])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(policy.require(family, 'resident.book', own[0])).resolves.toBeUndefined();
    await expect(policy.require(family, 'resident.book', others[0])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(policy.require(family, 'resident.read', own[1])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(policy.require(staff, 'resident.read', 'not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads caregivers and accounts in bulk too', async () => {
    const caregivers = [await aCaregiver(t.db, facility), await aCaregiver(t.db, facility)];
    const { manager, statements } = counting();
    expect((await policy.allowedIds(staff, 'caregiver.manage', caregivers, manager)).size).toBe(2);
    const inside = await anAccount(t.db, 'senior', { residentId: own[5] });
    const outside = await anAccount(t.db, 'family');
    await aFamilyLink(t.db, outside.id, own[6]);
    await aFamilyLink(t.db, outside.id, others[6]);
    expect([...(await policy.allowedIds(staff, 'account.manage', [inside.id, outside.id], manager))]).toEqual([inside.id]);
    expect([...(await policy.allowedIds(staff, 'account.see', [inside.id, outside.id], manager))].sort()).toEqual(
      [inside.id, outside.id].sort(),
    );
    expect(statements()).toBe(3);
  });

  it('answers the residential resources in bulk: beds, facilities that exist, residences admitted here', async () => {
    const elsewhere = await aFacility(t.db);
    const beds = [await aBed(t.db, facility), await aBed(t.db, facility), await aBed(t.db, elsewhere)];
    const { manager, statements } = counting();
    expect([...(await policy.allowedIds(staff, 'bed.manage', beds, manager))].sort()).toEqual(beds.slice(0, 2).sort());
    await expect(policy.require(staff, 'facility.staff', facility, manager)).resolves.toBeUndefined();
    await expect(policy.require(admin, 'facility.read', '00000000-0000-4000-8000-000000000000', manager)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(statements()).toBe(3);
    const applicant = others[7];
    await expect(policy.require(staff, 'residence.read', applicant)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await t.db.query(
      `INSERT INTO admissions (resident_id, facility_id, care_type, care_level, status, applied_at, created_by) VALUES ($1, $2, 'full_care', 2, 'waiting', now(), $3)`,
      [applicant, facility, family.userId],
    );
    await expect(policy.require(staff, 'residence.read', [applicant, own[8]])).resolves.toBeUndefined();
    await expect(policy.require(staff, 'resident.read', applicant)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
