/**
 * The access policy on a real PostgreSQL, without HTTP: who may see and do what to which object,
 * from the facts it reads about the objects. A refusal is 404 (NOT_FOUND) for an object the actor
 * may not see, and 403 (FORBIDDEN) where they see it but the action is not theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccessPolicy } from '../../src/common/access/access.policy.js';
import type { Permission } from '../../src/common/access/access-rules.js';
import type { Actor, Role } from '../../src/common/auth/roles.js';
import { aCaregiver, aFacility, aFamilyLink, anAccount, anOrder, aResident, aSlot, slotAt, type AccountOverrides } from '../fixtures/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let policy: AccessPolicy;
/** Two centres; at `home` two residents, at `elsewhere` one; an order and a caregiver at each. */
const ids = { home: '', elsewhere: '', mother: '', neighbour: '', stranger: '', motherOrder: '', strangerOrder: '', homeCaregiver: '', otherCaregiver: '' };

async function actor(role: Role, links: AccountOverrides = {}): Promise<Actor> {
  const { id } = await anAccount(t.db, role, links);
  return { userId: id, role, displayName: role, facilityId: links.facilityId ?? null, residentId: links.residentId ?? null, caregiverId: links.caregiverId ?? null };
}

beforeAll(async () => {
  t = await startTestApp();
  policy = t.app.get(AccessPolicy);
  ids.home = await aFacility(t.db);
  ids.elsewhere = await aFacility(t.db);
  ids.mother = await aResident(t.db, ids.home);
  ids.neighbour = await aResident(t.db, ids.home);
  ids.stranger = await aResident(t.db, ids.elsewhere);
  ids.homeCaregiver = await aCaregiver(t.db, ids.home);
  ids.otherCaregiver = await aCaregiver(t.db, ids.elsewhere);
  const admin = (await t.db.query<{ id: string }[]>(`SELECT id FROM users WHERE username = 'admin'`))[0].id;
  const orderOf = async (residentId: string, facilityId: string) =>
    anOrder(t.db, { residentId, slotId: await aSlot(t.db, facilityId, 'cleaning.home', slotAt(3, '09:00'), 2), status: 'confirmed', createdBy: admin });
  ids.motherOrder = await orderOf(ids.mother, ids.home);
  ids.strangerOrder = await orderOf(ids.stranger, ids.elsewhere);
});
afterAll(async () => t?.close());

