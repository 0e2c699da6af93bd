import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, isoWeekday } from '../../src/common/shanghai-time.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aBed, aDayCareSite, admit, API, aResident, aRuralHome, signedIn, today } from '../fixtures/index.js';

/** Last month: its key, first and last day and number of days. */
function lastMonth() {
  const last = addDays(`${today().slice(0, 7)}-01`, -1);
  const first = `${last.slice(0, 7)}-01`;
  return { month: last.slice(0, 7), first, last, days: Number(last.slice(8, 10)) };
}

describe('residential reports', () => {
  let t: TestApp;
  let bureau: string;
  const ids: Record<string, string> = {};
  const L = lastMonth();
  const N = L.days;

  const inDistrict = (table: 'facilities' | 'residents', id: string, district: string) =>
    t.db.query(`UPDATE ${table} SET district = $2 WHERE id = $1`, [id, district]);

  beforeAll(async () => {
    t = await startTestApp();
    bureau = await signedIn(t, 'bureau_staff');
    // 永兴县: a home with two beds. A stays the first ten days; C comes on the 6th and stays; W waits from the 21st.
    ids.h1 = await aRuralHome(t.db);
    await inDistrict('facilities', ids.h1, '永兴县');
    ids.staff1 = await signedIn(t, 'centre_staff', { facilityId: ids.h1 });
    const [full, self] = [await aBed(t.db, ids.h1, 'full_care'), await aBed(t.db, ids.h1, 'self_care')];
    const [a, c, w] = [await aResident(t.db, ids.h1), await aResident(t.db, ids.h1), await aResident(t.db, ids.h1)];
    const stayA = await admit(t, ids.staff1, { residentId: a, facilityId: ids.h1, bedId: full, from: L.first }).expect(201);
    await t
      .http()
      .post(`${API}/admissions/${stayA.body.id}/discharge`)
      .set('Authorization', ids.staff1)
      .send({ at: addDays(L.first, 10), reason: 'hospital' })
      .expect(200);
    await admit(t, ids.staff1, { residentId: c, facilityId: ids.h1, careType: 'self_care', bedId: self, from: addDays(L.first, 5) }).expect(
      201,
    );
    await t.db.query(
      `INSERT INTO admissions (resident_id, facility_id, care_type, care_level, status, applied_at) VALUES ($1, $2, 'full_care', 2, 'waiting', ($3::date)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
      [w, ids.h1, addDays(L.first, 20)],
    );
    // 宜章县: a home with one bed, held all month by D (tekun), admitted three days before the month.
    ids.h2 = await aRuralHome(t.db);
    await inDistrict('facilities', ids.h2, '宜章县');
    const staff2 = await signedIn(t, 'centre_staff', { facilityId: ids.h2 });
    const d = await aResident(t.db, ids.h2, { subsidyCategory: 'tekun' });
    await admit(t, staff2, {
      residentId: d,
      facilityId: ids.h2,
      bedId: await aBed(t.db, ids.h2, 'full_care'),
      from: addDays(L.first, -3),
    }).expect(201);
    // Extreme hardship by district: 宜章县 D (in a home) and E (at home); 永兴县 G (at home).
    const e = await aResident(t.db, ids.h2, { subsidyCategory: 'tekun' });
    const g = await aResident(t.db, ids.h1, { subsidyCategory: 'tekun' });
    for (const [id, district] of [
      [d, '宜章县'],
      [e, '宜章县'],
      [g, '永兴县'],
      [a, '永兴县'],
      [c, '永兴县'],
      [w, '永兴县'],
    ])
      await inDistrict('residents', id, district);
  });
  afterAll(async () => t?.close());

  const report = (path: string, query: object) => t.http().get(`${API}/reports/${path}`).query(query).set('Authorization', bureau);
  const occupancy = (query: Record<string, string>, token = bureau) =>
    t
      .http()
      .get(`${API}/reports/occupancy`)
      .query({ from: L.first, to: L.last, ...query })
      .set('Authorization', token);

  it('counts bed-days, occupancy, admissions, stays and the waiting list as worked out by hand', async () => {
    const { body } = await occupancy({ groupBy: 'facility' }).expect(200);
    const h1 = body.rows.find((r: { key: string }) => r.key === ids.h1);
    const h2 = body.rows.find((r: { key: string }) => r.key === ids.h2);
    // h1: A 10 days + C from the 6th to the end (N - 5 days) of 2 × N bed-days.
    expect(h1).toMatchObject({
      beds: 2,
      bedDays: 2 * N,
      occupiedBedDays: N + 5,
      admissions: 2,
      discharges: 1,
      averageStayDays: 10,
      averageWaitDays: null,
      waiting: 1,
    });
    expect(h1.occupancyRate).toBeCloseTo((N + 5) / (2 * N), 4);
    expect(h2).toMatchObject({
      beds: 1,
      bedDays: N,
      occupiedBedDays: N,
      occupancyRate: 1,
      admissions: 0,
      discharges: 0,
      averageStayDays: null,
      waiting: 0,
    });

    const byMonth = (await occupancy({ groupBy: 'month' }).expect(200)).body.rows;
    expect(byMonth).toEqual([
      expect.objectContaining({
        key: L.month,
        beds: 3,
        bedDays: 3 * N,
        occupiedBedDays: 2 * N + 5,
        admissions: 2,
        discharges: 1,
        waiting: 1,
      }),
    ]);
    const yongxing = (await occupancy({ groupBy: 'district', district: '431023' }).expect(200)).body.rows;
    expect(yongxing).toEqual([expect.objectContaining({ key: '永兴县', bedDays: 2 * N, occupiedBedDays: N + 5 })]);
    // A period running past today counts bed-days up to today only.
    const ahead = (await occupancy({ groupBy: 'month', from: L.first, to: addDays(today(), 40) }).expect(200)).body.rows;
    expect(ahead.map((r: { key: string }) => r.key)).toEqual([L.month, today().slice(0, 7)]);
    expect(ahead[1].bedDays).toBe(3 * Number(today().slice(8, 10)));
    const unknown = await occupancy({ groupBy: 'district', district: '110101' }).expect(422);
    expect(unknown.body.code).toBe('DISTRICT_UNKNOWN');
    // Centre staff see their own home only.
    const own = (await occupancy({ groupBy: 'facility' }, ids.staff1).expect(200)).body.rows;
    expect(own.map((r: { key: string }) => r.key)).toEqual([ids.h1]);
    const csv = await occupancy({ groupBy: 'district', format: 'csv' }).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text).toContain(
      'key,label,beds,bedDays,occupiedBedDays,occupancyRate,admissions,discharges,averageStayDays,averageWaitDays,waiting\r\n',
    );
    expect(csv.text).toContain(`\r\n宜章县,,1,${N},${N},1,0,0,,,0\r\n`);
  });

  it('gives the share of extreme-hardship residents in a home (集中供养率) per district', async () => {
    const { body } = await t
      .http()
      .get(`${API}/reports/institutional-care`)
      .query({ month: L.month })
      .set('Authorization', bureau)
      .expect(200);
    expect(body.rows).toEqual([
      { district: '宜章县', tekunResidents: 2, inHome: 1, rate: 0.5 },
      { district: '永兴县', tekunResidents: 1, inHome: 0, rate: 0 },
    ]);
    expect(body.total).toEqual({ district: '合计', tekunResidents: 3, inHome: 1, rate: 0.3333 });
    const one = await t
      .http()
      .get(`${API}/reports/institutional-care`)
      .query({ month: L.month, district: '431022' })
      .set('Authorization', bureau)
      .expect(200);
    expect(one.body.total).toEqual({ district: '宜章县', tekunResidents: 2, inHome: 1, rate: 0.5 });
  });

  it('gives day-care attendance: place-days, enrolled, attended and the rate', async () => {
    const site = await aDayCareSite(t.db);
    await inDistrict('facilities', site, '永兴县');
    const staff = await signedIn(t, 'centre_staff', { facilityId: site });
    await t.http().put(`${API}/facilities/${site}/day-places`).set('Authorization', staff).send({ places: 4 }).expect(200);
    const [came, stayed] = [await aResident(t.db, site), await aResident(t.db, site)];
    for (const residentId of [came, stayed]) {
      await t
        .http()
        .post(`${API}/facilities/${site}/enrolments`)
        .set('Authorization', staff)
        .send({ residentId, weekdays: [isoWeekday(today())] })
        .expect(201);
    }
    await t
      .http()
      .post(`${API}/facilities/${site}/attendance`)
      .set('Authorization', staff)
      .send({ residentId: came, date: today() })
      .expect(200);
    const { body } = await t
      .http()
      .get(`${API}/reports/attendance`)
      .query({ from: today(), to: today(), groupBy: 'facility' })
      .set('Authorization', bureau)
      .expect(200);
    expect(body.rows).toEqual([{ key: site, label: expect.any(String), places: 4, enrolled: 2, attended: 1, attendanceRate: 0.5 }]);
    const week = await t
      .http()
      .get(`${API}/reports/attendance`)
      .query({ from: addDays(today(), -6), to: today(), groupBy: 'day', district: '永兴县' })
      .set('Authorization', bureau)
      .expect(200);
    expect(week.body.rows).toHaveLength(7);
    expect(week.body.rows.at(-1)).toEqual({ key: today(), places: 4, enrolled: 2, attended: 1, attendanceRate: 0.5 });
    expect(week.body.rows[0]).toMatchObject({ places: 4, enrolled: 0, attended: 0, attendanceRate: null });
  });

  it('takes ?district= (a code or a name) on the other reports too, and refuses an unknown one', async () => {
    const month = L.month;
    for (const [path, query] of [
      ['utilisation', { from: L.first, to: L.last, groupBy: 'district' }],
      ['facilities', { month }],
      ['coverage', { month }],
    ] as const) {
      await report(path, { ...query, district: '431023' }).expect(200);
      const bad = await report(path, { ...query, district: '999999' }).expect(422);
      expect(bad.body.code).toBe('DISTRICT_UNKNOWN');
    }
    const yizhang = await report('subsidies', { month, district: '宜章县' }).expect(200);
    expect(yizhang.body.residential.byFacility.map((f: { key: string }) => f.key)).toEqual([ids.h2]);
    const yongxing = await report('subsidies', { month, district: '431023' }).expect(200);
    expect(yongxing.body.residential.byFacility.map((f: { key: string }) => f.key)).toEqual([ids.h1]);
  });
});
