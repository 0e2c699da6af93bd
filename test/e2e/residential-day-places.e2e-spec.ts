import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dayStart, isoWeekday } from '../../src/common/shanghai-time.js';
import { NoShowJob } from '../../src/residential/no-show.job.js';
import { VisitCardsService } from '../../src/visits/visit-cards.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aDayCareSite, aFamilyLink, anAccount, API, aResident, signedIn, TEST_PASSWORD, today } from '../fixtures/index.js';

describe('day places and attendance', () => {
  let t: TestApp;
  let site: string;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp();
    site = await aDayCareSite(t.db);
    staff = await signedIn(t, 'centre_staff', { facilityId: site });
  });
  afterAll(async () => t?.close());

  const setPlaces = (facilityId: string, places: number, token = staff) =>
    t.http().put(`${API}/facilities/${facilityId}/day-places`).set('Authorization', token).send({ places });
  const enrol = (facilityId: string, residentId: string, weekdays: number[], token = staff) =>
    t.http().post(`${API}/facilities/${facilityId}/enrolments`).set('Authorization', token).send({ residentId, weekdays });
  /** Marks an arrival or a departure, by resident or by the senior's visit code. */
  const attend = (facilityId: string, token: string, mark: { residentId?: string; visitCode?: string; date: string }) =>
    t.http().post(`${API}/facilities/${facilityId}/attendance`).set('Authorization', token).send(mark);

  it('never enrols more seniors on a weekday than places, even when enrolments race', async () => {
    const facilityId = await aDayCareSite(t.db);
    const token = await signedIn(t, 'centre_staff', { facilityId });
    await setPlaces(facilityId, 3, token).expect(200);
    const seniors = await Promise.all(Array.from({ length: 8 }, () => aResident(t.db, facilityId)));
    // Half ask for Monday and Wednesday, half for Wednesday and Monday: no crosswise waits either.
    const results = await Promise.all(seniors.map((id, i) => enrol(facilityId, id, i % 2 === 0 ? [1, 3] : [3, 1], token)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('DAY_PLACES_FULL');
    const [monday] = await t.db.query<{ enrolled: number }[]>('SELECT enrolled FROM day_places WHERE facility_id = $1 AND weekday = 1', [
      facilityId,
    ]);
    expect(monday.enrolled).toBe(3);

    const lower = await setPlaces(facilityId, 2, token).expect(409);
    expect(lower.body.code).toBe('DAY_PLACES_FULL');
    const facility = await t.http().get(`${API}/facilities/${facilityId}`).set('Authorization', token).expect(200);
    expect(facility.body.capacity.dayPlaces).toBe(3);

    // Ending one frees its places; a Tuesday-only senior fits throughout.
    const first = results.find((r) => r.status === 201)?.body as { id: string };
    await t.http().delete(`${API}/enrolments/${first.id}`).set('Authorization', token).expect(204);
    const refused = results.find((r) => r.status === 409);
    const again = await enrol(facilityId, seniors[results.indexOf(refused!)], [1], token).expect(201);
    expect(again.body).toMatchObject({ weekdays: [1], active: true });
    await enrol(facilityId, seniors[results.indexOf(refused!)], [2], token).expect(409);
    await t.http().delete(`${API}/enrolments/${first.id}`).set('Authorization', staff).expect(404);
  });

  it('records attendance by staff and by the service-card code at the door, and lists who is absent', async () => {
    await setPlaces(site, 10).expect(200);
    const weekday = isoWeekday(today());
    const [byName, byCard, absent, notEnrolled] = [
      await aResident(t.db, site),
      await aResident(t.db, site),
      await aResident(t.db, site),
      await aResident(t.db, site),
    ];
    for (const id of [byName, byCard, absent]) await enrol(site, id, [weekday]).expect(201);

    await attend(site, staff, { residentId: byName, date: today() }).expect(200);
    const code = await t.app.get(VisitCardsService).codeFor(byCard, today());
    const wrong = await attend(site, staff, { visitCode: code === '000000' ? '000001' : '000000', date: today() }).expect(422);
    expect(wrong.body.code).toBe('VISIT_CODE_WRONG');
    const arrived = await attend(site, staff, { visitCode: code, date: today() }).expect(200);
    expect(arrived.body.present.find((p: { residentId: string }) => p.residentId === byCard)).toMatchObject({
      method: 'card',
      leftAt: null,
      arrivedAt: expect.any(String),
    });
    const left = await attend(site, staff, { visitCode: code, date: today() }).expect(200);
    expect(left.body.present.find((p: { residentId: string }) => p.residentId === byCard).leftAt).toEqual(expect.any(String));

    const stranger = await attend(site, staff, { residentId: notEnrolled, date: today() }).expect(422);
    expect(stranger.body.code).toBe('NOT_ENROLLED');

    const bureau = await signedIn(t, 'bureau_staff');
    const day = await t
      .http()
      .get(`${API}/facilities/${site}/attendance`)
      .query({ date: today() })
      .set('Authorization', bureau)
      .expect(200);
    expect(day.body).toMatchObject({
      date: today(),
      places: 10,
      enrolled: 3,
      attended: 2,
      absent: [{ residentId: absent, residentName: expect.any(String) }],
    });
    const otherStaff = await signedIn(t, 'centre_staff', { facilityId: await aDayCareSite(t.db) });
    await t.http().get(`${API}/facilities/${site}/attendance`).set('Authorization', otherStaff).expect(404);
  });

  it('tells the family once when an enrolled senior did not come by closing time', async () => {
    const facilityId = await aDayCareSite(t.db);
    const token = await signedIn(t, 'centre_staff', { facilityId });
    await setPlaces(facilityId, 5, token).expect(200);
    const weekday = isoWeekday(today());
    const [missing, came] = [await aResident(t.db, facilityId), await aResident(t.db, facilityId)];
    for (const id of [missing, came]) await enrol(facilityId, id, [weekday], token).expect(201);
    await t.db.query(`UPDATE enrolments SET created_at = now() - interval '3 days' WHERE facility_id = $1`, [facilityId]);
    await attend(facilityId, token, { residentId: came, date: today() }).expect(200);
    const families = [];
    for (const id of [missing, came]) {
      const family = await anAccount(t.db, 'family');
      await aFamilyLink(t.db, family.id, id);
      families.push(await t.login(family.username, TEST_PASSWORD));
    }

    const job = t.app.get(NoShowJob);
    // Before closing (17:00) nobody is followed up.
    await job.run(new Date(dayStart(today()) + 12 * 3_600_000));
    const inbox = async (token: string) =>
      (
        (await t.http().get(`${API}/me/notifications`).set('Authorization', token).expect(200)).body.items as {
          kind: string;
          payload: { residentId: string };
        }[]
      ).filter((n) => n.kind === 'attendance.no_show');
    expect(await inbox(families[0])).toEqual([]);

    const evening = new Date(dayStart(today()) + 20 * 3_600_000);
    expect(await job.run(evening)).toBeGreaterThanOrEqual(1);
    expect((await inbox(families[0])).map((n) => n.payload.residentId)).toEqual([missing]);
    expect(await inbox(families[1])).toEqual([]);
    expect((await inbox(token)).map((n) => n.payload.residentId)).toEqual([missing]);
    await job.run(evening);
    expect(await inbox(families[0])).toHaveLength(1);
  });
});
