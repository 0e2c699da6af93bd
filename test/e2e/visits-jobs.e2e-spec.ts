import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RemindersJob } from '../../src/visits/reminders.job.js';
import { VisitsWatchJob } from '../../src/visits/visits-watch.job.js';
import { WebhookDispatcher } from '../../src/visits/webhook-dispatcher.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { anAssignedVisit, aSignedInCast, historyOf, plannedStartOf, type SignedInCast, statusOf } from '../fixtures/index.js';

const MIN = 60_000;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real webhook receiver on 127.0.0.1 that answers with the given statuses in turn (then 200). */
async function receiver(statuses: number[] = []): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((r) => server.close(() => r())) };
}

/** What a receiver does, written out here independently of the service's code. */
function signedBy(secret: string, r: Received): { ok: boolean; t: number } {
  const header = String(r.headers['x-care-signature']);
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return { ok: false, t: 0 };
  const expected = createHmac('sha256', secret).update(`${match[1]}.${r.body}`).digest('hex');
  return { ok: expected === match[2], t: Number(match[1]) };
}

describe('visits: the late/missed watch, reminders and webhooks, on two instances', () => {
  let t1: TestApp;
  let t2: TestApp;

  const notificationsOf = async (userId: string, kind: string, orderId: string) =>
    await t1.db.query<{ id: string }[]>(
      `SELECT id FROM notifications WHERE recipient_user_id = $1 AND kind = $2 AND payload->>'orderId' = $3`,
      [userId, kind, orderId],
    );
  const putFamilyWebhook = (c: SignedInCast, hook: { url: string; secret: string }) =>
    t1.http().put('/api/v1/me/webhook').set('Authorization', c.auth.family).send(hook);
  /** Both instances at once, each both claiming the minute's tick and running the work directly. */
  const watchEverywhere = async (now: Date) => {
    const jobs = [t1.app.get(VisitsWatchJob), t2.app.get(VisitsWatchJob)];
    await Promise.all([...jobs.map((j) => j.tick(now)), ...jobs.map((j) => j.run(now))]);
  };

  beforeAll(async () => {
    t1 = await startTestApp({ visitJobs: false });
    t2 = await startTestApp({ visitJobs: false }, { shareDatabaseOf: t1 });
  });
  afterAll(async () => {
    await t2?.close();
    await t1?.close();
  });

  it('marks a visit late, then missed, alerting staff and family exactly once, and puts it back to assignment', async () => {
    const c = await aSignedInCast(t1);
    const v = await anAssignedVisit(t1, c, { residentId: c.residentId });
    const planned = (await plannedStartOf(t1.db, v.orderId)).getTime();

    await watchEverywhere(new Date(planned + 20 * MIN));
    expect(await notificationsOf(c.accounts.centre_staff.id, 'visit.late', v.orderId)).toHaveLength(0);

    await watchEverywhere(new Date(planned + 31 * MIN));
    expect(await statusOf(t1.db, v.orderId)).toBe('assigned');
    expect(await notificationsOf(c.accounts.centre_staff.id, 'visit.late', v.orderId)).toHaveLength(1);
    expect(await notificationsOf(c.accounts.family.id, 'visit.late', v.orderId)).toHaveLength(0);

    await watchEverywhere(new Date(planned + 61 * MIN));
    // The 90-minute slot has not ended: missed, then back to confirmed for the next assignment run.
    expect(await statusOf(t1.db, v.orderId)).toBe('confirmed');
    expect(await historyOf(t1.db, v.orderId)).toEqual(['→confirmed', 'confirmed→assigned', 'assigned→missed', 'missed→confirmed']);
    expect(await t1.db.query(`SELECT 1 FROM assignments WHERE order_id = $1`, [v.orderId])).toHaveLength(0);
    expect(await notificationsOf(c.accounts.family.id, 'visit.missed', v.orderId)).toHaveLength(1);
    expect(await notificationsOf(c.accounts.senior.id, 'visit.missed', v.orderId)).toHaveLength(1);
    expect(await notificationsOf(c.accounts.centre_staff.id, 'visit.late', v.orderId)).toHaveLength(1);

    // Later minutes change nothing more.
    await watchEverywhere(new Date(planned + 120 * MIN));
    expect(await historyOf(t1.db, v.orderId)).toHaveLength(4);
    expect(await notificationsOf(c.accounts.family.id, 'visit.missed', v.orderId)).toHaveLength(1);

    // The family sees it in the inbox; staff see it among the facility's alerts.
    const inbox = await t1.http().get('/api/v1/me/notifications').set('Authorization', c.auth.family).expect(200);
    expect(
      inbox.body.items.filter(
        (n: { kind: string; payload: { orderId: string } }) => n.kind === 'visit.missed' && n.payload.orderId === v.orderId,
      ),
    ).toHaveLength(1);
    const date = new Date(planned + 8 * 3_600_000).toISOString().slice(0, 10);
    const alerts = await t2
      .http()
      .get(`/api/v1/facilities/${c.facilityId}/visit-alerts?from=${date}`)
      .set('Authorization', c.auth.staff)
      .expect(200);
    expect(alerts.body.filter((a: { orderId: string }) => a.orderId === v.orderId).map((a: { kind: string }) => a.kind)).toEqual([
      'late',
      'missed',
    ]);
  });

  it('leaves a missed visit missed when its slot has already ended', async () => {
    const c = await aSignedInCast(t1);
    const v = await anAssignedVisit(t1, c, { residentId: c.residentId, serviceCode: 'meal.delivery' });
    const planned = (await plannedStartOf(t1.db, v.orderId)).getTime();
    await watchEverywhere(new Date(planned + 61 * MIN));
    expect(await statusOf(t1.db, v.orderId)).toBe('missed');
    expect(await historyOf(t1.db, v.orderId)).toEqual(['→confirmed', 'confirmed→assigned', 'assigned→missed']);
    expect(await notificationsOf(c.accounts.family.id, 'visit.missed', v.orderId)).toHaveLength(1);
  });

  it('reminds the senior and family the day before a home visit, once', async () => {
    const c = await aSignedInCast(t1);
    const v = await anAssignedVisit(t1, c, { residentId: c.residentId });
    const dayBefore = new Date((await plannedStartOf(t1.db, v.orderId)).getTime() - 20 * 3_600_000);
    await Promise.all([t1.app.get(RemindersJob).run(dayBefore), t2.app.get(RemindersJob).run(dayBefore)]);
    await t1.app.get(RemindersJob).run(new Date(dayBefore.getTime() + 3_600_000));
    expect(await notificationsOf(c.accounts.senior.id, 'visit.reminder', v.orderId)).toHaveLength(1);
    expect(await notificationsOf(c.accounts.family.id, 'visit.reminder', v.orderId)).toHaveLength(1);
    expect(await notificationsOf(c.accounts.centre_staff.id, 'visit.reminder', v.orderId)).toHaveLength(0);
  });

  it('POSTs signed notifications to webhooks, retries a failing receiver with backoff until it succeeds, each delivery once', async () => {
    const c: SignedInCast = await aSignedInCast(t1);
    const familyHook = await receiver();
    const facilityHook = await receiver([500]);
    try {
      await putFamilyWebhook(c, { url: familyHook.url, secret: 'family-secret-0123456789' }).expect(200);
      await t1
        .http()
        .put(`/api/v1/facilities/${c.facilityId}/webhook`)
        .set('Authorization', c.auth.staff)
        .send({ url: facilityHook.url, secret: 'facility-secret-0123456789' })
        .expect(200);
      await putFamilyWebhook(c, { url: 'ftp://x', secret: 'short' }).expect(400);

      const v = await anAssignedVisit(t1, c, { residentId: c.residentId, serviceCode: 'meal.delivery' });
      const planned = (await plannedStartOf(t1.db, v.orderId)).getTime();
      const now = planned + 61 * MIN;
      await watchEverywhere(new Date(now));

      const dispatchers = [t1.app.get(WebhookDispatcher), t2.app.get(WebhookDispatcher)];
      await Promise.all(dispatchers.map((d) => d.dispatchDue(new Date(now))));
      // The family's receiver got the missed visit once, signed with the family's secret.
      expect(familyHook.received).toHaveLength(1);
      const [got] = familyHook.received;
      expect(signedBy('family-secret-0123456789', got)).toEqual({ ok: true, t: Math.floor(now / 1000) });
      expect(signedBy('facility-secret-0123456789', got).ok).toBe(false);
      const body = JSON.parse(got.body) as { id: string; kind: string; payload: { orderId: string } };
      expect(body).toMatchObject({ kind: 'visit.missed', payload: { orderId: v.orderId } });
      expect(got.headers['x-care-notification-id']).toBe(body.id);
      expect(await notificationsOf(c.accounts.family.id, 'visit.missed', v.orderId)).toEqual([{ id: body.id }]);

      // The facility's receiver failed first: tried again only after the backoff, then delivered.
      expect(facilityHook.received).toHaveLength(1);
      await Promise.all(dispatchers.map((d) => d.dispatchDue(new Date(now + 5_000))));
      expect(facilityHook.received).toHaveLength(1);
      await Promise.all(dispatchers.map((d) => d.dispatchDue(new Date(now + 11_000))));
      expect(facilityHook.received).toHaveLength(2);
      expect(facilityHook.received.map((r) => r.headers['x-care-delivery-attempt'])).toEqual(['1', '2']);
      expect(facilityHook.received.every((r) => signedBy('facility-secret-0123456789', r).ok)).toBe(true);
      expect(facilityHook.received[0].body).toBe(facilityHook.received[1].body);
      const deliveries = await t1.db.query<{ attempts: number; delivered: boolean }[]>(
        `SELECT d.attempts, d.delivered_at IS NOT NULL AS delivered, d.last_error FROM notification_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
          WHERE e.facility_id = $1 OR e.user_id = $2 ORDER BY d.id`,
        [c.facilityId, c.accounts.family.id],
      );
      expect(deliveries).toHaveLength(2);
      expect(deliveries.every((d) => d.delivered)).toBe(true);
      expect(deliveries.map((d) => d.attempts).sort()).toEqual([1, 2]);

      // Nothing more is sent once delivered.
      await Promise.all(dispatchers.map((d) => d.dispatchDue(new Date(now + 3_600_000))));
      expect(familyHook.received).toHaveLength(1);
      expect(facilityHook.received).toHaveLength(2);
    } finally {
      await familyHook.close();
      await facilityHook.close();
    }
  });

  it('gives up on a receiver that never answers well, after the configured attempts', async () => {
    const c = await aSignedInCast(t1);
    const hook = await receiver(Array(20).fill(503));
    try {
      await putFamilyWebhook(c, { url: hook.url, secret: 'family-secret-0123456789' }).expect(200);
      const v = await anAssignedVisit(t1, c, { residentId: c.residentId, serviceCode: 'meal.delivery' });
      let now = (await plannedStartOf(t1.db, v.orderId)).getTime() + 61 * MIN;
      await watchEverywhere(new Date(now));
      const dispatcher = t1.app.get(WebhookDispatcher);
      for (let i = 0; i < 12; i++) {
        await dispatcher.dispatchDue(new Date(now));
        now += 7 * 3_600_000;
      }
      expect(hook.received).toHaveLength(8);
      const [d] = await t1.db.query<{ attempts: number; gave_up: boolean; last_error: string }[]>(
        `SELECT d.attempts, d.gave_up_at IS NOT NULL AS gave_up, d.last_error FROM notification_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE e.user_id = $1`,
        [c.accounts.family.id],
      );
      expect(d).toEqual({ attempts: 8, gave_up: true, last_error: 'HTTP 503' });
    } finally {
      await hook.close();
    }
  });
});
