import { describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { completeDocument, nullableTo31, standardErrorResponses } from './openapi-document.js';

describe('nullableTo31', () => {
  it('adds null to a plain type and to its enum', () => {
    expect(nullableTo31({ type: 'string', nullable: true, format: 'uuid' })).toEqual({ type: ['string', 'null'], format: 'uuid' });
    expect(nullableTo31({ type: 'string', nullable: true, enum: ['a', 'b'] })).toEqual({
      type: ['string', 'null'],
      enum: ['a', 'b', null],
    });
  });

  it('turns a nullable reference into anyOf with null, keeping its description outside', () => {
    const schema = { nullable: true, description: 'Once given', type: 'object', allOf: [{ $ref: '#/components/schemas/A' }] };
    expect(nullableTo31(schema)).toEqual({ description: 'Once given', anyOf: [{ $ref: '#/components/schemas/A' }, { type: 'null' }] });
  });

  it('leaves a schema that is not nullable as it is', () => {
    const schema = { type: 'string', nullable: false };
    expect(nullableTo31(schema)).toBe(schema);
  });
});

describe('standardErrorResponses', () => {
  it('gives a public route without input only 500', () => {
    expect(Object.keys(standardErrorResponses({}, { isPublic: true }, 'get'))).toEqual(['500']);
  });

  it('gives a signed-in read without input 401 and 500', () => {
    expect(Object.keys(standardErrorResponses({}, { isPublic: false }, 'get')).sort()).toEqual(['401', '500']);
  });

  it('gives 404 to a body that names an object by id', () => {
    expect(Object.keys(standardErrorResponses({ requestBody: {} }, { isPublic: false }, 'post', true))).toContain('404');
    expect(Object.keys(standardErrorResponses({ requestBody: {} }, { isPublic: false }, 'post', false))).not.toContain('404');
  });

  it('gives a role-restricted write on an object by id every standard answer', () => {
    const operation = { parameters: [{ in: 'path' }], requestBody: {} };
    const out = standardErrorResponses(operation, { isPublic: false, roles: ['admin', 'centre_staff'] }, 'post');
    expect(Object.keys(out).sort()).toEqual(['400', '401', '403', '404', '409', '413', '415', '500']);
    expect(out['403'].description).toContain('admin, centre_staff');
  });

  it('gives a query 400 but no 404', () => {
    expect(Object.keys(standardErrorResponses({ parameters: [{ in: 'query' }] }, { isPublic: false }, 'get')).sort()).toEqual([
      '400',
      '401',
      '500',
    ]);
  });
});

describe('completeDocument', () => {
  const document = {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/things/{id}': {
        get: {
          operationId: 'ThingsController_get',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: { description: '', content: { 'application/json': { schema: { type: 'string', nullable: true } } } },
            404: {
              description: 'NOT_FOUND: the thing is not yours',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
            },
          },
        },
      },
    },
    components: { schemas: {} },
  } as unknown as OpenAPIObject;

  it('is OpenAPI 3.1, keeps what a route documents and adds the rest with the error shape', () => {
    const out = completeDocument(document, () => ({ isPublic: false, roles: ['admin'] }));
    const responses = (out.paths['/things/{id}'].get?.responses ?? {}) as Record<
      string,
      { description: string; content?: Record<string, { schema: unknown }> }
    >;
    expect(out.openapi).toBe('3.1.0');
    expect(Object.keys(responses).sort()).toEqual(['200', '400', '401', '403', '404', '500']);
    expect(responses['404'].description).toBe('NOT_FOUND: the thing is not yours');
    expect(responses['403'].content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorResponse' });
    expect(responses['200'].content?.['application/json'].schema).toEqual({ type: ['string', 'null'] });
  });
});
