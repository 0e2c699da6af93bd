import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WebhookDispatcher } from '../../src/visits/webhook-dispatcher.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCast, TEST_PASSWORD } from '../fixtures/index.js';

/** Production refuses webhooks into the service's own network (WEBHOOK_ALLOW_PRIVATE off). */
describe('webhook addresses in production', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof aCast>>;
  let family: string;
  let receiver: Server;
  let hits = 0;

  beforeAll(async () => {
    t = await startTestApp({ webhookAllowPrivate: false, visitJobs: false });
    cast = await aCast(t.db);
    family = await t.login(cast.accounts.family.username, TEST_PASSWORD);
    receiver = createServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    receiver?.close();
    await t?.close();
  });

  const setHook = (url: string) =>
    t.http().put('/api/v1/me/webhook').set('Authorization', family).send({ url, secret: 'family-secret-0123456789' });

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://10.0.0.5/hook',
    'http://[::1]/hook',
  ])('refuses %s with 422 WEBHOOK_URL_PRIVATE', async (url) => {
    const res = await setHook(url).expect(422);
    expect(res.body).toMatchObject({ code: 'WEBHOOK_URL_PRIVATE', details: [{ field: 'url' }] });
  });

  it('accepts a public address', async () => {
    await setHook('https://hooks.example.org/care').expect(200);
  });

  it('does not send to an endpoint that points into the network, whenever it was registered', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    // As an endpoint stored before this rule, or changed behind the service's back.
    await t.db.query(`UPDATE webhook_endpoints SET url = $1 WHERE user_id = $2`, [url, cast.accounts.family.id]);
    const [n] = await t.db.query<{ id: string }[]>(
      `INSERT INTO notifications (recipient_user_id, kind, dedupe_key, payload) VALUES ($1, 'visit.late', 'addr-test', '{}') RETURNING id`,
      [cast.accounts.family.id],
    );
    await t.db.query(
      `INSERT INTO notification_deliveries (notification_id, endpoint_id, event_key, url, next_attempt_at)
       SELECT $1, id, 'addr-test', url, now() - interval '1 second' FROM webhook_endpoints WHERE user_id = $2`,
      [n.id, cast.accounts.family.id],
    );
    const outcome = await t.app.get(WebhookDispatcher).dispatchDue(new Date());
    expect(outcome).toEqual({ delivered: 0, failed: 1 });
    expect(hits).toBe(0);
    const [row] = await t.db.query<{ last_error: string }[]>(
      `SELECT last_error FROM notification_deliveries WHERE event_key = 'addr-test'`,
    );
    expect(row.last_error).toContain('refused: 127.0.0.1 is a private');
  });
});
