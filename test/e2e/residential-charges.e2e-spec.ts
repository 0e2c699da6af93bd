import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, shanghaiDate } from '../../src/common/shanghai-time.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  aBed,
  admit,
  aFacility,
  aFamilyLink,
  anAccount,
  API,
  aResident,
  aRuralHome,
  signedIn,
  TEST_PASSWORD,
  today,
} from '../fixtures/index.js';

/** The month before this one, its first day and its number of days. */
function lastMonth() {
  const firstOfThis = `${today().slice(0, 7)}-01`;
  const first = `${addDays(firstOfThis, -1).slice(0, 7)}-01`;
  const days = Number(addDays(firstOfThis, -1).slice(8, 10));
  return { month: first.slice(0, 7), first, days };
}

describe('residential charges', () => {
  let t: TestApp;
  let home: string;
  let staff: string;
  let bureau: string;
  const { month, first, days } = lastMonth();

  beforeAll(async () => {
    t = await startTestApp();
    home = await aRuralHome(t.db);
    staff = await signedIn(t, 'centre_staff', { facilityId: home });
    bureau = await signedIn(t, 'bureau_staff');
  });
  afterAll(async () => t?.close());

  it('charges ten days of a month pro rata and a whole month to an extreme-hardship resident who pays nothing', async () => {
    // Residents registered at a street centre: the home's staff see their statements through the admission.
    const centre = await aFacility(t.db);
    const paying = await aResident(t.db, centre, { careLevel: 2 });
    const tekun = await aResident(t.db, centre, { careLevel: 3, subsidyCategory: 'tekun' });
    const partial = await aBed(t.db, home, 'partial_care');
    const full = await aBed(t.db, home, 'full_care');
    const stay = await admit(t, staff, {
      residentId: paying,
      facilityId: home,
      careType: 'partial_care',
      bedId: partial,
      from: first,
    }).expect(201);
    await t
      .http()
      .post(`${API}/admissions/${stay.body.id}/discharge`)
      .set('Authorization', staff)
      .send({ at: addDays(first, 10), reason: 'home' })
      .expect(200);
    await admit(t, staff, { residentId: tekun, facilityId: home, careType: 'full_care', bedId: full, from: addDays(first, -3) }).expect(
      201,
    );

    const paid = await t.http().get(`${API}/residents/${paying}/statements`).query({ month }).set('Authorization', staff).expect(200);
    const tenDays = Math.round((180000 * 10) / days);
    expect(paid.body).toMatchObject({ residentId: paying, month, baseFen: tenDays, subsidyFen: 0, copayFen: tenDays, funding: [] });
    expect(paid.body.lines).toEqual([
      expect.objectContaining({ bedId: partial, careType: 'partial_care', days: 10, monthlyFen: 180000, baseFen: tenDays }),
    ]);

    const free = await t.http().get(`${API}/residents/${tekun}/statements`).query({ month }).set('Authorization', bureau).expect(200);
    expect(free.body).toMatchObject({
      baseFen: 260000,
      subsidyFen: 260000,
      copayFen: 0,
      funding: [{ source: 'tekun_support', amountFen: 260000 }],
    });
    expect(free.body.lines[0]).toMatchObject({ days, from: expect.stringMatching(new RegExp(`^${first}T00:00:00`)) });

    const report = await t.http().get(`${API}/reports/subsidies`).query({ month }).set('Authorization', bureau).expect(200);
    expect(report.body.residential.totals).toEqual({
      key: 'total',
      residents: 2,
      baseFen: tenDays + 260000,
      subsidyFen: 260000,
      copayFen: tenDays,
    });
    expect(report.body.residential.byFundingSource).toEqual([{ key: 'tekun_support', residents: 1, amountFen: 260000 }]);
    const csv = await t.http().get(`${API}/reports/subsidies`).query({ month, format: 'csv' }).set('Authorization', bureau).expect(200);
    expect(csv.text).toContain(
      `机构养老合计,${month},,0,${((tenDays + 260000) / 100).toFixed(2)},2600.00,${(tenDays / 100).toFixed(2)},,2`,
    );
  });

  it('shows a statement to the senior’s family and to no other family; a month without a stay is all zero', async () => {
    const resident = await aResident(t.db, home);
    const family = await anAccount(t.db, 'family');
    await aFamilyLink(t.db, family.id, resident);
    const stranger = await anAccount(t.db, 'family');
    const theirs = await t.login(family.username, TEST_PASSWORD);
    const res = await t
      .http()
      .get(`${API}/residents/${resident}/statements`)
      .query({ month: shanghaiDate(Date.now()).slice(0, 7) })
      .set('Authorization', theirs)
      .expect(200);
    expect(res.body).toMatchObject({ lines: [], baseFen: 0, subsidyFen: 0, copayFen: 0 });
    await t
      .http()
      .get(`${API}/residents/${resident}/statements`)
      .query({ month })
      .set('Authorization', await t.login(stranger.username, TEST_PASSWORD))
      .expect(404);
    const otherStaff = await signedIn(t, 'centre_staff', { facilityId: await aRuralHome(t.db) });
    await t.http().get(`${API}/residents/${resident}/statements`).query({ month }).set('Authorization', otherStaff).expect(404);
    await t.http().get(`${API}/residents/${resident}/statements`).query({ month: '2026-13' }).set('Authorization', theirs).expect(400);
  });
});
