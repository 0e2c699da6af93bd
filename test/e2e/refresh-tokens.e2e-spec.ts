import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { anAccount, TEST_PASSWORD } from '../fixtures/index.js';

interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** POST /auth/refresh: rotation, reuse detection, and every way a session ends (API.md, Auth). */
describe('refresh tokens', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: string;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({}, { shareDatabaseOf: a });
    admin = await a.login('admin');
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const signIn = async (t: TestApp = a) => {
    const { username, id } = await anAccount(t.db, 'family');
    const res = await t.http().post('/api/v1/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
    return { id, username, session: res.body as Session, cookie: res.headers['set-cookie'] as unknown as string[] };
  };
  const refresh = (refreshToken: string, t: TestApp = a) => t.http().post('/api/v1/auth/refresh').send({ refreshToken });
  const me = (accessToken: string, t: TestApp = a) => t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${accessToken}`);

  it('gives a refresh token at sign-in, in the body and as an httpOnly cookie for the auth routes', async () => {
    const { session, cookie } = await signIn();
    expect(session.refreshToken).toMatch(/^[\w-]{43}$/);
    expect(cookie[0]).toBe(`care_refresh=${session.refreshToken}; Path=/api/v1/auth; Max-Age=${30 * 86400}; HttpOnly; SameSite=Strict`);
  });

  it('trades a refresh token for a new access token and the next refresh token, from the body or the cookie', async () => {
    const { session } = await signIn();
    const next = (await refresh(session.refreshToken).expect(200)).body as Session & { user: { role: string } };
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(next.user.role).toBe('family');
    await me(next.accessToken).expect(200);
    const byCookie = await a.http().post('/api/v1/auth/refresh').set('Cookie', `care_refresh=${next.refreshToken}`).expect(200);
    expect(byCookie.headers['set-cookie'][0]).toContain(`care_refresh=${(byCookie.body as Session).refreshToken};`);
  });

  it('keeps a senior signed in for 30 days from the last refresh, and not after', async () => {
    const { id, session } = await signIn();
    const [row] = await a.db.query<
      {
        seconds: number;
      }[]
    >(`SELECT extract(epoch FROM expires_at - now())::int AS seconds FROM refresh_tokens WHERE user_id = $1`, [id]);
    expect(Math.round(row.seconds / 86400)).toBe(30);
    await a.db.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [id]);
    expect((await refresh(session.refreshToken).expect(401)).body.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('refuses a refresh token used a second time and ends its whole session', async () => {
    const { session } = await signIn();
    const next = (await refresh(session.refreshToken).expect(200)).body as Session;
    const reused = await refresh(session.refreshToken).expect(401);
    expect(reused.body.code).toBe('REFRESH_TOKEN_REUSED');
    // The thief's copy and the owner's newer token alike: the session is over.
    expect((await refresh(next.refreshToken).expect(401)).body.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('lets only one of two parallel refreshes with one token through, and ends the session', async () => {
    const { session } = await signIn();
    const [first, second] = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
    expect([first.status, second.status].sort()).toEqual([200, 401]);
    const winner = (first.status === 200 ? first : second).body as Session;
    await refresh(winner.refreshToken).expect(401);
  });

  it('ends refresh tokens on a password reset and on disable', async () => {
    const reset = await signIn();
    await a.http().patch(`/api/v1/users/${reset.id}`).set('Authorization', admin).send({ password: 'another-password' }).expect(200);
    await refresh(reset.session.refreshToken).expect(401);
    const disabled = await signIn();
    await a.http().patch(`/api/v1/users/${disabled.id}`).set('Authorization', admin).send({ disabled: true }).expect(200);
    await refresh(disabled.session.refreshToken).expect(401);
  });

  it('ends the session on logout, by cookie, body or the bearer token', async () => {
    const byBody = await signIn();
    const out = await a.http().post('/api/v1/auth/logout').send({ refreshToken: byBody.session.refreshToken }).expect(204);
    expect(out.headers['set-cookie'][0]).toContain('care_refresh=; Path=/api/v1/auth; Max-Age=0');
    await refresh(byBody.session.refreshToken).expect(401);
    const byCookie = await signIn();
    await a.http().post('/api/v1/auth/logout').set('Cookie', `care_refresh=${byCookie.session.refreshToken}`).expect(204);
    await refresh(byCookie.session.refreshToken).expect(401);
    const byBearer = await signIn();
    const other = (await refresh((await signIn()).session.refreshToken).expect(200)).body as Session;
    await a.http().post('/api/v1/auth/logout').set('Authorization', `Bearer ${byBearer.session.accessToken}`).expect(204);
    await refresh(byBearer.session.refreshToken).expect(401);
    // Another account's session is untouched.
    await refresh(other.refreshToken).expect(200);
  });

  it('ends every access and refresh token of the account on every instance with logout-everywhere', async () => {
    const one = await signIn();
    const two = (await b.http().post('/api/v1/auth/login').send({ username: one.username, password: TEST_PASSWORD }).expect(200))
      .body as Session;
    await me(two.accessToken, b).expect(200);
    await a.http().post('/api/v1/auth/logout-everywhere').set('Authorization', `Bearer ${one.session.accessToken}`).expect(204);
    await me(one.session.accessToken).expect(401);
    // The other instance hears of it by NOTIFY (or reads the account when its feed is down).
    expect(await eventually(async () => (await me(two.accessToken, b)).status === 401)).toBe(true);
    await refresh(one.session.refreshToken, b).expect(401);
    await refresh(two.refreshToken, b).expect(401);
  });
});
