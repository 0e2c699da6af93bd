import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OpenApiValidator } from '../support/openapi-validator.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminAuth, createFacility, createResident } from '../fixtures/index.js';

type Json = Record<string, unknown>;
type Responses = Record<string, { content?: Record<string, { schema?: Json }> }>;

/** Every operation of the document with its path and method. */
function operations(doc: Json): { where: string; operation: { security?: unknown; responses: Responses } }[] {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { security?: unknown; responses: Responses }>>)) {
    for (const [method, operation] of Object.entries(item)) out.push({ where: `${method.toUpperCase()} ${path}`, operation });
  }
  return out;
}

/** Every schema object under a node, depth first. */
function schemasIn(node: unknown, at = '#'): { at: string; schema: Json }[] {
  if (typeof node !== 'object' || node === null) return [];
  const out: { at: string; schema: Json }[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'examples') continue;
    out.push(...schemasIn(value, `${at}/${key}`));
  }
  if (!Array.isArray(node)) out.push({ at, schema: node as Json });
  return out;
}

describe('the served OpenAPI document', () => {
  let t: TestApp;
  let doc: Json;
  let validator: OpenApiValidator;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http().get('/api/docs-json').expect(200)).body as Json;
    validator = new OpenApiValidator(doc);
    admin = await adminAuth(t);
  });
  afterAll(async () => t?.close());

  describe('the document', () => {
    it('is OpenAPI 3.1, with no 3.0 `nullable` left: a nullable reference is anyOf with null', () => {
      expect(doc.openapi).toBe('3.1.0');
      expect(
        schemasIn(doc)
          .filter(({ schema }) => 'nullable' in schema && typeof schema.nullable === 'boolean')
          .map((s) => s.at),
      ).toEqual([]);
      const visit = (doc.components as { schemas: Record<string, { properties: Record<string, Json> }> }).schemas.VisitDto;
      expect(visit.properties.checkIn.anyOf).toEqual([{ $ref: '#/components/schemas/VisitStepDto' }, { type: 'null' }]);
    });

    it('types every field: no object without properties, and the session user’s links as strings', () => {
      const bareObjects = schemasIn(doc.components).filter(
        ({ schema }) =>
          [schema.type].flat().includes('object') && !schema.properties && !schema.additionalProperties && !schema.allOf && !schema.anyOf,
      );
      expect(bareObjects.map((s) => s.at)).toEqual([]);
      const user = (doc.components as { schemas: Record<string, { properties: Record<string, Json> }> }).schemas.SessionUserDto;
      for (const field of ['facilityId', 'residentId', 'caregiverId']) expect(user.properties[field].type).toEqual(['string', 'null']);
    });

    it('describes the body of every success answer but 204', () => {
      const missing = operations(doc).flatMap(({ where, operation }) =>
        Object.entries(operation.responses)
          .filter(
            ([status, r]) => status.startsWith('2') && status !== '204' && (!r.content || !Object.values(r.content).every((c) => c.schema)),
          )
          .map(([status]) => `${where} ${status}`),
      );
      expect(missing).toEqual([]);
    });

    it('gives every error answer the one error shape, as JSON only, and 401 to every route that needs a token', () => {
      const wrong = operations(doc).flatMap(({ where, operation }) => {
        const problems = Object.entries(operation.responses)
          .filter(([status]) => Number(status) >= 400)
          .filter(
            ([, r]) =>
              JSON.stringify(r.content) !==
              JSON.stringify({ 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } }),
          )
          .map(([status]) => `${where} ${status}`);
        if (operation.security && !operation.responses['401']) problems.push(`${where} lacks 401`);
        return problems;
      });
      expect(wrong).toEqual([]);
    });

    it('gives the CSV reports a string schema', () => {
      for (const report of ['utilisation', 'coverage', 'subsidies', 'facilities']) {
        const ok = (doc.paths as Record<string, { get: { responses: Responses } }>)[`/api/v1/reports/${report}`].get.responses['200'];
        expect(ok.content?.['text/csv'].schema).toMatchObject({ type: 'string' });
        expect(ok.content?.['application/json'].schema).toHaveProperty('$ref');
      }
    });
  });

  describe('the response validator the e2e specs run', () => {
    it('accepts the real answer and flags a field of the wrong type', async () => {
      const res = await t.http().get('/api/v1/auth/me').set('Authorization', admin).expect(200);
      const answer = { method: 'GET', url: '/api/v1/auth/me', status: 200, contentType: res.headers['content-type'], text: res.text };
      expect(validator.check(answer)).toEqual([]);
      const wrong = validator.check({ ...answer, text: JSON.stringify({ ...res.body, facilityId: 42 }) });
      expect(wrong.join()).toMatch(/facilityId must be string,null/);
    });

    it('flags a status, a content type and a field the document does not have', async () => {
      const res = await t.http().get('/api/v1/auth/me').set('Authorization', admin).expect(200);
      const answer = { method: 'GET', url: '/api/v1/auth/me', status: 200, contentType: res.headers['content-type'], text: res.text };
      expect(validator.check({ ...answer, status: 418 }).join()).toMatch(/status not documented/);
      expect(validator.check({ ...answer, contentType: 'text/csv' }).join()).toMatch(/content type text\/csv not documented/);
      expect(validator.check({ ...answer, text: JSON.stringify({ ...res.body, display_name: 'x' }) }).join()).toMatch(
        /must NOT have unevaluated properties.*display_name/,
      );
      expect(validator.check({ ...answer, text: '' }).join()).toMatch(/the answer has none/);
    });

    it('accepts null for a nullable reference and refuses a malformed one', async () => {
      const facility = await createFacility(t);
      const resident = await createResident(t, { homeFacilityId: facility.id });
      const res = await t.http().get(`/api/v1/residents/${resident.id}`).set('Authorization', admin).expect(200);
      const answer = {
        method: 'GET',
        url: `/api/v1/residents/${resident.id}`,
        status: 200,
        contentType: res.headers['content-type'],
        text: res.text,
      };
      expect(validator.check({ ...answer, text: JSON.stringify({ ...res.body, location: null }) })).toEqual([]);
      expect(validator.check({ ...answer, text: JSON.stringify({ ...res.body, location: { lat: 'north' } }) }).join()).toMatch(/location/);
    });

    it('flags a real answer whose status a document leaves out, as the served one once did for GET /auth/me 401', async () => {
      const res = await t.http().get('/api/v1/auth/me').expect(401);
      const answer = { method: 'GET', url: '/api/v1/auth/me', status: 401, contentType: res.headers['content-type'], text: res.text };
      expect(validator.check(answer)).toEqual([]);
      const older = structuredClone(doc) as { paths: Record<string, { get: { responses: Responses } }> };
      delete older.paths['/api/v1/auth/me'].get.responses['401'];
      expect(new OpenApiValidator(older).check(answer).join()).toMatch(/GET \/api\/v1\/auth\/me → 401: status not documented/);
    });

    it('checks CSV answers against the string schema', async () => {
      const res = await t.http().get('/api/v1/reports/coverage?month=2026-11&format=csv').set('Authorization', admin).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(
        validator.check({
          method: 'GET',
          url: '/api/v1/reports/coverage?month=2026-11&format=csv',
          status: 200,
          contentType: res.headers['content-type'],
          text: res.text,
        }),
      ).toEqual([]);
    });
  });
});
