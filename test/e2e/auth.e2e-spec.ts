import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROLES } from '../../src/common/auth/roles.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCast, aFacility, anAccount, TEST_PASSWORD } from '../fixtures/index.js';

describe('sign-in and accounts', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof aCast>>;
  /** POST /api/v1/users as `auth`; the spec checks the answer. */
  const postUser = (auth: string, body: object) => t.http().post('/api/v1/users').set('Authorization', auth).send(body);
  /** A new account's body, with a password the rules accept. */
  const newAccount = (username: string, role: string, displayName: string, more: object = {}) => ({
    username,
    password: 'a-good-password',
    role,
    displayName,
    ...more,
  });

  beforeAll(async () => {
    t = await startTestApp({ loginMaxFailures: 3 });
    cast = await aCast(t.db);
  });
  afterAll(async () => t?.close());

  it.each(ROLES)('signs a %s in and tells who they are', async (role) => {
    const { username } = cast.accounts[role];
    const res = await t.http().post('/api/v1/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body.expiresIn).toBe(900);
    expect(res.body.user.role).toBe(role);
    const me = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body).toEqual(res.body.user);
  });

  it('ties each account to what it acts for', async () => {
    const staff = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: cast.accounts.centre_staff.username, password: TEST_PASSWORD });
    expect(staff.body.user.facilityId).toBe(cast.facilityId);
    const senior = await t.http().post('/api/v1/auth/login').send({ username: cast.accounts.senior.username, password: TEST_PASSWORD });
    expect(senior.body.user.residentId).toBe(cast.residentId);
  });

  it('gives the same 401 for an unknown user and a wrong password', async () => {
    const unknown = await t.http().post('/api/v1/auth/login').send({ username: 'nobody-here', password: 'whatever1' }).expect(401);
    const wrong = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: cast.accounts.bureau_staff.username, password: 'wrong-pass' })
      .expect(401);
    expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
    expect({ ...unknown.body, requestId: undefined }).toEqual({ ...wrong.body, requestId: undefined });
  });

  it('refuses with 429 after repeated failures for one user, even with the right password', async () => {
    const { id, username } = await anAccount(t.db, 'family');
    for (let i = 0; i < 3; i++) {
      await t.http().post('/api/v1/auth/login').send({ username, password: 'wrong-pass' }).expect(401);
    }
    const res = await t.http().post('/api/v1/auth/login').send({ username, password: TEST_PASSWORD }).expect(429);
    expect(res.body.code).toBe('TOO_MANY_ATTEMPTS');
    // Attempts are counted on the account before the password is checked: the refused one too.
    const rows = await t.db.query<{ failures: number }[]>(`SELECT failures FROM login_failures WHERE key = $1`, [`account:${id}`]);
    expect(rows[0].failures).toBe(4);
  });

  it('signs in with the mobile number too', async () => {
    const admin = await t.login('admin');
    await t
      .http()
      .patch(`/api/v1/users/${cast.accounts.bureau_staff.id}`)
      .set('Authorization', admin)
      .send({ phone: '13900001111' })
      .expect(200);
    const res = await t.http().post('/api/v1/auth/login').send({ username: '13900001111', password: TEST_PASSWORD }).expect(200);
    expect(res.body.user.role).toBe('bureau_staff');
  });

  it('stops a disabled account at once, token included', async () => {
    const { id, username } = await anAccount(t.db, 'family');
    const token = await t.login(username, TEST_PASSWORD);
    await t.http().get('/api/v1/auth/me').set('Authorization', token).expect(200);
    const admin = await t.login('admin');
    await t.http().patch(`/api/v1/users/${id}`).set('Authorization', admin).send({ disabled: true }).expect(200);
    await t.http().get('/api/v1/auth/me').set('Authorization', token).expect(401);
    await t.http().post('/api/v1/auth/login').send({ username, password: TEST_PASSWORD }).expect(401);
  });

  describe('accounts', () => {
    it('lets admin create any account and records it in the audit trail', async () => {
      const admin = await t.login('admin');
      const res = await postUser(admin, newAccount('bureau.li', 'bureau_staff', '李科长')).expect(201);
      expect(res.body).toMatchObject({ username: 'bureau.li', role: 'bureau_staff', disabled: false });
      expect(res.body.passwordHash).toBeUndefined();
      await t.login('bureau.li', 'a-good-password');
      const audit = await t
        .http()
        .get('/api/v1/audit')
        .query({ entity: 'user', entityId: res.body.id })
        .set('Authorization', admin)
        .expect(200);
      expect(audit.body.items[0]).toMatchObject({ action: 'create', entity: 'user' });
      expect(JSON.stringify(audit.body)).not.toContain('a-good-password');
    });

    it('lets centre staff create a senior account for a resident of their own facility only', async () => {
      const staff = await t.login(cast.accounts.centre_staff.username, TEST_PASSWORD);
      const body = newAccount('senior.zhang', 'senior', '张秀英', { residentId: cast.residentId });
      // The resident already has a senior account in the cast.
      const taken = await postUser(staff, body).expect(409);
      expect(taken.body.code).toBe('ACCOUNT_EXISTS');
      const other = await aFacility(t.db);
      const otherStaff = await anAccount(t.db, 'centre_staff', { facilityId: other });
      const otherToken = await t.login(otherStaff.username, TEST_PASSWORD);
      await postUser(otherToken, { ...body, username: 'senior.zhang2' }).expect(404);
    });

    it('refuses centre staff creating staff or admin accounts, and needs the right links', async () => {
      const staff = await t.login(cast.accounts.centre_staff.username, TEST_PASSWORD);
      const res = await postUser(staff, newAccount('boss', 'admin', 'x')).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      const admin = await t.login('admin');
      const missing = await postUser(admin, newAccount('staff.x', 'centre_staff', 'x')).expect(422);
      expect(missing.body).toMatchObject({ code: 'ROLE_LINK_INVALID', details: [{ field: 'facilityId' }] });
    });

    it('validates account fields with details per field', async () => {
      const admin = await t.login('admin');
      const res = await postUser(admin, { username: 'Bad Name!', password: 'short', role: 'king', displayName: '', extra: 1 }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const fields = (res.body.details as { field: string }[]).map((d) => d.field).sort();
      expect(fields).toEqual(expect.arrayContaining(['displayName', 'extra', 'password', 'role', 'username']));
    });

    it('answers a duplicate username with 409 USERNAME_TAKEN', async () => {
      const admin = await t.login('admin');
      const res = await postUser(admin, newAccount(cast.accounts.family.username, 'family', 'x')).expect(409);
      expect(res.body.code).toBe('USERNAME_TAKEN');
    });

    it('shows centre staff only the accounts of their facility', async () => {
      const staff = await t.login(cast.accounts.centre_staff.username, TEST_PASSWORD);
      const res = await t.http().get('/api/v1/users').set('Authorization', staff).expect(200);
      const names = (res.body.items as { username: string }[]).map((u) => u.username).sort();
      expect(names).toEqual(
        [
          cast.accounts.centre_staff.username,
          cast.accounts.caregiver.username,
          cast.accounts.senior.username,
          cast.accounts.family.username,
        ].sort(),
      );
      expect(res.body).toMatchObject({ page: 1, pageSize: 50, total: 4 });
    });
  });
});