/** What the policy answers for one object: 'ok', or the refusal's code. */
async function answer(who: Actor, permission: Permission, id: string): Promise<string> {
  try {
    await policy.require(who, permission, id);
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

describe('centre staff', () => {
  let staff: Actor;
  beforeAll(async () => {
    staff = await actor('centre_staff', { facilityId: ids.home });
  });

  it('see and manage the residents of their own facility only', async () => {
    const seen = await policy.allowedIds(staff, 'resident.read', [ids.mother, ids.neighbour, ids.stranger]);
    expect([...seen].sort()).toEqual([ids.mother, ids.neighbour].sort());
    expect(await answer(staff, 'resident.manage', ids.mother)).toBe('ok');
    expect(await answer(staff, 'resident.read', ids.stranger)).toBe('NOT_FOUND');
    expect(await answer(staff, 'resident.manage', ids.stranger)).toBe('NOT_FOUND');
  });

  it('work the orders, caregivers and rooms of their own facility, and find nothing of another', async () => {
    expect(await answer(staff, 'order.staff', ids.motherOrder)).toBe('ok');
    expect(await answer(staff, 'order.read', ids.strangerOrder)).toBe('NOT_FOUND');
    expect(await answer(staff, 'caregiver.manage', ids.homeCaregiver)).toBe('ok');
    expect(await answer(staff, 'caregiver.read', ids.otherCaregiver)).toBe('NOT_FOUND');
    expect(await answer(staff, 'facility.staff', ids.home)).toBe('ok');
    expect(await answer(staff, 'facility.staff', ids.elsewhere)).toBe('NOT_FOUND');
    expect(await answer(staff, 'facility.read', ids.elsewhere)).toBe('NOT_FOUND');
  });
});

describe('family', () => {
  let family: Actor;
  beforeAll(async () => {
    family = await actor('family');
    await aFamilyLink(t.db, family.userId, ids.mother, true);
    await aFamilyLink(t.db, family.userId, ids.neighbour, false);
  });

  it('see only the seniors they are linked to, and their orders', async () => {
    const seen = await policy.allowedIds(family, 'resident.read', [ids.mother, ids.neighbour, ids.stranger]);
    expect([...seen].sort()).toEqual([ids.mother, ids.neighbour].sort());
    expect(await answer(family, 'order.read', ids.motherOrder)).toBe('ok');
    expect(await answer(family, 'order.read', ids.strangerOrder)).toBe('NOT_FOUND');
    expect(await answer(family, 'resident.read', ids.stranger)).toBe('NOT_FOUND');
  });

  it('book only where the link allows: a link without booking is seen but refused (403)', async () => {
    expect(await answer(family, 'resident.book', ids.mother)).toBe('ok');
    expect(await answer(family, 'order.change', ids.motherOrder)).toBe('ok');
    expect(await answer(family, 'resident.book', ids.neighbour)).toBe('FORBIDDEN');
    expect(await answer(family, 'resident.book', ids.stranger)).toBe('NOT_FOUND');
    expect(await answer(family, 'resident.manage', ids.mother)).toBe('NOT_FOUND');
  });
});

describe('bureau staff', () => {
  let bureau: Actor;
  beforeAll(async () => {
    bureau = await actor('bureau_staff');
  });

  it('read residents, orders, caregivers and facilities across the whole city', async () => {
    const seen = await policy.allowedIds(bureau, 'resident.read', [ids.mother, ids.neighbour, ids.stranger]);
    expect(seen.size).toBe(3);
    for (const [permission, id] of [
      ['order.read', ids.motherOrder],
      ['order.read', ids.strangerOrder],
      ['caregiver.read', ids.homeCaregiver],
      ['caregiver.read', ids.otherCaregiver],
      ['facility.read', ids.home],
      ['facility.read', ids.elsewhere],
    ] as const) {
      expect([permission, await answer(bureau, permission, id)]).toEqual([permission, 'ok']);
    }
  });

  it('change nothing a centre runs: no booking, no order change, no resident, caregiver or facility work', async () => {
    expect(await answer(bureau, 'resident.book', ids.mother)).toBe('FORBIDDEN');
    expect(await answer(bureau, 'order.change', ids.motherOrder)).toBe('FORBIDDEN');
    expect(await answer(bureau, 'order.staff', ids.motherOrder)).toBe('NOT_FOUND');
    expect(await answer(bureau, 'resident.manage', ids.stranger)).toBe('NOT_FOUND');
    expect(await answer(bureau, 'caregiver.manage', ids.homeCaregiver)).toBe('NOT_FOUND');
    expect(await answer(bureau, 'facility.staff', ids.elsewhere)).toBe('NOT_FOUND');
  });
});

describe('a senior', () => {
  let senior: Actor;
  beforeAll(async () => {
    senior = await actor('senior', { residentId: ids.mother });
  });

  it('sees and books for themself only', async () => {
    expect(await answer(senior, 'resident.read', ids.mother)).toBe('ok');
    expect(await answer(senior, 'resident.book', ids.mother)).toBe('ok');
    expect(await answer(senior, 'order.change', ids.motherOrder)).toBe('ok');
    const seen = await policy.allowedIds(senior, 'resident.read', [ids.mother, ids.neighbour, ids.stranger]);
    expect([...seen]).toEqual([ids.mother]);
    expect(await answer(senior, 'resident.read', ids.neighbour)).toBe('NOT_FOUND');
    expect(await answer(senior, 'order.read', ids.strangerOrder)).toBe('NOT_FOUND');
    expect(await answer(senior, 'caregiver.read', ids.homeCaregiver)).toBe('NOT_FOUND');
    expect(await answer(senior, 'resident.manage', ids.mother)).toBe('NOT_FOUND');
  });
});
