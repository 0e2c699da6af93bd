import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aFacility, anAccount, aResident, residentBody, TEST_PASSWORD } from '../fixtures/index.js';

/** Issue 14, smaller holes: the subsidy category is the bureau's to set, and audit rows carry the request's id. */
describe('subsidy category and the audit trail', () => {
  let t: TestApp;
  let facilityId: string;
  let residentId: string;
  let staff: string;
  let bureau: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    facilityId = await aFacility(t.db);
    residentId = await aResident(t.db, facilityId);
    staff = await t.login((await anAccount(t.db, 'centre_staff', { facilityId })).username, TEST_PASSWORD);
    bureau = await t.login((await anAccount(t.db, 'bureau_staff')).username, TEST_PASSWORD);
    admin = await t.login('admin');
  });
  afterAll(async () => t?.close());

  it('refuses centre staff setting a subsidy category, on a change or a registration', async () => {
    const res = await t
      .http()
      .patch(`/api/v1/residents/${residentId}`)
      .set('Authorization', staff)
      .send({ subsidyCategory: 'tekun' })
      .expect(403);
    expect(res.body).toMatchObject({ code: 'SUBSIDY_CATEGORY_BY_BUREAU', details: [{ field: 'subsidyCategory' }] });
    await t
      .http()
      .post('/api/v1/residents')
      .set('Authorization', staff)
      .send(residentBody({ homeFacilityId: facilityId, subsidyCategory: 'dibao' }))
      .expect(403);
    // Other changes, and naming the category it already has, stay theirs.
    await t
      .http()
      .patch(`/api/v1/residents/${residentId}`)
      .set('Authorization', staff)
      .send({ careLevel: 2, subsidyCategory: 'none' })
      .expect(200);
    const [row] = await t.db.query<{ subsidy_category: string }[]>('SELECT subsidy_category FROM residents WHERE id = $1', [residentId]);
    expect(row.subsidy_category).toBe('none');
  });

  it('lets the bureau set it, with the reason and the request id in the audit row', async () => {
    const res = await t
      .http()
      .put(`/api/v1/residents/${residentId}/subsidy-category`)
      .set('Authorization', bureau)
      .set('X-Request-Id', 'subsidy-change-1')
      .send({ subsidyCategory: 'dibao', reason: '民政局认定' })
      .expect(200);
    expect(res.body.subsidyCategory).toBe('dibao');
    const audit = await t
      .http()
      .get('/api/v1/audit')
      .query({ entity: 'resident', entityId: residentId })
      .set('Authorization', admin)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      actorRole: 'bureau_staff',
      requestId: 'subsidy-change-1',
      changes: { subsidyCategory: { old: 'none', new: 'dibao' }, reason: { old: null, new: '民政局认定' } },
    });
    expect(audit.body.items[1]).toMatchObject({ actorRole: 'centre_staff', requestId: expect.any(String) });
    await t
      .http()
      .put(`/api/v1/residents/${residentId}/subsidy-category`)
      .set('Authorization', staff)
      .send({ subsidyCategory: 'none', reason: 'x' })
      .expect(403);
  });
});
