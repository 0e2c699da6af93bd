import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '../../src/common/logging.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aFacility, aFamilyLink, anAccount, aResident, TEST_PASSWORD } from '../fixtures/index.js';

type Body = Record<string, unknown>;

/**
 * The positions (0-17) of a resident's ID number a response gives away: the characters the mask
 * shows, and characters 7-14 when the birth date is there. The district adds 5-6 in any case.
 */
function revealed(body: Body): number[] {
  const mask = String(body.idNumber);
  const shown = [...mask].flatMap((c, i) => (c === '*' ? [] : [i]));
  const birth = body.birthDate ? [6, 7, 8, 9, 10, 11, 12, 13] : [];
  return [...new Set([...shown, ...birth])].sort((a, b) => a - b);
}
const LAST_FOUR = [14, 15, 16, 17];
const BIRTH_DATE = [6, 7, 8, 9, 10, 11, 12, 13];

/** Issue 14, attacks 5 and 6: masked ID numbers that cannot be rebuilt, and logs without personal data. */
describe('trust: personal data', () => {
  let t: TestApp;
  const lines: string[] = [];
  let facilityId: string;
  let residentId: string;
  let idNumber: string;
  let phone: string;
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({}, { log: createLogger('info', { write: (line: string) => void lines.push(line) }) });
    facilityId = await aFacility(t.db);
    residentId = await aResident(t.db, facilityId);
    phone = '13807359876';
    await t.db.query('UPDATE residents SET phone = $2 WHERE id = $1', [residentId, phone]);
    [{ id_number: idNumber }] = await t.db.query<{ id_number: string }[]>('SELECT id_number FROM residents WHERE id = $1', [residentId]);
    const family = await anAccount(t.db, 'family');
    await aFamilyLink(t.db, family.id, residentId);
    const accounts = {
      staff: await anAccount(t.db, 'centre_staff', { facilityId }),
      otherStaff: await anAccount(t.db, 'centre_staff', { facilityId: await aFacility(t.db) }),
      bureau: await anAccount(t.db, 'bureau_staff'),
      senior: await anAccount(t.db, 'senior', { residentId }),
      family,
    };
    auth.admin = await t.login('admin');
    for (const [name, a] of Object.entries(accounts)) auth[name] = await t.login(a.username, TEST_PASSWORD);
  });
  afterAll(async () => t?.close());

  const get = (path: string, who: string) => t.http().get(`/api/v1${path}`).set('Authorization', auth[who]);

  it('attack 5: no response gives the birth date beside any character of the ID number; only the record view has the date', async () => {
    const views: [string, Body][] = [];
    for (const who of ['admin', 'staff', 'bureau', 'senior', 'family'])
      views.push([`GET /residents/:id as ${who}`, (await get(`/residents/${residentId}`, who).expect(200)).body as Body]);
    for (const who of ['admin', 'staff', 'bureau']) {
      const page = (await get(`/residents?facilityId=${facilityId}`, who).expect(200)).body as { items: Body[] };
      views.push([`GET /residents as ${who}`, page.items.find((r) => r.id === residentId)!]);
    }
    for (const who of ['senior', 'family']) {
      const mine = (await get('/me/residents', who).expect(200)).body as Body[];
      views.push([`GET /me/residents as ${who}`, mine.find((r) => r.id === residentId)!]);
    }
    for (const [what, body] of views) {
      const record = what === 'GET /residents/:id as admin' || what === 'GET /residents/:id as staff';
      expect({ what, revealed: revealed(body) }).toEqual({ what, revealed: record ? BIRTH_DATE : LAST_FOUR });
      expect({ what, age: body.age }).toEqual({ what, age: expect.any(Number) });
      // The residence's division codes stand beside its name (北湖区 is 431002), not for the ID number's first six.
      const { districtCode, streetCode, ...rest } = body as Body & { districtCode?: string; streetCode?: string };
      expect({ what, districtCode, streetCode }).toEqual({ what, districtCode: expect.any(String), streetCode: expect.any(String) });
      expect(JSON.stringify(rest)).not.toContain(idNumber.slice(0, 6));
    }
    await get(`/residents/${residentId}`, 'otherStaff').expect(404);
  });

  it('attack 5: the full ID number finds a resident only for the staff of its facility and admin', async () => {
    const found = async (who: string) =>
      ((await get(`/residents?q=${idNumber}`, who).expect(200)).body as { items: Body[] }).items.map((r) => r.id);
    expect(await found('staff')).toEqual([residentId]);
    expect(await found('admin')).toEqual([residentId]);
    expect(await found('bureau')).toEqual([]);
    expect(await found('otherStaff')).toEqual([]);
  });

  it('attack 6: the log carries no ID number, phone, address, password or token from requests that carried them', async () => {
    const login = await t.http().post('/api/v1/auth/login').send({ username: 'admin', password: 'wrong-password-for-log' }).expect(401);
    expect(login.body.code).toBe('INVALID_CREDENTIALS');
    const session = (await t.http().post('/api/v1/auth/login').send({ username: 'admin', password: TEST_PASSWORD }).expect(200)).body as {
      accessToken: string;
      refreshToken: string;
    };
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
    await get(`/residents?q=${idNumber}`, 'admin').expect(200);
    await get(`/residents?q=${phone}`, 'staff').expect(200);
    await get(`/residents?q=${encodeURIComponent('人民西路8号')}&idNumber=${idNumber}`, 'admin').expect(400);
    await t.http().get(`/api/v1/residents?refreshToken=${session.refreshToken}&token=${session.accessToken}`).expect(401);
    await t.http().get(`/api/v1/orders/${idNumber}`).set('Authorization', auth.admin);
    await t.http().get(`/api/v1/facilities/${phone}/roster`).set('Authorization', auth.admin);
    const taken = await anAccount(t.db, 'family');
    await t.db.query('UPDATE users SET phone = $2 WHERE id = $1', [taken.id, '13807350001']);
    await t
      .http()
      .patch(`/api/v1/users/${(await anAccount(t.db, 'family')).id}`)
      .set('Authorization', auth.admin)
      .send({ phone: '13807350001' })
      .expect(409);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const log = lines.join('');
    expect(log).toContain('request completed');
    for (const secret of [
      idNumber,
      phone,
      '13807350001',
      '人民西路8号',
      'wrong-password-for-log',
      TEST_PASSWORD,
      session.refreshToken,
      session.accessToken,
      TEST_PASSWORD,
    ]) {
      expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
    }
  });
});
