import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROLES, type Role } from '../../src/common/auth/roles.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCast, TEST_PASSWORD } from '../fixtures/index.js';

/**
 * Every route of the API with the roles allowed on it. A change here is a permission change and
 * reads as one in review. Object checks (a family member only their linked seniors, centre staff
 * only their facility) are specified in the feature specs; this table is the route check alone.
 */
const ANY: Role[] = [...ROLES];
const ROUTES: Record<string, Role[] | 'public' | 'refresh-token'> = {
  'GET /health': 'public',
  'GET /health/ready': 'public',
  'POST /api/v1/auth/login': 'public',
  // No bearer token: the refresh token (cookie or body) is the credential.
  'POST /api/v1/auth/refresh': 'refresh-token',
  'POST /api/v1/auth/logout': 'public',
  'GET /api/v1/auth/me': ANY,
  'GET /api/v1/audit': ['admin'],
  'POST /api/v1/users': ['centre_staff', 'admin'],
  'GET /api/v1/users': ['centre_staff', 'admin'],
  'PATCH /api/v1/users/{id}': ['centre_staff', 'admin'],
  'GET /api/v1/facilities': ANY,
  'POST /api/v1/facilities': ['admin'],
  'GET /api/v1/facilities/{id}': ANY,
  'PATCH /api/v1/facilities/{id}': ['admin'],
  'GET /api/v1/services': ANY,
  'POST /api/v1/residents': ['centre_staff', 'admin'],
  'GET /api/v1/residents': ['centre_staff', 'bureau_staff', 'admin'],
  'GET /api/v1/residents/{id}': ANY,
  'PATCH /api/v1/residents/{id}': ['centre_staff', 'admin'],
  'PUT /api/v1/residents/{id}/subsidy-category': ['bureau_staff', 'admin'],
  'POST /api/v1/caregivers': ['centre_staff', 'admin'],
  'GET /api/v1/caregivers': ['centre_staff', 'bureau_staff', 'admin'],
  'GET /api/v1/caregivers/{id}': ['caregiver', 'centre_staff', 'bureau_staff', 'admin'],
  'PATCH /api/v1/caregivers/{id}': ['centre_staff', 'admin'],
  'POST /api/v1/residents/{id}/family-links': ['centre_staff', 'admin'],
  'GET /api/v1/residents/{id}/family-links': ['senior', 'centre_staff', 'bureau_staff', 'admin'],
  'DELETE /api/v1/residents/{id}/family-links/{linkId}': ['centre_staff', 'admin'],
  'GET /api/v1/me/residents': ['senior', 'family'],
  'POST /api/v1/facilities/{id}/shifts': ['centre_staff', 'admin'],
  'DELETE /api/v1/shifts/{id}': ['centre_staff', 'admin'],
  'GET /api/v1/facilities/{id}/roster': ['centre_staff', 'bureau_staff', 'admin'],
  'GET /api/v1/facilities/{id}/roster-template': ['centre_staff', 'bureau_staff', 'admin'],
  'PUT /api/v1/facilities/{id}/roster-template': ['centre_staff', 'admin'],
  'POST /api/v1/caregivers/{id}/leave': ['centre_staff', 'admin'],
  'PUT /api/v1/facilities/{id}/capacity': ['centre_staff', 'admin'],
  'GET /api/v1/facilities/{id}/availability': ANY,
  'GET /api/v1/facilities/{id}/over-committed': ['centre_staff', 'bureau_staff', 'admin'],
  'POST /api/v1/orders': ['senior', 'family', 'centre_staff', 'admin'],
  'GET /api/v1/orders': ['senior', 'family', 'centre_staff', 'bureau_staff', 'admin'],
  'GET /api/v1/orders/quote': ['senior', 'family', 'centre_staff', 'admin'],
  'GET /api/v1/orders/{id}': ['senior', 'family', 'centre_staff', 'bureau_staff', 'admin'],
  'POST /api/v1/orders/{id}/cancel': ['senior', 'family', 'centre_staff', 'admin'],
  'POST /api/v1/orders/{id}/reschedule': ['senior', 'family', 'centre_staff', 'admin'],
  'GET /api/v1/facilities/{id}/meals': ['centre_staff', 'bureau_staff', 'admin'],
  'POST /api/v1/order-series': ['senior', 'family', 'centre_staff', 'admin'],
  'GET /api/v1/order-series/{id}': ['senior', 'family', 'centre_staff', 'bureau_staff', 'admin'],
  'POST /api/v1/order-series/{id}/end': ['senior', 'family', 'centre_staff', 'admin'],
  'GET /api/v1/caregivers/me/visits': ['caregiver'],
  'POST /api/v1/orders/{id}/check-in': ['caregiver'],
  'POST /api/v1/orders/{id}/check-out': ['caregiver'],
  'POST /api/v1/orders/{id}/feedback': ['senior', 'family'],
  'POST /api/v1/orders/{id}/confirm-visit': ['centre_staff', 'admin'],
  'POST /api/v1/orders/{id}/no-show': ['centre_staff', 'admin'],
  'GET /api/v1/facilities/{id}/visit-alerts': ['centre_staff', 'admin'],
  'GET /api/v1/residents/{id}/visit-codes': ['centre_staff', 'admin'],
  'PUT /api/v1/facilities/{id}/webhook': ['centre_staff', 'admin'],
  'GET /api/v1/me/notifications': ANY,
  'POST /api/v1/me/notifications/{id}/read': ANY,
  'PUT /api/v1/me/webhook': ['family'],
  'GET /api/v1/reports/utilisation': ['centre_staff', 'bureau_staff', 'admin'],
  'GET /api/v1/reports/coverage': ['centre_staff', 'bureau_staff', 'admin'],
  'GET /api/v1/reports/subsidies': ['centre_staff', 'bureau_staff', 'admin'],
  'GET /api/v1/reports/facilities': ['centre_staff', 'bureau_staff', 'admin'],
  'POST /api/v1/scheduling/runs': ['centre_staff', 'admin'],
  'GET /api/v1/scheduling/runs': ['centre_staff', 'bureau_staff', 'admin'],
  'PUT /api/v1/orders/{id}/assignment': ['centre_staff', 'admin'],
  'GET /api/v1/facilities/{id}/unassigned': ['centre_staff', 'bureau_staff', 'admin'],
  'GET /api/v1/facilities/{id}/beds': ['centre_staff', 'bureau_staff', 'admin'],
  'POST /api/v1/facilities/{id}/beds': ['centre_staff', 'admin'],
  'PATCH /api/v1/beds/{id}': ['centre_staff', 'admin'],
  'POST /api/v1/admissions': ['centre_staff', 'admin'],
  'GET /api/v1/admissions': ['senior', 'family', 'centre_staff', 'bureau_staff', 'admin'],
  'POST /api/v1/admissions/{id}/transfer': ['centre_staff', 'admin'],
  'POST /api/v1/admissions/{id}/discharge': ['centre_staff', 'admin'],
  'GET /api/v1/facilities/{id}/waiting-list': ['centre_staff', 'bureau_staff', 'admin'],
  'GET /api/v1/residents/{id}/statements': ['senior', 'family', 'centre_staff', 'bureau_staff', 'admin'],
  'PUT /api/v1/facilities/{id}/day-places': ['centre_staff', 'admin'],
  'POST /api/v1/facilities/{id}/enrolments': ['centre_staff', 'admin'],
  'DELETE /api/v1/enrolments/{id}': ['centre_staff', 'admin'],
  'POST /api/v1/facilities/{id}/attendance': ['centre_staff', 'admin'],
  'GET /api/v1/facilities/{id}/attendance': ['centre_staff', 'bureau_staff', 'admin'],
  'GET /api/v1/reports/occupancy': ['centre_staff', 'bureau_staff', 'admin'],
  'GET /api/v1/reports/institutional-care': ['centre_staff', 'bureau_staff', 'admin'],
  'GET /api/v1/reports/attendance': ['centre_staff', 'bureau_staff', 'admin'],
  'GET /api/v1/divisions': ANY,
  // Last: it ends the tokens it is called with.
  'POST /api/v1/auth/logout-everywhere': ANY,
};

