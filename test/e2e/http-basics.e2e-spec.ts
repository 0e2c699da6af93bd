import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('HTTP basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ bodyLimitBytes: 2048 });
  });
  afterAll(async () => t?.close());

  it('answers health and readiness without a token', async () => {
    await t.http().get('/health').expect(200, { status: 'ok' });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
  });

  it('echoes a request id, or makes one', async () => {
    const given = await t.http().get('/health').set('X-Request-Id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await t.http().get('/health');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const res = await t.http().get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('answers an unknown route with the one error shape', async () => {
    const res = await t.http().get('/api/v1/nowhere').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    expect(res.body.message).toContain('/api/v1/nowhere');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username": "admin",');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('asks for a token on protected routes', async () => {
    const res = await t.http().get('/api/v1/auth/me').expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    await t.http().get('/api/v1/auth/me').set('Authorization', 'Bearer not-a-token').expect(401);
  });

  it('answers values PostgreSQL cannot take (a NUL character, an impossible date) with 400, never 500', async () => {
    const admin = await t.login('admin');
    for (const url of [
      '/api/v1/facilities?district=%00',
      '/api/v1/orders?from=2026-13-45',
      '/api/v1/orders?to=2026-02-31',
      '/api/v1/residents?q=%00',
    ]) {
      const res = await t.http().get(url).set('Authorization', admin);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(res.body.code).toMatch(/^(BAD_REQUEST|VALIDATION_FAILED)$/);
    }
  });

  it('serves a valid OpenAPI 3 document', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/health/ready']));
  });
});
