import type { OpenAPIObject } from '@nestjs/swagger';

/** What the auth guard needs to know of a route: whether it takes no token, and which roles may use it. */
export interface RouteAccess {
  isPublic: boolean;
  roles?: readonly string[];
}

type Json = Record<string, unknown>;

const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } };
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keywords that describe a schema without constraining it: kept beside an `anyOf` with null. */
const ANNOTATIONS = ['description', 'example', 'examples', 'default', 'title', 'deprecated', 'readOnly', 'writeOnly'];

/**
 * One schema with OpenAPI 3.0's `nullable: true` in the OpenAPI 3.1 (JSON Schema 2020-12) form:
 * a plain type gets `null` added to its `type` (and `enum`); a reference (`allOf`/`$ref`, as Nest
 * writes a nullable class) becomes `anyOf: [the reference, { type: 'null' }]`.
 */
export function nullableTo31(schema: Json): Json {
  const { nullable, ...rest } = schema;
  if (nullable !== true) return schema;
  const composed = 'allOf' in rest || '$ref' in rest || 'oneOf' in rest || 'anyOf' in rest;
  if (composed) {
    const kept: Json = {};
    const inner: Json = {};
    for (const [key, value] of Object.entries(rest)) {
      if (ANNOTATIONS.includes(key)) kept[key] = value;
      else if (!(key === 'type' && value === 'object')) inner[key] = value;
    }
    const allOf = inner.allOf as Json[] | undefined;
    const reference = allOf?.length === 1 && Object.keys(inner).length === 1 ? allOf[0] : inner;
    return { ...kept, anyOf: [reference, { type: 'null' }] };
  }
  if (typeof rest.type === 'string') {
    const out: Json = { ...rest, type: [rest.type, 'null'] };
    if (Array.isArray(rest.enum)) out.enum = [...(rest.enum as unknown[]), null];
    return out;
  }
  return rest;
}

/** Rewrites every schema in the document, depth first. */
function rewriteSchemas(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteSchemas);
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) out[key] = rewriteSchemas(value);
  return nullableTo31(out);
}

interface Operation {
  operationId?: string;
  parameters?: { in: string }[];
  requestBody?: unknown;
  responses?: Record<string, Json>;
}

/**
 * The error answers every route can give, from what the route takes and who may use it:
 * 400 when it takes input (a body, query, path parameters or headers), 413 and 415 when it takes a body,
 * 401 unless it is public, 403 when only some roles may use it, 404 when it names an object by
 * path or by an id in its body (one the caller may not see answers 404 too), 409 when it writes (a change made at the same time, a deadlock, a constraint). Answers a
 * route documents itself keep their description.
 */
export function standardErrorResponses(
  operation: Operation,
  access: RouteAccess | undefined,
  method: string,
  bodyNamesObject = false,
): Record<string, { description: string }> {
  const parameters = operation.parameters ?? [];
  const takesInput = operation.requestBody !== undefined || parameters.some((p) => ['query', 'path', 'header'].includes(p.in));
  const out: Record<string, { description: string }> = {};
  if (takesInput)
    out['400'] = {
      description: 'VALIDATION_FAILED, MALFORMED_JSON or BAD_REQUEST: the request is not of the expected form; `details` name the fields',
    };
  if (!access?.isPublic) out['401'] = { description: 'UNAUTHENTICATED: no token, or a bad or expired one' };
  if (!access?.isPublic && access?.roles?.length) {
    out['403'] = { description: `FORBIDDEN: only ${access.roles.join(', ')} may use this route` };
  }
  if (bodyNamesObject || parameters.some((p) => p.in === 'path'))
    out['404'] = { description: 'NOT_FOUND: no such object, or one the caller may not see' };
  if (['post', 'put', 'patch', 'delete'].includes(method)) {
    out['409'] = { description: 'CONFLICT or CONCURRENT_UPDATE: the change conflicts with data changed at the same time; try again' };
  }
  if (operation.requestBody !== undefined) {
    out['413'] = { description: 'PAYLOAD_TOO_LARGE: the body is larger than the limit' };
    out['415'] = { description: 'UNSUPPORTED_MEDIA_TYPE: send the body as UTF-8 JSON' };
  }
  out['500'] = { description: 'INTERNAL_ERROR: a fault on the service’s side, never the client’s input; the requestId helps find it' };
  return out;
}

/** Whether the JSON body names another object by id: a uuid field, or a list of them. */
function bodyNamesObject(operation: Operation, schemas: Record<string, Json>): boolean {
  const body = operation.requestBody as { content?: Record<string, { schema?: Json }> } | undefined;
  let schema = body?.content?.['application/json']?.schema;
  const ref = schema?.$ref;
  if (typeof ref === 'string') schema = schemas[ref.replace('#/components/schemas/', '')];
  const properties = Object.values((schema?.properties ?? {}) as Record<string, Json>);
  return properties.some((p) => p.format === 'uuid' || (isObject(p.items) && p.items.format === 'uuid'));
}

/**
 * Makes the generated document true to what the service answers: OpenAPI 3.1 (so a nullable
 * reference can be null), and on every operation the standard error answers with the one error
 * shape. `accessOf` gives the route's access by operationId (from the controllers' metadata).
 */
export function completeDocument(document: OpenAPIObject, accessOf: (operationId: string) => RouteAccess | undefined): OpenAPIObject {
  const out = rewriteSchemas(document) as OpenAPIObject;
  out.openapi = '3.1.0';
  const schemas = (out.components?.schemas ?? {}) as Record<string, Json>;
  for (const item of Object.values(out.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const responses = (operation.responses ??= {});
      const access = operation.operationId ? accessOf(operation.operationId) : undefined;
      for (const [status, response] of Object.entries(
        standardErrorResponses(operation, access, method, bodyNamesObject(operation, schemas)),
      )) {
        responses[status] ??= { ...response, content: ERROR_CONTENT };
      }
    }
  }
  return out;
}
