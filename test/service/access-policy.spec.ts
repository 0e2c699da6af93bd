/**
 * The access policy on a real PostgreSQL, without HTTP: who may see and do what to which object,
 * from the facts it reads about the objects. A refusal is 404 (NOT_FOUND) for an object the actor
 * may not see, and 403 (FORBIDDEN) where they see it but the action is not theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccessPolicy } from '../../src/common/access/access.policy.js';
import type { Permission } from '../../src/common/access/access-rules.js';
import type { Actor, Role } from '../../src/common/auth/roles.js';
import {
  aCaregiver,
  aFacility,
  aFamilyLink,
  anAccount,
  anOrder,
  aResident,
  aSlot,
  slotAt,
  type AccountOverrides,
} from '../fixtures/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let policy: AccessPolicy;
const actors = {} as Record<Who, Actor>;
/** Two centres; at `home` two residents, at `elsewhere` one; an order and a caregiver at each. */
const ids = {
  home: '',
  elsewhere: '',
  mother: '',
  neighbour: '',
  stranger: '',
  motherOrder: '',
  strangerOrder: '',
  homeCaregiver: '',
  otherCaregiver: '',
};

type Who = 'centre staff' | 'family' | 'bureau staff' | 'senior';

async function actor(role: Role, links: AccountOverrides = {}): Promise<Actor> {
  const { id } = await anAccount(t.db, role, links);
  return {
    userId: id,
    role,
    displayName: role,
    facilityId: links.facilityId ?? null,
    residentId: links.residentId ?? null,
    caregiverId: links.caregiverId ?? null,
  };
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
    anOrder(t.db, {
      residentId,
      slotId: await aSlot(t.db, facilityId, 'cleaning.home', slotAt(3, '09:00'), 2),
      status: 'confirmed',
      createdBy: admin,
    });
  ids.motherOrder = await orderOf(ids.mother, ids.home);
  ids.strangerOrder = await orderOf(ids.stranger, ids.elsewhere);
  actors['centre staff'] = await actor('centre_staff', { facilityId: ids.home });
  actors.family = await actor('family');
  await aFamilyLink(t.db, actors.family.userId, ids.mother, true);
  await aFamilyLink(t.db, actors.family.userId, ids.neighbour, false);
  actors['bureau staff'] = await actor('bureau_staff');
  actors.senior = await actor('senior', { residentId: ids.mother });
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

/** Of the three residents, the ones the actor may read, by name: one bulk read. */
async function residentsSeenBy(who: Actor): Promise<string[]> {
  const seen = await policy.allowedIds(who, 'resident.read', [ids.mother, ids.neighbour, ids.stranger]);
  return (['mother', 'neighbour', 'stranger'] as const).filter((name) => seen.has(ids[name]));
}

type Row = [Permission, keyof typeof ids, 'ok' | 'NOT_FOUND' | 'FORBIDDEN'];
/** Asks the policy every row's question and compares all the answers at once (a failure names the rows). */
async function expectAnswers(who: Actor, rows: Row[]): Promise<void> {
  const got: Row[] = [];
  for (const [permission, object] of rows) got.push([permission, object, (await answer(who, permission, ids[object])) as Row[2]]);
  expect(got).toEqual(rows);
}

/**
 * Per actor: the residents they read (of mother and neighbour at home, stranger elsewhere; the
 * family is linked to mother with booking, to neighbour without), and answers to single objects.
 */
const CASES: [Who, string, string[], Row[]][] = [
  [
    'centre staff',
    'see and work the residents, orders, caregivers and rooms of their own facility only',
    ['mother', 'neighbour'],
    [
      ['resident.manage', 'mother', 'ok'],
      ['resident.read', 'stranger', 'NOT_FOUND'],
      ['resident.manage', 'stranger', 'NOT_FOUND'],
      ['order.staff', 'motherOrder', 'ok'],
      ['order.read', 'strangerOrder', 'NOT_FOUND'],
      ['caregiver.manage', 'homeCaregiver', 'ok'],
      ['caregiver.read', 'otherCaregiver', 'NOT_FOUND'],
      ['facility.staff', 'home', 'ok'],
      ['facility.staff', 'elsewhere', 'NOT_FOUND'],
      ['facility.read', 'elsewhere', 'NOT_FOUND'],
    ],
  ],
  [
    'family',
    'see only their linked seniors and book only where the link allows (a link without booking: seen, refused 403)',
    ['mother', 'neighbour'],
    [
      ['order.read', 'motherOrder', 'ok'],
      ['order.read', 'strangerOrder', 'NOT_FOUND'],
      ['resident.read', 'stranger', 'NOT_FOUND'],
      ['resident.book', 'mother', 'ok'],
      ['order.change', 'motherOrder', 'ok'],
      ['resident.book', 'neighbour', 'FORBIDDEN'],
      ['resident.book', 'stranger', 'NOT_FOUND'],
      ['resident.manage', 'mother', 'NOT_FOUND'],
    ],
  ],
  [
    'bureau staff',
    'read across the whole city and change nothing a centre runs',
    ['mother', 'neighbour', 'stranger'],
    [
      ['order.read', 'motherOrder', 'ok'],
      ['order.read', 'strangerOrder', 'ok'],
      ['caregiver.read', 'homeCaregiver', 'ok'],
      ['caregiver.read', 'otherCaregiver', 'ok'],
      ['facility.read', 'home', 'ok'],
      ['facility.read', 'elsewhere', 'ok'],
      ['resident.book', 'mother', 'FORBIDDEN'],
      ['order.change', 'motherOrder', 'FORBIDDEN'],
      ['order.staff', 'motherOrder', 'NOT_FOUND'],
      ['resident.manage', 'stranger', 'NOT_FOUND'],
      ['caregiver.manage', 'homeCaregiver', 'NOT_FOUND'],
      ['facility.staff', 'elsewhere', 'NOT_FOUND'],
    ],
  ],
  [
    'senior',
    'sees and books for themself only',
    ['mother'],
    [
      ['resident.read', 'mother', 'ok'],
      ['resident.book', 'mother', 'ok'],
      ['order.change', 'motherOrder', 'ok'],
      ['resident.read', 'neighbour', 'NOT_FOUND'],
      ['order.read', 'strangerOrder', 'NOT_FOUND'],
      ['caregiver.read', 'homeCaregiver', 'NOT_FOUND'],
      ['resident.manage', 'mother', 'NOT_FOUND'],
    ],
  ],
];

describe.each(CASES)('%s', (who, what, residents, rows) => {
  it(what, async () => {
    expect(await residentsSeenBy(actors[who])).toEqual(residents);
    await expectAnswers(actors[who], rows);
  });
});
