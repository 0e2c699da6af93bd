import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccountCache, type Account } from '../../src/auth/account-cache.js';
import { ChangeFeed, PING_EVERY_MS } from '../../src/database/change-feed.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { anAccount, TEST_PASSWORD } from '../fixtures/index.js';

/** A reader that counts how often the account row is read. */
function countingReader(actor: Account | undefined) {
  const reader = { reads: 0, read: async () => (reader.reads++, actor) };
  return reader;
}

/** A new family account and the actor the cache would hold for it. */
async function aFamilyActor(app: TestApp) {
  const { id } = await anAccount(app.db, 'family');
  const actor: Account = {
    userId: id,
    role: 'family',
    displayName: 'x',
    facilityId: null,
    residentId: null,
    caregiverId: null,
    tokenVersion: 0,
  };
  return { id, actor };
}

describe('account cache across instances', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({}, { shareDatabaseOf: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('serves a known account from memory and reads it again after any change to its row', async () => {
    const cache = b.app.get(AccountCache);
    expect(cache.active).toBe(true);
    const { id, actor } = await aFamilyActor(a);
    const reader = countingReader(actor);
    await cache.get(id, reader.read);
    await cache.get(id, reader.read);
    expect(reader.reads).toBe(1);
    // A change made outside the service (here plain SQL on the other instance's pool) is announced by the trigger.
    await a.db.query('UPDATE users SET display_name = $2 WHERE id = $1', [id, '改了名字']);
    expect(await eventually(async () => (await cache.get(id, reader.read), reader.reads === 2))).toBe(true);
    // A write that leaves the actor's columns alone announces nothing.
    await a.db.query('UPDATE users SET phone = $2 WHERE id = $1', [id, '13800009999']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await cache.get(id, reader.read);
    expect(reader.reads).toBe(2);
  });

  it('does not keep an account read while a change was announced', async () => {
    const cache = b.app.get(AccountCache);
    const { id, actor } = await aFamilyActor(a);
    let reads = 0;
    const racing = async () => {
      reads++;
      if (reads === 1) cache.forget(id);
      return actor;
    };
    await cache.get(id, racing);
    await cache.get(id, racing);
    expect(reads).toBe(2);
  });

  it('stops a token on every instance once its account is disabled on one', async () => {
    const { id, username } = await anAccount(a.db, 'family');
    const token = await a.login(username, TEST_PASSWORD);
    // Both instances now hold the account in memory.
    await a.http().get('/api/v1/auth/me').set('Authorization', token).expect(200);
    await b.http().get('/api/v1/auth/me').set('Authorization', token).expect(200);
    const admin = await a.login('admin');
    await a.http().patch(`/api/v1/users/${id}`).set('Authorization', admin).send({ disabled: true }).expect(200);
    await a.http().get('/api/v1/auth/me').set('Authorization', token).expect(401);
    expect(await eventually(async () => (await b.http().get('/api/v1/auth/me').set('Authorization', token)).status === 401)).toBe(true);
  });

  it('reads every account while its listener is down, and listens again once the database lets it', async () => {
    const cache = b.app.get(AccountCache);
    const { id, actor } = await aFamilyActor(a);
    const reader = countingReader(actor);
    await cache.get(id, reader.read);
    await a.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'chenzhou-care change feed' AND datname = current_database()`,
    );
    expect(await eventually(() => !cache.active)).toBe(true);
    await cache.get(id, reader.read);
    await cache.get(id, reader.read);
    expect(reader.reads).toBe(3);
    expect(await eventually(() => cache.active)).toBe(true);
    await cache.get(id, reader.read);
    await cache.get(id, reader.read);
    expect(reader.reads).toBe(4);
  });

  it('stops serving from memory when its own pings stop coming back, and listens again', async () => {
    const feed = b.app.get(ChangeFeed);
    expect(feed.active).toBe(true);
    // As a pooler that swallows notifications would: the connection stays up, nothing arrives.
    await (feed as unknown as { client: { query(sql: string): Promise<unknown> } }).client.query('UNLISTEN care_feed_ping');
    expect(await eventually(() => !feed.active, 3 * PING_EVERY_MS)).toBe(true);
    expect(await eventually(() => feed.active)).toBe(true);
  });
});

describe('account cache turned off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ cacheSeconds: 0 });
  });
  afterAll(async () => t?.close());

  it('reads the account on every request', async () => {
    const cache = t.app.get(AccountCache);
    expect(cache.active).toBe(false);
    const reader = countingReader(undefined);
    await cache.get('00000000-0000-0000-0000-000000000000', reader.read);
    await cache.get('00000000-0000-0000-0000-000000000000', reader.read);
    expect(reader.reads).toBe(2);
  });
});
