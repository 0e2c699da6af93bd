import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { shanghaiDate } from '../../src/common/shanghai-time.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  aCaregiver,
  anAccount,
  anAssignedVisit,
  aSignedInCast,
  historyOf,
  type SignedInCast,
  statusOf,
  TEST_PASSWORD,
} from '../fixtures/index.js';

const HOME = { lat: 25.791, lng: 113.031 };
const MIN = 60_000;

describe('visits: a caregiver’s day', () => {
  let t: TestApp;
  let c: SignedInCast;
  const post = (path: string, auth: string, body: object = {}) => t.http().post(`/api/v1${path}`).set('Authorization', auth).send(body);
  const get = (path: string, auth: string) => t.http().get(`/api/v1${path}`).set('Authorization', auth);
  const todaysCode = async (residentId: string) => {
    const today = shanghaiDate(Date.now());
    const res = await get(`/residents/${residentId}/visit-codes?month=${today.slice(0, 7)}`, c.auth.staff).expect(200);
    return (res.body.codes as { date: string; code: string }[]).find((x) => x.date === today)!.code;
  };

  beforeAll(async () => {
    t = await startTestApp({ visitJobs: false });
    c = await aSignedInCast(t);
  });
  afterAll(async () => t?.close());

  it('carries a day from assignment to completion: worklist, check-in by location and by code, check-out, too early refused', async () => {
    const now = Date.now();
    const a = await anAssignedVisit(t, c, { serviceCode: 'meal.delivery', plannedStart: new Date(now - 5 * MIN), travelMinutes: 12 });
    const b = await anAssignedVisit(t, c, { serviceCode: 'meal.delivery', plannedStart: new Date(now + 25 * MIN), travelMinutes: 8 });
    const late = await anAssignedVisit(t, c, { serviceCode: 'meal.delivery', plannedStart: new Date(now + 55 * MIN), travelMinutes: 5 });
    const planned = [
      { id: a.orderId, at: now - 5 * MIN, travel: 12 },
      { id: b.orderId, at: now + 25 * MIN, travel: 8 },
      { id: late.orderId, at: now + 55 * MIN, travel: 5 },
    ];

    // The worklist of each day shows that day's visits, in planned order, with what the caregiver needs.
    for (const date of new Set(planned.map((p) => shanghaiDate(p.at)))) {
      const list = await get(`/caregivers/me/visits?date=${date}`, c.auth.caregiver).expect(200);
      const expected = planned.filter((p) => shanghaiDate(p.at) === date);
      expect(list.body.map((v: { orderId: string }) => v.orderId)).toEqual(expected.map((p) => p.id));
      expect(list.body.map((v: { travelMinutes: number }) => v.travelMinutes)).toEqual(expected.map((p) => p.travel));
      expect(list.body[0]).toMatchObject({
        status: 'assigned',
        resident: { name: '张秀英' },
        service: { code: 'meal.delivery', place: 'home' },
        location: HOME,
      });
      expect(list.body[0].address).toBe('人民西路8号');
    }

    // Visit A: checked in at the door (verified by location), checked out: completed with actual times.
    const inA = await post(`/orders/${a.orderId}/check-in`, c.auth.caregiver, { lat: 25.7912, lng: 113.0311 }).expect(200);
    expect(inA.body).toMatchObject({ status: 'in_progress', checkIn: { verifiedBy: 'location', flaggedFar: false } });
    expect(inA.body.checkIn.distanceM).toBeLessThan(30);
    const again = await post(`/orders/${a.orderId}/check-in`, c.auth.caregiver, HOME).expect(409);
    expect(again.body.code).toBe('INVALID_TRANSITION');
    const outA = await post(`/orders/${a.orderId}/check-out`, c.auth.caregiver, { ...HOME, notes: '送餐完成' }).expect(200);
    expect(outA.body).toMatchObject({ status: 'completed', notes: '送餐完成', actualMinutes: 0, checkOut: { verifiedBy: 'location' } });
    expect(outA.body.actualStart).toBe(inA.body.checkIn.at);
    expect(outA.body.actualEnd).toMatch(/\+08:00$/);
    expect(await historyOf(t.db, a.orderId)).toEqual(['→confirmed', 'confirmed→assigned', 'assigned→in_progress', 'in_progress→completed']);

    // Visit B: no fix, the code from the service card verifies it.
    const inB = await post(`/orders/${b.orderId}/check-in`, c.auth.caregiver, { code: await todaysCode(b.residentId) }).expect(200);
    expect(inB.body.checkIn).toMatchObject({ verifiedBy: 'code', location: null, distanceM: null });
    // A wrong code is refused, not silently taken as unverified.
    const wrong = await post(`/orders/${b.orderId}/check-out`, c.auth.caregiver, {
      code: '000000' === (await todaysCode(b.residentId)) ? '000001' : '000000',
    }).expect(422);
    expect(wrong.body.code).toBe('VISIT_CODE_WRONG');
    await post(`/orders/${b.orderId}/check-out`, c.auth.caregiver, { code: await todaysCode(b.residentId) }).expect(200);
    expect(await statusOf(t.db, b.orderId)).toBe('completed');

    // The third visit is more than 30 minutes away: too early.
    const early = await post(`/orders/${late.orderId}/check-in`, c.auth.caregiver, HOME).expect(422);
    expect(early.body.code).toBe('CHECK_IN_TOO_EARLY');
    expect(await statusOf(t.db, late.orderId)).toBe('assigned');
  });

  it('pauses check-in by code after five wrong codes for a visit, even with the right one', async () => {
    const d = await aSignedInCast(t);
    const v = await anAssignedVisit(t, d, { plannedStart: new Date(Date.now() + 10 * MIN) });
    const today = shanghaiDate(Date.now());
    const codes = await get(`/residents/${v.residentId}/visit-codes?month=${today.slice(0, 7)}`, d.auth.staff).expect(200);
    const right = (codes.body.codes as { date: string; code: string }[]).find((x) => x.date === today)!.code;
    const wrongCode = right === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) {
      expect((await post(`/orders/${v.orderId}/check-in`, d.auth.caregiver, { code: wrongCode }).expect(422)).body.code).toBe(
        'VISIT_CODE_WRONG',
      );
    }
    const paused = await post(`/orders/${v.orderId}/check-in`, d.auth.caregiver, { code: right }).expect(429);
    expect(paused.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(await statusOf(t.db, v.orderId)).toBe('assigned');
    // The location still works.
    await post(`/orders/${v.orderId}/check-in`, d.auth.caregiver, { lat: 25.7912, lng: 113.0311 }).expect(200);
  });

  it('accepts a far check-in but flags it with the distance, for the facility’s staff', async () => {
    // Another caregiver's day, so as not to overlap the visits above.
    const d = await aSignedInCast(t);
    const v = await anAssignedVisit(t, d, { plannedStart: new Date(Date.now() + 10 * MIN) });
    const res = await post(`/orders/${v.orderId}/check-in`, d.auth.caregiver, { lat: 25.8, lng: 113.031 }).expect(200);
    expect(res.body.checkIn).toMatchObject({ verifiedBy: null, flaggedFar: true, distanceM: 1001 });
    const alerts = await get(`/facilities/${d.facilityId}/visit-alerts?from=${shanghaiDate(Date.now() + 10 * MIN)}`, d.auth.staff).expect(
      200,
    );
    const mine = alerts.body.filter((x: { orderId: string }) => x.orderId === v.orderId);
    expect(mine.map((x: { kind: string }) => x.kind).sort()).toEqual(['far_check_in', 'unverified']);
    expect(mine[0]).toMatchObject({ distanceM: 1001, caregiverId: d.caregiverId, residentId: v.residentId });
    // Staff of another facility do not see them.
    await get(`/facilities/${d.facilityId}/visit-alerts`, c.auth.staff).expect(404);
    const inbox = await get('/me/notifications', d.auth.staff).expect(200);
    expect(
      inbox.body.items.find(
        (n: { kind: string; payload: { orderId: string } }) => n.kind === 'visit.far_check_in' && n.payload.orderId === v.orderId,
      ).payload.distanceM,
    ).toBe(1001);

    // Staff vouch for the unverified visit, with a reason that is kept; a second time is refused.
    await post(`/orders/${v.orderId}/confirm-visit`, c.auth.staff, { reason: 'not my facility' }).expect(404);
    const confirmed = await post(`/orders/${v.orderId}/confirm-visit`, d.auth.staff, { reason: '电话回访老人，确认护理员已上门' }).expect(
      200,
    );
    expect(confirmed.body).toMatchObject({
      checkIn: { verifiedBy: 'staff', flaggedFar: true },
      staffConfirmation: { reason: '电话回访老人，确认护理员已上门' },
    });
    expect((await post(`/orders/${v.orderId}/confirm-visit`, d.auth.staff, { reason: 'again' }).expect(409)).body.code).toBe(
      'VISIT_ALREADY_VERIFIED',
    );
  });

  it('refuses check-out without check-in (409) and a visit not assigned to the caller (404)', async () => {
    const v = await anAssignedVisit(t, c);
    const res = await post(`/orders/${v.orderId}/check-out`, c.auth.caregiver, HOME).expect(409);
    expect(res.body.code).toBe('CHECK_OUT_WITHOUT_CHECK_IN');
    const other = await aCaregiver(t.db, c.facilityId);
    const otherAccount = await anAccount(t.db, 'caregiver', { caregiverId: other });
    const otherAuth = await t.login(otherAccount.username, TEST_PASSWORD);
    const notMine = await post(`/orders/${v.orderId}/check-in`, otherAuth, HOME).expect(404);
    expect(notMine.body.code).toBe('NOT_ASSIGNED_TO_YOU');
    expect((await post('/orders/00000000-0000-4000-8000-000000000000/check-in', otherAuth, HOME).expect(404)).body.code).toBe(
      'NOT_ASSIGNED_TO_YOU',
    );
    expect((await get('/caregivers/me/visits', otherAuth).expect(200)).body).toEqual([]);
    // Confirming a visit that never started is refused.
    expect((await post(`/orders/${v.orderId}/confirm-visit`, c.auth.staff, { reason: 'x' }).expect(409)).body.code).toBe(
      'VISIT_NOT_CHECKED_IN',
    );
  });

  it('takes feedback from the senior or linked family on a completed visit, once', async () => {
    const c = await aSignedInCast(t);
    const v = await anAssignedVisit(t, c, { residentId: c.residentId, plannedStart: new Date(Date.now()) });
    expect((await post(`/orders/${v.orderId}/feedback`, c.auth.family, { rating: 5 }).expect(409)).body.code).toBe('ORDER_NOT_COMPLETED');
    await post(`/orders/${v.orderId}/check-in`, c.auth.caregiver, HOME).expect(200);
    await post(`/orders/${v.orderId}/check-out`, c.auth.caregiver, HOME).expect(200);
    await post(`/orders/${v.orderId}/feedback`, c.auth.family, { rating: 6 }).expect(400);
    const given = await post(`/orders/${v.orderId}/feedback`, c.auth.family, { rating: 5, comment: '阿姨很细心' }).expect(201);
    expect(given.body).toMatchObject({ orderId: v.orderId, rating: 5, comment: '阿姨很细心', by: c.accounts.family.id });
    const twice = await Promise.all([
      post(`/orders/${v.orderId}/feedback`, c.auth.senior, { rating: 1 }),
      post(`/orders/${v.orderId}/feedback`, c.auth.family, { rating: 2 }),
    ]);
    expect(twice.map((r) => r.body.code)).toEqual(['FEEDBACK_EXISTS', 'FEEDBACK_EXISTS']);
    // The order shows the rating, so a page can show it instead of the form.
    const detail = await get(`/orders/${v.orderId}`, c.auth.senior).expect(200);
    expect(detail.body.feedback).toEqual({ rating: 5, comment: '阿姨很细心' });
    // Someone not linked to the resident does not see the order at all.
    const stranger = await anAccount(t.db, 'family');
    expect(
      (await post(`/orders/${v.orderId}/feedback`, await t.login(stranger.username, TEST_PASSWORD), { rating: 3 }).expect(404)).body.code,
    ).toBe('NOT_FOUND');
  });

  it('refuses a no-show before the visit’s planned start, with a stable code, and leaves the order as it was', async () => {
    const d = await aSignedInCast(t);
    // Two days ahead (the builder's default).
    const ahead = await anAssignedVisit(t, d);
    const res = await post(`/orders/${ahead.orderId}/no-show`, d.auth.staff, { reason: '老人不在家' }).expect(422);
    expect(res.body.code).toBe('NO_SHOW_TOO_EARLY');
    expect(res.body.message).toContain('planned start');
    expect(await statusOf(t.db, ahead.orderId)).toBe('assigned');
    // Ten minutes from now is still to come, for the admin as well.
    const soon = await anAssignedVisit(t, d, { plannedStart: new Date(Date.now() + 10 * MIN) });
    expect((await post(`/orders/${soon.orderId}/no-show`, d.auth.admin, { reason: '老人不在家' }).expect(422)).body.code).toBe(
      'NO_SHOW_TOO_EARLY',
    );
    expect(await statusOf(t.db, soon.orderId)).toBe('assigned');
    const [{ count }] = await t.db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM notifications WHERE kind = 'visit.no_show' AND payload->>'orderId' = ANY($1)`,
      [[ahead.orderId, soon.orderId]],
    );
    expect(count).toBe(0);
  });

  it('lets staff record a no-show, telling the family, through the status machine', async () => {
    const v = await anAssignedVisit(t, c, { residentId: c.residentId, plannedStart: new Date(Date.now() - 180 * MIN) });
    const res = await post(`/orders/${v.orderId}/no-show`, c.auth.staff, { reason: '老人外出就医，不在家' }).expect(200);
    expect(res.body.status).toBe('no_show');
    expect((await post(`/orders/${v.orderId}/no-show`, c.auth.staff, { reason: 'again' }).expect(409)).body.code).toBe(
      'INVALID_TRANSITION',
    );
    const [h] = await t.db.query<{ reason: string; by_user: string }[]>(
      `SELECT reason, by_user FROM order_history WHERE order_id = $1 AND to_status = 'no_show'`,
      [v.orderId],
    );
    expect(h).toEqual({ reason: '老人外出就医，不在家', by_user: c.accounts.centre_staff.id });
    const inbox = await get('/me/notifications', c.auth.family).expect(200);
    const note = inbox.body.items.find(
      (n: { kind: string; payload: { orderId: string } }) => n.kind === 'visit.no_show' && n.payload.orderId === v.orderId,
    );
    expect(note).toBeDefined();
    expect(inbox.body.unread).toBeGreaterThan(0);
    // Read once and read again: the first time stays, the unread count drops by one.
    const read = await post(`/me/notifications/${note.id}/read`, c.auth.family).expect(200);
    const reread = await post(`/me/notifications/${note.id}/read`, c.auth.family).expect(200);
    expect(reread.body.readAt).toBe(read.body.readAt);
    expect((await get('/me/notifications', c.auth.family).expect(200)).body.unread).toBe(inbox.body.unread - 1);
    // Someone else's notification is not found.
    await post(`/me/notifications/${note.id}/read`, c.auth.staff).expect(404);
  });

  it('derives a card’s daily codes, stable for a day and different across residents', async () => {
    const month = shanghaiDate(Date.now()).slice(0, 7);
    const first = await get(`/residents/${c.residentId}/visit-codes?month=${month}`, c.auth.staff).expect(200);
    const again = await get(`/residents/${c.residentId}/visit-codes?month=${month}`, c.auth.admin).expect(200);
    expect(again.body.codes).toEqual(first.body.codes);
    expect(first.body.codes[0].code).toMatch(/^\d{6}$/);
    const [{ count }] = await t.db.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM visit_cards`);
    expect(count).toBeGreaterThan(0);
    await get(`/residents/${c.residentId}/visit-codes?month=2026-13`, c.auth.staff).expect(400);
  });

  it('lets each route be used only by its roles', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const routes: [string, string, string[]][] = [
      ['get', '/caregivers/me/visits', ['caregiver']],
      ['post', `/orders/${id}/check-in`, ['caregiver']],
      ['post', `/orders/${id}/check-out`, ['caregiver']],
      ['post', `/orders/${id}/confirm-visit`, ['centre_staff', 'admin']],
      ['post', `/orders/${id}/no-show`, ['centre_staff', 'admin']],
      ['post', `/orders/${id}/feedback`, ['senior', 'family']],
      ['get', `/facilities/${c.facilityId}/visit-alerts`, ['centre_staff', 'admin']],
      ['get', `/residents/${c.residentId}/visit-codes?month=2026-12`, ['centre_staff', 'admin']],
      ['put', `/facilities/${c.facilityId}/webhook`, ['centre_staff', 'admin']],
      ['put', '/me/webhook', ['family']],
      ['get', '/me/notifications', ['senior', 'family', 'caregiver', 'centre_staff', 'bureau_staff', 'admin']],
    ];
    const auths: Record<string, string> = {
      senior: c.auth.senior,
      family: c.auth.family,
      caregiver: c.auth.caregiver,
      centre_staff: c.auth.staff,
      admin: c.auth.admin,
      bureau_staff: await t.login(c.accounts.bureau_staff.username, TEST_PASSWORD),
    };
    for (const [method, path, allowed] of routes) {
      for (const [role, auth] of Object.entries(auths)) {
        const url = `/api/v1${path}`;
        const req = method === 'get' ? t.http().get(url) : method === 'put' ? t.http().put(url).send({}) : t.http().post(url).send({});
        const res = await req.set('Authorization', auth);
        if (allowed.includes(role)) expect([role, path, res.status]).not.toEqual([role, path, 403]);
        else expect([role, path, res.status]).toEqual([role, path, 403]);
      }
    }
  });
});
