import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aFacility, aResident, facilityBody, residentBody, signedIn } from '../fixtures/index.js';

const API = '/api/v1';

describe('divisions and the places of residents and facilities', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let facilityId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    facilityId = await aFacility(t.db);
    staff = await signedIn(t, 'centre_staff', { facilityId });
  });
  afterAll(async () => t?.close());

  const patchResident = (id: string, body: object) => t.http().patch(`${API}/residents/${id}`).set('Authorization', staff).send(body);
  const postFacility = (body: object) => t.http().post(`${API}/facilities`).set('Authorization', admin).send(body);

  it('lists the 11 county-level divisions of Chenzhou with their streets and towns to any signed-in role', async () => {
    const senior = await signedIn(t, 'senior', { residentId: await aResident(t.db, facilityId) });
    const { body } = await t.http().get(`${API}/divisions`).set('Authorization', senior).expect(200);
    expect(body).toHaveLength(11);
    expect(body.find((d: { code: string }) => d.code === '431002')).toMatchObject({
      name: '北湖区',
      streets: expect.arrayContaining([{ code: '431002001', name: '人民路街道' }]),
    });
    expect(body.reduce((n: number, d: { streets: unknown[] }) => n + d.streets.length, 0)).toBe(162);
    await t.http().get(`${API}/divisions`).expect(401);
  });

  it('takes a resident’s place by codes, names it from them, and refuses a street outside the district with 422', async () => {
    const created = await t
      .http()
      .post(`${API}/residents`)
      .set('Authorization', staff)
      .send({
        ...residentBody({ homeFacilityId: facilityId }),
        district: '?',
        street: '?',
        districtCode: '431081',
        streetCode: '431081001',
      })
      .expect(201);
    expect(created.body).toMatchObject({ districtCode: '431081', streetCode: '431081001', district: '资兴市' });
    const wrong = await t
      .http()
      .post(`${API}/residents`)
      .set('Authorization', staff)
      .send({ ...residentBody({ homeFacilityId: facilityId }), districtCode: '431003', streetCode: '431002001' })
      .expect(422);
    expect(wrong.body).toMatchObject({ code: 'STREET_NOT_IN_DISTRICT', details: [{ field: 'streetCode' }] });
    const moved = await patchResident(created.body.id, { districtCode: '431002', streetCode: '431002001' }).expect(200);
    expect(moved.body).toMatchObject({ district: '北湖区', street: '人民路街道', districtCode: '431002', streetCode: '431002001' });
    await patchResident(created.body.id, { districtCode: '431002', streetCode: '431003001' }).expect(422);
    // Given names only, the database finds the codes; a name it does not know keeps none.
    const byName = await patchResident(created.body.id, { district: '苏仙区', street: '不在名录的街道' }).expect(200);
    expect(byName.body).toMatchObject({ districtCode: '431003', streetCode: null });
  });

  it('refuses a facility whose street is not in its district, and the database refuses it too', async () => {
    const res = await postFacility(facilityBody({ districtCode: '431002', streetCode: '431081001' })).expect(422);
    expect(res.body.code).toBe('STREET_NOT_IN_DISTRICT');
    const unknown = await postFacility(facilityBody({ districtCode: '431099', streetCode: '431099001' })).expect(422);
    expect(unknown.body.code).toBe('DISTRICT_UNKNOWN');
    await expect(
      t.db.query(`UPDATE facilities SET district_code = '431002', street_code = '431081001' WHERE id = $1`, [facilityId]),
    ).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'facilities_street_in_district' },
    });
  });
});
