import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '../../src/common/shanghai-time.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aBed, admit, aFamilyLink, anAccount, API, aResident, aRuralHome, signedIn, TEST_PASSWORD, today } from '../fixtures/index.js';

describe('beds and admissions', () => {
  let t: TestApp;
  let home: string;
  let otherHome: string;
  let staff: string;
  let otherStaff: string;
  let bureau: string;

  beforeAll(async () => {
    t = await startTestApp();
    home = await aRuralHome(t.db);
    otherHome = await aRuralHome(t.db);
    staff = await signedIn(t, 'centre_staff', { facilityId: home });
    otherStaff = await signedIn(t, 'centre_staff', { facilityId: otherHome });
    bureau = await signedIn(t, 'bureau_staff');
  });
  afterAll(async () => t?.close());

  const board = async (facilityId: string, token = staff) =>
    (await t.http().get(`${API}/facilities/${facilityId}/beds`).set('Authorization', token).expect(200)).body as {
      id: string;
      status: string;
      residentId?: string;
    }[];

  const discharge = (admissionId: string, token: string) =>
    t.http().post(`${API}/admissions/${admissionId}/discharge`).set('Authorization', token).send({ at: today(), reason: 'home' });
  const addBed = (token: string, bed: { code: string; room: string; careType: string }) =>
    t.http().post(`${API}/facilities/${home}/beds`).set('Authorization', token).send(bed);

  it('lets the home’s staff add beds and read the board; other homes’ staff do not see it, the bureau reads it', async () => {
    const created = await addBed(staff, { code: 'A-101-1', room: 'A101', careType: 'partial_care' }).expect(201);
    expect(created.body).toMatchObject({ code: 'A-101-1', room: 'A101', careType: 'partial_care', status: 'free', facilityId: home });
    const again = await addBed(staff, { code: 'A-101-1', room: 'A101', careType: 'self_care' }).expect(409);
    expect(again.body.code).toBe('BED_CODE_TAKEN');
    await addBed(otherStaff, { code: 'X-1', room: 'X', careType: 'self_care' }).expect(404);
    await t.http().get(`${API}/facilities/${home}/beds`).set('Authorization', otherStaff).expect(404);
    expect((await board(home, bureau)).map((b) => b.id)).toContain(created.body.id);
    const bad = await addBed(staff, { code: 'B-1', room: 'B', careType: 'luxury' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('gives one bed to exactly one of two admissions raced to it', async () => {
    const bedId = await aBed(t.db, home, 'full_care');
    const a = await aResident(t.db, home);
    const b = await aResident(t.db, home);
    const results = await Promise.all([a, b].map((residentId) => admit(t, staff, { residentId, facilityId: home, bedId, from: today() })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)?.body.code).toBe('BED_NOT_FREE');
    const winner = results.find((r) => r.status === 201)?.body as { residentId: string; status: string; bedId: string };
    expect(winner).toMatchObject({ status: 'admitted', bedId });
    const bed = (await board(home)).find((x) => x.id === bedId);
    expect(bed).toMatchObject({ status: 'occupied', residentId: winner.residentId });
    // The registry's capacity is counted from the beds.
    const facility = await t.http().get(`${API}/facilities/${home}`).set('Authorization', bureau).expect(200);
    const beds = await board(home);
    expect(facility.body.capacity).toEqual({
      beds: beds.length,
      occupiedBeds: beds.filter((b) => b.status === 'occupied').length,
      dayPlaces: 0,
    });
    expect(facility.body.capacity.occupiedBeds).toBeGreaterThanOrEqual(1);
  });

  it('keeps a bed’s occupancy periods apart in the database itself', async () => {
    const bedId = await aBed(t.db, home, 'self_care');
    const ids: string[] = [];
    for (const residentId of [await aResident(t.db, home), await aResident(t.db, home)]) {
      const [{ id }] = await t.db.query<{ id: string }[]>(
        `INSERT INTO admissions (resident_id, facility_id, care_type, care_level, status, applied_at, admitted_at) VALUES ($1, $2, 'self_care', 1, 'admitted', now(), now()) RETURNING id`,
        [residentId, home],
      );
      ids.push(id);
    }
    await t.db.query(
      `INSERT INTO bed_occupancies (bed_id, admission_id, facility_id, during) VALUES ($1, $2, $3, tstzrange('2026-01-01', '2026-02-01'))`,
      [bedId, ids[0], home],
    );
    await expect(
      t.db.query(
        `INSERT INTO bed_occupancies (bed_id, admission_id, facility_id, during) VALUES ($1, $2, $3, tstzrange('2026-01-31', NULL))`,
        [bedId, ids[1], home],
      ),
    ).rejects.toMatchObject({ driverError: { code: '23P01', constraint: 'bed_occupancies_one_resident' } });
    // Back to back is no overlap.
    await t.db.query(
      `INSERT INTO bed_occupancies (bed_id, admission_id, facility_id, during) VALUES ($1, $2, $3, tstzrange('2026-02-01', NULL))`,
      [bedId, ids[1], home],
    );
  });

  it('admits two residents raced without a bed to the one free bed and puts the other on the waiting list', async () => {
    const facilityId = await aRuralHome(t.db);
    const token = await signedIn(t, 'centre_staff', { facilityId });
    const bedId = await aBed(t.db, facilityId, 'partial_care');
    const residents = [await aResident(t.db, facilityId), await aResident(t.db, facilityId)];
    const results = await Promise.all(
      residents.map((residentId) => admit(t, token, { residentId, facilityId, careType: 'partial_care', from: today() })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    expect(results.map((r) => r.body.status).sort()).toEqual(['admitted', 'waiting']);
    expect(results.find((r) => r.body.status === 'admitted')?.body.bedId).toBe(bedId);
    expect(results.find((r) => r.body.status === 'waiting')?.body.bedId).toBeNull();
  });

  it('orders the waiting list by hardship, care level and wait, and gives a freed bed to the first who needs it', async () => {
    const facilityId = await aRuralHome(t.db);
    const token = await signedIn(t, 'centre_staff', { facilityId });
    const bedId = await aBed(t.db, facilityId, 'full_care');
    const first = await aResident(t.db, facilityId, { careLevel: 3 });
    const admitted = await admit(t, token, { residentId: first, facilityId, from: addDays(today(), -10) }).expect(201);
    expect(admitted.body.status).toBe('admitted');

    const highCare = await aResident(t.db, facilityId, { careLevel: 4 });
    const selfCare = await aResident(t.db, facilityId, { careLevel: 4, subsidyCategory: 'tekun' });
    const lowCare = await aResident(t.db, facilityId, { careLevel: 1 });
    const tekun = await aResident(t.db, facilityId, { careLevel: 2, subsidyCategory: 'tekun' });
    for (const [residentId, careType] of [
      [highCare, 'full_care'],
      [selfCare, 'self_care'],
      [lowCare, 'full_care'],
      [tekun, 'full_care'],
    ]) {
      const res = await admit(t, token, { residentId, facilityId, careType, from: today() }).expect(201);
      expect(res.body.status).toBe('waiting');
    }
    const list = (await t.http().get(`${API}/facilities/${facilityId}/waiting-list`).set('Authorization', token).expect(200)).body as {
      residentId: string;
      position: number;
    }[];
    expect(list.map((w) => w.residentId)).toEqual([selfCare, tekun, highCare, lowCare]);
    expect(list.map((w) => w.position)).toEqual([1, 2, 3, 4]);

    const discharged = await discharge(admitted.body.id, token).expect(200);
    expect(discharged.body).toMatchObject({ status: 'discharged', dischargeReason: 'home', bedId });
    expect(discharged.body.history.map((h: { event: string }) => h.event)).toEqual(['applied', 'admitted', 'discharged']);

    // The tekun resident needing full care takes the bed: the one before them needs self care.
    const bed = (await board(facilityId, token)).find((b) => b.id === bedId);
    expect(bed).toMatchObject({ status: 'occupied', residentId: tekun });
    const theirs = await t.http().get(`${API}/admissions`).query({ residentId: tekun }).set('Authorization', token).expect(200);
    expect(theirs.body.items[0]).toMatchObject({ status: 'admitted', bedId });
    expect(theirs.body.items[0].history.at(-1)).toMatchObject({ event: 'admitted', bedId, reason: 'from the waiting list' });
    const after = (await t.http().get(`${API}/facilities/${facilityId}/waiting-list`).set('Authorization', token).expect(200)).body as {
      residentId: string;
    }[];
    expect(after.map((w) => w.residentId)).toEqual([selfCare, highCare, lowCare]);

    const twice = await discharge(admitted.body.id, token).expect(409);
    expect(twice.body.code).toBe('INVALID_TRANSITION');
  });

  it('transfers a resident to another bed and gives the old bed to the waiting list; staff elsewhere get 404', async () => {
    const facilityId = await aRuralHome(t.db);
    const token = await signedIn(t, 'centre_staff', { facilityId });
    const [bedA, bedB] = [await aBed(t.db, facilityId, 'self_care', '201'), await aBed(t.db, facilityId, 'partial_care', '202')];
    const resident = await aResident(t.db, facilityId);
    const admission = await admit(t, token, {
      residentId: resident,
      facilityId,
      careType: 'self_care',
      bedId: bedA,
      from: addDays(today(), -5),
    }).expect(201);
    const waiting = await aResident(t.db, facilityId);
    expect((await admit(t, token, { residentId: waiting, facilityId, careType: 'self_care', from: today() }).expect(201)).body.status).toBe(
      'waiting',
    );

    await t
      .http()
      .post(`${API}/admissions/${admission.body.id}/transfer`)
      .set('Authorization', otherStaff)
      .send({ bedId: bedB, at: today() })
      .expect(404);
    const moved = await t
      .http()
      .post(`${API}/admissions/${admission.body.id}/transfer`)
      .set('Authorization', token)
      .send({ bedId: bedB, at: today() })
      .expect(200);
    expect(moved.body).toMatchObject({ bedId: bedB, careType: 'partial_care', status: 'admitted' });
    const beds = await board(facilityId, token);
    expect(beds.find((b) => b.id === bedA)).toMatchObject({ status: 'occupied', residentId: waiting });
    expect(beds.find((b) => b.id === bedB)).toMatchObject({ status: 'occupied', residentId: resident });

    const busy = await t.http().patch(`${API}/beds/${bedB}`).set('Authorization', token).send({ status: 'out_of_service' }).expect(409);
    expect(busy.body.code).toBe('BED_OCCUPIED');
    const again = await admit(t, token, { residentId: resident, facilityId, careType: 'self_care', from: today() }).expect(409);
    expect(again.body.code).toBe('ADMISSION_OPEN');
  });

  it('fills a bed set free again from the waiting list, and refuses a bed of the wrong care type', async () => {
    const facilityId = await aRuralHome(t.db);
    const token = await signedIn(t, 'centre_staff', { facilityId });
    const bedId = await aBed(t.db, facilityId, 'full_care');
    await t.http().patch(`${API}/beds/${bedId}`).set('Authorization', token).send({ status: 'out_of_service' }).expect(200);
    const resident = await aResident(t.db, facilityId);
    const wrong = await admit(t, token, { residentId: resident, facilityId, careType: 'self_care', bedId, from: today() }).expect(422);
    expect(wrong.body.code).toBe('BED_UNSUITABLE');
    const taken = await admit(t, token, { residentId: resident, facilityId, bedId, from: today() }).expect(409);
    expect(taken.body.code).toBe('BED_NOT_FREE');
    expect((await admit(t, token, { residentId: resident, facilityId, from: today() }).expect(201)).body.status).toBe('waiting');
    const freed = await t.http().patch(`${API}/beds/${bedId}`).set('Authorization', token).send({ status: 'free' }).expect(200);
    expect(freed.body).toMatchObject({ status: 'occupied', residentId: resident });
  });

  it('shows a family only the admissions of their linked senior', async () => {
    const resident = await aResident(t.db, home);
    const bedId = await aBed(t.db, home, 'self_care');
    await admit(t, staff, { residentId: resident, facilityId: home, careType: 'self_care', bedId, from: today() }).expect(201);
    const family = await anAccount(t.db, 'family');
    await aFamilyLink(t.db, family.id, resident);
    const token = await t.login(family.username, TEST_PASSWORD);
    const mine = await t.http().get(`${API}/admissions`).query({ residentId: resident }).set('Authorization', token).expect(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ residentId: resident, facilityId: home, bedId, status: 'admitted' });
    const stranger = await aResident(t.db, home);
    await t.http().get(`${API}/admissions`).query({ residentId: stranger }).set('Authorization', token).expect(404);
    await t.http().get(`${API}/admissions`).set('Authorization', token).expect(400);
    // Centre staff of another home see none of this home's admissions.
    const theirs = await t.http().get(`${API}/admissions`).query({ facilityId: home }).set('Authorization', otherStaff).expect(200);
    expect(theirs.body.items).toEqual([]);
  });
});
