import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Trust1764374400800 } from '../../src/database/migrations/1764374400800-trust.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aFacility, aFamilyLink, anAccount, aResident, TEST_PASSWORD } from '../fixtures/index.js';

/** Issue 14, attacks 1-4: accounts that cannot be taken over, tokens that end, sign-in counting that holds. */
describe('trust: accounts and sign-in', () => {
  let t: TestApp;
  let admin: string;
  const MAX = 5;

  beforeAll(async () => {
    t = await startTestApp({ loginMaxFailures: MAX, loginAddressDelayMs: 1 });
    admin = await t.login('admin');
  });
  afterAll(async () => t?.close());

  const login = (username: string, password = TEST_PASSWORD) => t.http().post('/api/v1/auth/login').send({ username, password });
  const me = (token: string) => t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);

  it('attack 1: staff of one centre cannot take over a family account of another centre by linking it', async () => {
    const facilityA = await aFacility(t.db);
    const facilityB = await aFacility(t.db);
    const residentB = await aResident(t.db, facilityB);
    const residentA = await aResident(t.db, facilityA);
    const family = await anAccount(t.db, 'family');
    await aFamilyLink(t.db, family.id, residentB);
    const staffA = await anAccount(t.db, 'centre_staff', { facilityId: facilityA });
    const staff = `Bearer ${(await login(staffA.username).expect(200)).body.accessToken as string}`;
    // Linking the account to one of their own residents is allowed: families span centres.
    await t
      .http()
      .post(`/api/v1/residents/${residentA}/family-links`)
      .set('Authorization', staff)
      .send({ username: family.username, relationship: '女儿' })
      .expect(201);
    // ...but it does not hand them the account: no password reset, no disable, no new phone.
    const reset = await t.http().patch(`/api/v1/users/${family.id}`).set('Authorization', staff).send({ password: 'taken-over-1' });
    expect(reset.status).toBe(403);
    expect(reset.body.code).toBe('ACCOUNT_OUTSIDE_FACILITY');
    await t.http().patch(`/api/v1/users/${family.id}`).set('Authorization', staff).send({ disabled: true }).expect(403);
    await login(family.username, 'taken-over-1').expect(401);
    await login(family.username).expect(200);
    // An account wholly inside the centre stays theirs to manage; admin manages any.
    const own = await anAccount(t.db, 'family');
    await aFamilyLink(t.db, own.id, residentA);
    await t.http().patch(`/api/v1/users/${own.id}`).set('Authorization', staff).send({ password: 'new-password-1' }).expect(200);
    await t.http().patch(`/api/v1/users/${family.id}`).set('Authorization', admin).send({ password: 'new-password-2' }).expect(200);
  });

  it('attack 2: a password reset ends the tokens issued before it', async () => {
    const { id, username } = await anAccount(t.db, 'family');
    const before = (await login(username).expect(200)).body.accessToken as string;
    await me(before).expect(200);
    await t.http().patch(`/api/v1/users/${id}`).set('Authorization', admin).send({ password: 'a-new-password' }).expect(200);
    const res = await me(before).expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    const after = (await login(username, 'a-new-password').expect(200)).body.accessToken as string;
    await me(after).expect(200);
  });

  it('attack 2: a role change and logout-everywhere end earlier tokens too', async () => {
    const { id, username } = await anAccount(t.db, 'bureau_staff');
    const first = (await login(username).expect(200)).body.accessToken as string;
    const second = (await login(username).expect(200)).body.accessToken as string;
    await t.http().post('/api/v1/auth/logout-everywhere').set('Authorization', `Bearer ${first}`).expect(204);
    await me(first).expect(401);
    await me(second).expect(401);
    const third = (await login(username).expect(200)).body.accessToken as string;
    await me(third).expect(200);
    // A change made outside the service (psql) reaches the instance's account cache by NOTIFY, within milliseconds.
    await t.db.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [id]);
    expect(await eventually(async () => (await me(third)).status === 401)).toBe(true);
  });

  it('attack 3: forty parallel wrong passwords reach the password check at most the allowed number of times', async () => {
    const { username } = await anAccount(t.db, 'family');
    const answers = await Promise.all(Array.from({ length: 40 }, () => login(username, 'wrong-guess')));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(MAX);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40 - MAX);
    await login(username).expect(429);
  });

  it('attack 3: the username and the phone of one account share one count', async () => {
    // The address's count starts afresh, so only the account's count can refuse here.
    await t.db.query(`DELETE FROM login_failures WHERE key LIKE 'ip:%'`);
    const { id, username } = await anAccount(t.db, 'family');
    await t.db.query('UPDATE users SET phone = $2 WHERE id = $1', [id, '13911112222']);
    for (let i = 0; i < 3; i++) await login(username, 'wrong-guess').expect(401);
    for (let i = 0; i < 2; i++) await login('13911112222', 'wrong-guess').expect(401);
    const res = await login('13911112222').expect(429);
    expect(res.body.code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('attack 3: failures from one shared address do not refuse the correct sign-in of someone else there', async () => {
    // Everyone in this spec signs in from the same address, as at a centre's front desk.
    for (let n = 0; n < 6; n++) {
      const { username } = await anAccount(t.db, 'family');
      for (let i = 0; i < MAX; i++) await login(username, 'wrong-guess').expect(401);
    }
    const bystander = await anAccount(t.db, 'senior', { residentId: await aResident(t.db, await aFacility(t.db)) });
    await login(bystander.username).expect(200);
  });

  it('attack 4: a username may not look like a mobile number, so sign-in by number reaches one account', async () => {
    const res = await t
      .http()
      .post('/api/v1/users')
      .set('Authorization', admin)
      .send({ username: '13922223333', password: 'a-good-password', role: 'family', displayName: '冒名' })
      .expect(422);
    expect(res.body.code).toBe('USERNAME_LOOKS_LIKE_MOBILE');
    const holder = await anAccount(t.db, 'family');
    await t.http().patch(`/api/v1/users/${holder.id}`).set('Authorization', admin).send({ phone: '13922223333' }).expect(200);
    const other = await anAccount(t.db, 'family');
    const taken = await t.http().patch(`/api/v1/users/${other.id}`).set('Authorization', admin).send({ phone: '13922223333' }).expect(409);
    expect(taken.body.code).toBe('PHONE_TAKEN');
    await expect(t.db.query(`UPDATE users SET username = '8613922224444' WHERE id = $1`, [other.id])).rejects.toThrow(
      /users_username_not_mobile/,
    );
  });

  it('attack 4: the migration renames existing number-like usernames and keeps the number as the phone when free', async () => {
    const runner = t.db.createQueryRunner();
    try {
      await new Trust1764374400800().down(runner);
      const free = await anAccount(t.db, 'family', { username: '13933334444' });
      const held = await anAccount(t.db, 'family', { username: '13933335555' });
      const holder = await anAccount(t.db, 'family');
      await t.db.query('UPDATE users SET phone = $2 WHERE id = $1', [holder.id, '13933335555']);
      await new Trust1764374400800().up(runner);
      const rows = await t.db.query<
        {
          id: string;
          username: string;
          phone: string | null;
        }[]
      >('SELECT id, username, phone FROM users WHERE id = ANY($1) ORDER BY username', [[free.id, held.id]]);
      expect(rows).toEqual([
        { id: free.id, username: 'u13933334444', phone: '13933334444' },
        { id: held.id, username: 'u13933335555', phone: null },
      ]);
    } finally {
      await runner.release();
    }
  });
});
