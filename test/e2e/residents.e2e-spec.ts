import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkCharacter, makeIdNumber } from '../../src/people/id-number.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  adminAuth,
  aUser,
  caregiverBody,
  createCaregiver,
  createFacility,
  residentBody,
  signedIn,
  type TestUser,
} from '../fixtures/index.js';

interface Res {
  status: number;
  body: { code?: string; details?: { field: string; message: string }[]; [k: string]: unknown };
  text: string;
}

describe('People: residents, family links and caregivers', () => {
  let t: TestApp;
  let admin: string;
  let bureau: string;
  let staffA: string;
  let staffB: string;
  let facilityA: { id: string };
  let facilityB: { id: string };
  /** Every raw ID number sent in this spec: none may ever come back. */
  const rawIds = new Set<string>();

  beforeAll(async () => {
    t = await startTestApp();
    admin = await adminAuth(t);
    facilityA = await createFacility(t, { code: 'FAC-A' });
    facilityB = await createFacility(t, { code: 'FAC-B' });
    bureau = await signedIn(t, 'bureau_staff');
    staffA = await signedIn(t, 'centre_staff', { facilityId: facilityA.id });
    staffB = await signedIn(t, 'centre_staff', { facilityId: facilityB.id });
  });
  afterAll(async () => t?.close());

  const api = (method: 'get' | 'post' | 'patch' | 'delete', path: string, auth: string, body?: object): Promise<Res> => {
    const req = t.http()[method](`/api/v1${path}`).set('Authorization', auth);
    return body ? req.send(body) : req;
  };
  const postResident = (body: Record<string, unknown>, auth = admin) => {
    if (typeof body.idNumber === 'string') rawIds.add(body.idNumber.toUpperCase());
    return api('post', '/residents', auth, body);
  };
  const fieldsOf = (res: Res) => (res.body.details ?? []).map((d) => d.field);
  const expectNoRawId = (res: Res) => {
    for (const id of rawIds) expect(res.text).not.toContain(id);
    expect(res.text).not.toMatch(/\d{17}[\dX]/);
  };

  describe('registering a resident', () => {
    it('answers 201 with the ID number masked, the age and the care level', async () => {
      const body = residentBody({
        homeFacilityId: facilityA.id,
        birthDate: '1946-08-09',
        gender: 'male',
        careLevel: 3,
        dietaryNeeds: ['low_salt', 'soft'],
      });
      const res = await postResident(body, staffA);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: body.name,
        // The registering staff get the birth date, so no character of the ID number.
        idNumber: '******************',
        birthDate: '1946-08-09',
        age: expect.any(Number),
        gender: 'male',
        phone: body.phone,
        address: body.address,
        location: body.location,
        district: body.district,
        street: body.street,
        districtCode: '431002',
        streetCode: '431002001',
        careLevel: 3,
        subsidyCategory: 'none',
        dietaryNeeds: ['low_salt', 'soft'],
        homeFacilityId: facilityA.id,
      });
      expect(res.body.age).toBeGreaterThanOrEqual(79);
      expectNoRawId(res);
    });

    it('accepts a senior without a phone or a geocoded address, and a lower-case x in the ID number', async () => {
      let seq = 1;
      while (checkCharacter(`431002194501020${String(seq).padStart(2, '0')}`) !== 'X') seq += 2;
      const idNumber = makeIdNumber('431002', '1945-01-02', seq);
      const res = await postResident({
        ...residentBody({ homeFacilityId: facilityA.id, birthDate: '1945-01-02', gender: 'male' }),
        idNumber: idNumber.toLowerCase(),
        phone: null,
        location: null,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ phone: null, location: null });
      const card = await api('get', `/residents/${(res.body as { id: string }).id}`, bureau);
      expect(card.body).toMatchObject({ idNumber: expect.stringMatching(/^\*{14}\d{3}X$/), birthDate: null });
    });

    it.each([
      ['17 characters', (id: string) => id.slice(0, 17), '18 characters'],
      ['a letter inside', (id: string) => `${id.slice(0, 5)}A${id.slice(6)}`, '18 characters'],
      ['a wrong check character', (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0'), 'check character'],
      ['an impossible birth date', () => makeIdNumber('431002', '1950-02-30', 12), 'impossible birth date'],
      ['a number instead of text', () => 431002194608090100, 'text'],
    ])('answers 400 with a detail on idNumber for %s', async (_what, change, says) => {
      const body = residentBody({ homeFacilityId: facilityA.id });
      const res = await postResident({ ...body, idNumber: change(body.idNumber) });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const detail = res.body.details!.find((d) => d.field === 'idNumber');
      expect(detail?.message).toContain(says);
    });

    it('answers 422 BIRTH_DATE_MISMATCH when birthDate is not the date in the ID number', async () => {
      const body = residentBody({ homeFacilityId: facilityA.id, birthDate: '1950-03-15' });
      const res = await postResident({ ...body, birthDate: '1950-03-16' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('BIRTH_DATE_MISMATCH');
      expect(res.body.details).toEqual([{ field: 'birthDate', message: expect.stringContaining('1950-03-15') }]);
    });

    it('answers 422 GENDER_MISMATCH when gender disagrees with the ID number', async () => {
      const body = residentBody({ homeFacilityId: facilityA.id, gender: 'female' });
      const res = await postResident({ ...body, gender: 'male' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('GENDER_MISMATCH');
      expect(fieldsOf(res)).toEqual(['gender']);
    });

    it.each([
      ['a short mobile', { phone: '1390735123' }, 'phone'],
      ['a mobile not starting with 1', { phone: '23907351234' }, 'phone'],
      ['a mobile as a number', { phone: 13907351234 }, 'phone'],
      ['an unknown field', { nickname: '王奶奶' }, 'nickname'],
      ['careLevel as text', { careLevel: '2' }, 'careLevel'],
      ['careLevel 5', { careLevel: 5 }, 'careLevel'],
      ['careLevel 1.5', { careLevel: 1.5 }, 'careLevel'],
      ['a name of 51 characters', { name: '王'.repeat(51) }, 'name'],
      ['an empty name', { name: '' }, 'name'],
      ['an address of 201 characters', { address: 'x'.repeat(201) }, 'address'],
      ['a street of 51 characters', { street: 'x'.repeat(51) }, 'street'],
      ['a birth date not YYYY-MM-DD', { birthDate: '15/03/1950' }, 'birthDate'],
      ['a gender not female or male', { gender: 'unknown' }, 'gender'],
      ['an unknown subsidy category', { subsidyCategory: 'rich' }, 'subsidyCategory'],
      ['an unknown dietary need', { dietaryNeeds: ['no_meat'] }, 'dietaryNeeds'],
      ['a repeated dietary need', { dietaryNeeds: ['soft', 'soft'] }, 'dietaryNeeds'],
      ['a latitude as text', { location: { lat: 'x', lng: 113 } }, 'location.lat'],
      ['an unknown field in location', { location: { lat: 25.7, lng: 113, alt: 3 } }, 'location.alt'],
      ['location as text', { location: '25.7,113' }, 'location'],
      ['a facility id that is not a UUID', { homeFacilityId: 'FAC-A' }, 'homeFacilityId'],
    ])('answers 400 with a detail for %s', async (_what, override, field) => {
      const res = await postResident({ ...residentBody({ homeFacilityId: facilityA.id }), ...override });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res)).toContain(field);
    });

    it('answers 409 DUPLICATE_ID_NUMBER for an ID number already registered', async () => {
      const body = residentBody({ homeFacilityId: facilityA.id });
      expect((await postResident(body)).status).toBe(201);
      const again = await postResident({ ...body, name: '另一个名字' }, admin);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('DUPLICATE_ID_NUMBER');
      expectNoRawId(again);
    });

    it('lets centre staff register only at their own facility (404 for another), and is closed to other roles', async () => {
      const res = await postResident(residentBody({ homeFacilityId: facilityB.id }), staffA);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect((await postResident(residentBody({ homeFacilityId: facilityA.id }), bureau)).status).toBe(403);
    });

    it('answers 422 FACILITY_UNKNOWN for a facility that does not exist', async () => {
      const res = await postResident(residentBody({ homeFacilityId: '00000000-0000-4000-8000-000000000000' }));
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('FACILITY_UNKNOWN');
      expect(fieldsOf(res)).toEqual(['homeFacilityId']);
    });
  });

  describe('reading, changing and finding residents', () => {
    let residentA: { id: string; name: string; phone: string };
    let idA: string;
    let residentB: { id: string };

    beforeAll(async () => {
      const body = residentBody({ homeFacilityId: facilityA.id, name: '欧阳秀英', phone: '13912345678' });
      idA = body.idNumber;
      const res = await postResident(body, staffA);
      residentA = res.body as unknown as typeof residentA;
      residentB = (await postResident(residentBody({ homeFacilityId: facilityB.id }), staffB)).body as { id: string };
    });

    it('shows a resident to own-facility staff, bureau staff and admin; 404 to staff of another facility and caregivers', async () => {
      for (const auth of [staffA, bureau, admin]) {
        const res = await api('get', `/residents/${residentA.id}`, auth);
        expect(res.status).toBe(200);
        expectNoRawId(res);
      }
      expect((await api('get', `/residents/${residentA.id}`, staffB)).status).toBe(404);
      const caregiver = await createCaregiver(t, { facilityId: facilityA.id });
      expect((await api('get', `/residents/${residentA.id}`, await signedIn(t, 'caregiver', { caregiverId: caregiver.id }))).status).toBe(
        404,
      );
      expect((await api('get', '/residents/00000000-0000-4000-8000-000000000000', admin)).status).toBe(404);
      expect((await api('get', '/residents/not-a-uuid', admin)).status).toBe(404);
    });

    it('lets own-facility staff change a resident; 404 for staff of another facility, 403 for bureau staff', async () => {
      const res = await api('patch', `/residents/${residentA.id}`, staffA, { careLevel: 2, dietaryNeeds: ['halal'], location: null });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ careLevel: 2, dietaryNeeds: ['halal'], location: null, name: residentA.name });
      expectNoRawId(res);
      expect((await api('patch', `/residents/${residentA.id}`, staffB, { careLevel: 4 })).status).toBe(404);
      expect((await api('patch', `/residents/${residentB.id}`, staffA, { careLevel: 4 })).status).toBe(404);
      expect((await api('patch', `/residents/${residentA.id}`, bureau, { careLevel: 4 })).status).toBe(403);
      expect((await api('get', `/residents/${residentA.id}`, admin)).body.careLevel).toBe(2);
    });

    it('validates changes: null for a required field, a birth date the ID does not carry, a transfer away by centre staff', async () => {
      const nullName = await api('patch', `/residents/${residentA.id}`, staffA, { name: null });
      expect(nullName.status).toBe(400);
      expect(fieldsOf(nullName)).toContain('name');
      const birth = await api('patch', `/residents/${residentA.id}`, staffA, { birthDate: '1900-01-01' });
      expect(birth.status).toBe(422);
      expect(birth.body.code).toBe('BIRTH_DATE_MISMATCH');
      expect((await api('patch', `/residents/${residentA.id}`, staffA, { homeFacilityId: facilityB.id })).status).toBe(404);
      expect((await api('patch', `/residents/${residentA.id}`, staffA, { bogus: 1 })).status).toBe(400);
    });

    it('limits centre staff to their own facility whatever they ask for', async () => {
      const res = await api('get', `/residents?facilityId=${facilityB.id}&pageSize=200`, staffA);
      expect(res.status).toBe(200);
      const items = res.body.items as { homeFacilityId: string; id: string }[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((r) => r.homeFacilityId === facilityA.id)).toBe(true);
      expectNoRawId(res);
      const byAdmin = await api('get', `/residents?facilityId=${facilityB.id}`, admin);
      expect((byAdmin.body.items as { id: string }[]).map((r) => r.id)).toEqual([residentB.id]);
      expect(byAdmin.body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    });

    it('finds residents by part of the name, the last four ID characters or the phone', async () => {
      for (const [q, auth] of [
        ['欧阳', bureau],
        [idA.slice(-4), bureau],
        ['1234567', bureau],
        [idA, staffA],
        [idA, admin],
      ]) {
        const res = await api('get', `/residents?q=${encodeURIComponent(q)}`, auth);
        const items = res.body.items as { id: string; phone: string | null }[];
        expect(items.map((r) => r.id)).toContain(residentA.id);
        // Four digits may also stand inside another resident's mobile number: that is a match too.
        const others = items.filter((r) => r.id !== residentA.id);
        expect({ q, others: others.filter((r) => !(r.phone ?? '').includes(q)).map((r) => r.id) }).toEqual({ q, others: [] });
        expectNoRawId(res);
      }
      const none = await api('get', `/residents?q=${encodeURIComponent('%')}`, admin);
      expect(none.body.total).toBe(0);
      // The full ID number finds a resident only for the staff of its facility and admin (issue 14).
      expect((await api('get', `/residents?q=${idA}`, bureau)).body.total).toBe(0);
      expect((await api('get', `/residents?q=${idA}`, staffB)).body.total).toBe(0);
    });

    it('keeps the resident list from seniors, families and caregivers', async () => {
      const senior = await signedIn(t, 'senior', { residentId: residentA.id });
      const family = await signedIn(t, 'family');
      for (const auth of [senior, family]) expect((await api('get', '/residents', auth)).status).toBe(403);
    });
  });

  describe('family links and what seniors and families see', () => {
    let mother: { id: string };
    let other: { id: string };
    let daughter: TestUser;
    let stranger: TestUser;

    beforeAll(async () => {
      mother = (await postResident(residentBody({ homeFacilityId: facilityA.id, name: '李桂兰' }), staffA)).body as { id: string };
      other = (await postResident(residentBody({ homeFacilityId: facilityA.id, name: '张建国' }), staffA)).body as { id: string };
      daughter = await aUser(t, 'family', { phone: '13700000001', displayName: '李娜' });
      stranger = await aUser(t, 'family');
      const link = await api('post', `/residents/${other.id}/family-links`, admin, {
        username: stranger.username,
        relationship: '儿子',
        canBook: true,
      });
      expect(link.status).toBe(201);
    });

    it('links a family account by username or by phone', async () => {
      const res = await api('post', `/residents/${mother.id}/family-links`, staffA, {
        username: daughter.username,
        relationship: '女儿',
        canBook: false,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        residentId: mother.id,
        userId: daughter.id,
        username: daughter.username,
        displayName: '李娜',
        relationship: '女儿',
        canBook: false,
      });
      const again = await api('post', `/residents/${mother.id}/family-links`, staffA, { phone: '13700000001', relationship: '女儿' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ALREADY_LINKED');
      const list = await api('get', `/residents/${mother.id}/family-links`, staffA);
      expect((list.body as unknown as { userId: string }[]).map((l) => l.userId)).toEqual([daughter.id]);
    });

    it('refuses accounts that do not exist (404) or are not family accounts (422), and bad bodies (400)', async () => {
      const none = await api('post', `/residents/${mother.id}/family-links`, staffA, { username: 'no-such-user', relationship: '女儿' });
      expect(none.status).toBe(404);
      const seniorAccount = await aUser(t, 'senior', { residentId: other.id });
      const notFamily = await api('post', `/residents/${mother.id}/family-links`, staffA, {
        username: seniorAccount.username,
        relationship: '女儿',
      });
      expect(notFamily.status).toBe(422);
      expect(notFamily.body.code).toBe('ACCOUNT_NOT_FAMILY');
      const both = await api('post', `/residents/${mother.id}/family-links`, staffA, {
        username: daughter.username,
        phone: '13700000001',
        relationship: '女儿',
      });
      expect(both.status).toBe(400);
      const neither = await api('post', `/residents/${mother.id}/family-links`, staffA, { relationship: '女儿' });
      expect(neither.status).toBe(400);
      expect(fieldsOf(neither)).toContain('username');
      const longRelation = await api('post', `/residents/${mother.id}/family-links`, staffA, {
        username: daughter.username,
        relationship: 'x'.repeat(21),
      });
      expect(fieldsOf(longRelation)).toContain('relationship');
    });

    it('lets only the resident’s centre staff and admin manage links', async () => {
      const fromB = await api('post', `/residents/${mother.id}/family-links`, staffB, {
        username: stranger.username,
        relationship: '邻居',
      });
      expect(fromB.status).toBe(404);
      const fromFamily = await api('post', `/residents/${mother.id}/family-links`, await daughter.auth(), {
        username: stranger.username,
        relationship: '邻居',
      });
      expect(fromFamily.status).toBe(403);
    });

    it('lets a family member read a linked senior and not another family’s senior', async () => {
      const auth = await daughter.auth();
      const mine = await api('get', `/residents/${mother.id}`, auth);
      expect(mine.status).toBe(200);
      expectNoRawId(mine);
      const theirs = await api('get', `/residents/${other.id}`, auth);
      expect(theirs.status).toBe(404);
      expect(theirs.body.code).toBe('NOT_FOUND');
      const me = await api('get', '/me/residents', auth);
      expect(me.status).toBe(200);
      expect(me.body).toEqual([expect.objectContaining({ id: mother.id, relationship: '女儿', canBook: false, name: '李桂兰' })]);
      expectNoRawId(me);
    });

    it('shows a senior only themself', async () => {
      const senior = await signedIn(t, 'senior', { residentId: mother.id });
      const me = await api('get', '/me/residents', senior);
      expect(me.body).toEqual([expect.objectContaining({ id: mother.id, relationship: 'self', canBook: true })]);
      expect((await api('get', `/residents/${mother.id}`, senior)).status).toBe(200);
      expect((await api('get', `/residents/${other.id}`, senior)).status).toBe(404);
      expect((await api('get', '/me/residents', staffA)).status).toBe(403);
    });

    it('removes a link, after which the family member no longer sees the senior', async () => {
      const links = (await api('get', `/residents/${other.id}/family-links`, admin)).body as unknown as { id: string }[];
      expect((await api('delete', `/residents/${other.id}/family-links/${links[0].id}`, staffB)).status).toBe(404);
      expect((await api('delete', `/residents/${other.id}/family-links/${links[0].id}`, staffA)).status).toBe(204);
      expect((await api('get', `/residents/${other.id}`, await stranger.auth())).status).toBe(404);
      expect((await api('delete', `/residents/${other.id}/family-links/${links[0].id}`, staffA)).status).toBe(404);
      const audit = await api('get', `/audit?entity=family_link&entityId=${links[0].id}`, admin);
      expect((audit.body.items as { action: string }[]).map((e) => e.action)).toEqual(['delete', 'create']);
    });
  });

  describe('caregivers', () => {
    let own: { id: string };
    let elsewhere: { id: string };

    beforeAll(async () => {
      elsewhere = await createCaregiver(t, { facilityId: facilityB.id });
    });

    it('lets centre staff register a caregiver at their facility, not at another (404)', async () => {
      const body = caregiverBody({ facilityId: facilityA.id, skills: ['medical', 'mobility'], level: 2 });
      const res = await api('post', '/caregivers', staffA, body);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: body.name,
        facilityId: facilityA.id,
        gender: body.gender,
        phone: body.phone,
        skills: ['medical', 'mobility'],
        level: 2,
        homeBase: body.homeBase,
        maxWeeklyMinutes: 2400,
        active: true,
      });
      own = res.body as { id: string };
      const atB = await api('post', '/caregivers', staffA, caregiverBody({ facilityId: facilityB.id }));
      expect(atB.status).toBe(404);
      expect((await api('post', '/caregivers', bureau, caregiverBody({ facilityId: facilityA.id }))).status).toBe(403);
      const unknown = await api('post', '/caregivers', admin, caregiverBody({ facilityId: '00000000-0000-4000-8000-000000000000' }));
      expect(unknown.body.code).toBe('FACILITY_UNKNOWN');
    });

    it.each([
      ['no skills', { skills: [] }, 'skills'],
      ['an unknown skill', { skills: ['cooking'] }, 'skills'],
      ['a repeated skill', { skills: ['meal', 'meal'] }, 'skills'],
      ['level 0', { level: 0 }, 'level'],
      ['level 6', { level: 6 }, 'level'],
      ['maxWeeklyMinutes over 4200', { maxWeeklyMinutes: 5000 }, 'maxWeeklyMinutes'],
      ['no home base', { homeBase: undefined }, 'homeBase'],
      ['a bad mobile', { phone: '1234' }, 'phone'],
    ])('answers 400 for %s', async (_what, override, field) => {
      const res = await api('post', '/caregivers', admin, { ...caregiverBody({ facilityId: facilityA.id }), ...override });
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toContain(field);
    });

    it('shows a caregiver to themself and own-facility staff; 404 to others', async () => {
      const self = await signedIn(t, 'caregiver', { caregiverId: own.id });
      expect((await api('get', `/caregivers/${own.id}`, self)).status).toBe(200);
      expect((await api('get', `/caregivers/${elsewhere.id}`, self)).status).toBe(404);
      expect((await api('get', `/caregivers/${own.id}`, staffA)).status).toBe(200);
      expect((await api('get', `/caregivers/${own.id}`, staffB)).status).toBe(404);
      expect((await api('get', `/caregivers/${own.id}`, bureau)).status).toBe(200);
      expect((await api('get', `/caregivers/${own.id}`, await signedIn(t, 'family'))).status).toBe(403);
    });

    it('lists caregivers: centre staff only their own facility', async () => {
      const res = await api('get', `/caregivers?facilityId=${facilityB.id}`, staffA);
      const items = res.body.items as { facilityId: string }[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((c) => c.facilityId === facilityA.id)).toBe(true);
      const byBureau = await api('get', `/caregivers?facilityId=${facilityB.id}`, bureau);
      expect((byBureau.body.items as { id: string }[]).map((c) => c.id)).toEqual([elsewhere.id]);
      const medical = await api('get', '/caregivers?skill=medical', admin);
      expect((medical.body.items as { id: string }[]).map((c) => c.id)).toEqual([own.id]);
    });

    it('lets own-facility staff change a caregiver; 404 for another facility', async () => {
      const res = await api('patch', `/caregivers/${own.id}`, staffA, { level: 1, active: false, homeBase: { lat: 25.8, lng: 113.05 } });
      expect(res.body).toMatchObject({ level: 1, active: false, homeBase: { lat: 25.8, lng: 113.05 } });
      expect((await api('patch', `/caregivers/${elsewhere.id}`, staffA, { level: 1 })).status).toBe(404);
      expect((await api('patch', `/caregivers/${own.id}`, staffA, { facilityId: facilityB.id })).status).toBe(404);
      expect((await api('patch', `/caregivers/${own.id}`, staffA, { skills: null })).status).toBe(400);
    });
  });

  describe('the audit trail', () => {
    it('records resident creates and updates with the actor and a masked ID number', async () => {
      const body = residentBody({ homeFacilityId: facilityA.id });
      const created = await postResident(body, staffA);
      const id = (created.body as { id: string }).id;
      await api('patch', `/residents/${id}`, staffA, { careLevel: 4, phone: null });
      const res = await api('get', `/audit?entity=resident&entityId=${id}`, admin);
      expect(res.status).toBe(200);
      const [update, create] = res.body.items as {
        action: string;
        actorRole: string;
        changes: Record<string, { old: unknown; new: unknown }>;
      }[];
      expect(create).toMatchObject({ action: 'create', actorRole: 'centre_staff' });
      expect(create.changes.idNumber).toEqual({ old: null, new: `**************${body.idNumber.slice(-4)}` });
      expect(update).toMatchObject({ action: 'update', actorRole: 'centre_staff' });
      expect(update.changes).toEqual({ careLevel: { old: 1, new: 4 }, phone: { old: body.phone, new: null } });
    });

    it('records caregiver creates and updates, and never holds a raw ID number', async () => {
      const caregiver = await createCaregiver(t, { facilityId: facilityA.id, level: 4 });
      await api('patch', `/caregivers/${caregiver.id}`, staffA, { level: 3 });
      const caregivers = await api('get', `/audit?entity=caregiver&entityId=${caregiver.id}`, admin);
      const entries = caregivers.body.items as { action: string; changes: Record<string, unknown> }[];
      expect(entries.map((e) => e.action)).toEqual(['update', 'create']);
      expect(entries[0].changes).toEqual({ level: { old: 4, new: 3 } });
      const all = await api('get', '/audit?pageSize=200', admin);
      expect(all.body.total).toBeGreaterThan(10);
      expectNoRawId(all);
    });
  });

  it('documents the people routes', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    for (const path of [
      '/api/v1/residents',
      '/api/v1/residents/{id}',
      '/api/v1/residents/{id}/family-links',
      '/api/v1/residents/{id}/family-links/{linkId}',
      '/api/v1/me/residents',
      '/api/v1/caregivers',
      '/api/v1/caregivers/{id}',
    ]) {
      expect(doc.body.paths).toHaveProperty([path]);
    }
    expect(doc.body.components.schemas.ResidentDto.properties.idNumber.description).toContain('Masked');
    expect(doc.body.components.schemas.CreateResidentDto.required).toEqual(
      expect.arrayContaining(['name', 'idNumber', 'birthDate', 'gender', 'homeFacilityId']),
    );
  });
});