const SOME_ID = '00000000-0000-4000-8000-000000000000';

describe('route permissions', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await startTestApp();
    const cast = await aCast(t.db);
    for (const role of ROLES) tokens[role] = await t.login(cast.accounts[role].username, role === 'admin' ? undefined : TEST_PASSWORD);
  });
  afterAll(async () => t?.close());

  const call = (route: string, token?: string) => {
    const [method, path] = route.split(' ');
    const req = t.http()[method.toLowerCase() as 'get'](path.replace(/\{[^}]+\}/g, SOME_ID));
    if (token) req.set('Authorization', token);
    return req.send({});
  };

  it('lists exactly the routes the OpenAPI document serves', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(served.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it.each(Object.entries(ROUTES))('%s: %j', async (route, allowed) => {
    const anonymous = await call(route);
    if (allowed === 'public') {
      expect(anonymous.status).not.toBe(401);
      return;
    }
    if (allowed === 'refresh-token') {
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.code).toBe('REFRESH_TOKEN_INVALID');
      return;
    }
    expect(anonymous.status).toBe(401);
    for (const role of ROLES) {
      const res = await call(route, tokens[role]);
      expect({ role, status: res.status, forbidden: res.status === 403 }).toEqual({
        role,
        status: res.status,
        forbidden: !allowed.includes(role),
      });
      expect(res.status).toBeLessThan(500);
      expect(res.status).not.toBe(401);
    }
  });
});
