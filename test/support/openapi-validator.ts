import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';

// ajv-formats is CommonJS: its function is the module itself or its `default`, depending on the loader.
type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats =
  ((ajvFormats as unknown as { default: AddFormats | { default: AddFormats } }).default as { default?: AddFormats }).default ??
  (ajvFormats as unknown as { default: AddFormats }).default;

/** One answer the service gave, as the validator needs it. */
export interface Exchange {
  method: string;
  /** The request path, with or without a query string. */
  url: string;
  status: number;
  /** The Content-Type header, parameters included. */
  contentType?: string;
  /** The body as sent ('' when there was none). */
  text: string;
}

type Json = Record<string, unknown>;

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

interface Route {
  template: string;
  pattern: RegExp;
  params: number;
  operations: Record<string, Operation>;
}

const DOC_ID = 'openapi.json';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Objects with named properties are closed: a field the document does not name is a difference
 * too (unevaluatedProperties, so that allOf and anyOf compositions still see their own fields).
 */
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) out[key] = key === 'example' || key === 'examples' ? value : closeObjects(value);
  if (isObject(out.properties) && !('additionalProperties' in out) && !('unevaluatedProperties' in out)) out.unevaluatedProperties = false;
  return out;
}

function escapePointer(segment: string): string {
  return encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
}

/**
 * Checks answers against a served OpenAPI 3.1 document, as a generated client would take them:
 * the status must be documented for the operation, the content type must be one the document
 * lists for that status, and the body must match that content type's schema.
 */
export class OpenApiValidator {
  private readonly ajv: Ajv2020;
  private readonly routes: Route[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(document: Json) {
    if (typeof document.openapi !== 'string' || !document.openapi.startsWith('3.1')) {
      throw new Error(`the validator reads OpenAPI 3.1 documents; this one is ${String(document.openapi)}`);
    }
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema(closeObjects(document) as Json, DOC_ID);
    const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>;
    this.routes = Object.entries(paths)
      .map(([template, operations]) => {
        const parts = template.split(/\{[^}]+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        return { template, pattern: new RegExp(`^${parts.join('[^/]+')}$`), params: parts.length - 1, operations };
      })
      // A literal segment wins over a parameter: /orders/quote before /orders/{id}.
      .sort((a, b) => a.params - b.params);
  }

  /** The problems with one answer; empty when the document describes it. */
  check(exchange: Exchange): string[] {
    const path = exchange.url.split('?')[0];
    const method = exchange.method.toLowerCase();
    const route = this.routes.find((r) => r.pattern.test(path) && r.operations[method]);
    const where = `${exchange.method.toUpperCase()} ${path} → ${exchange.status}`;
    if (!route) {
      // Outside the API (pages, docs), or a route that does not exist: nothing to compare.
      const unknownRoute = exchange.status === 404 || exchange.status === 405;
      return !path.startsWith('/api/v1/') || unknownRoute ? [] : [`${where}: no operation in the document for this route`];
    }
    const responses = route.operations[method].responses ?? {};
    const statusKey = [String(exchange.status), `${String(exchange.status)[0]}XX`, 'default'].find((k) => k in responses);
    const response = statusKey ? responses[statusKey] : undefined;
    if (!statusKey || !response) {
      return [`${where}: status not documented (documented: ${Object.keys(responses).join(', ')}); body ${exchange.text.slice(0, 300)}`];
    }
    const content = response.content;
    const mediaType = exchange.contentType?.split(';')[0].trim().toLowerCase();
    if (exchange.text === '' || method === 'head') {
      return content && method !== 'head'
        ? [`${where}: the document describes a body (${Object.keys(content).join(', ')}), the answer has none`]
        : [];
    }
    if (!content) return [`${where}: answered a ${mediaType ?? 'body'} the document has no content for`];
    if (!mediaType || !content[mediaType]) {
      return [`${where}: content type ${mediaType ?? '(none)'} not documented (documented: ${Object.keys(content).join(', ')})`];
    }
    if (content[mediaType].schema === undefined) return [`${where}: ${mediaType} has no schema in the document`];
    let body: unknown = exchange.text;
    if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
      try {
        body = JSON.parse(exchange.text);
      } catch {
        return [`${where}: the body is not JSON`];
      }
    }
    const validate = this.validatorFor(route.template, method, statusKey, mediaType);
    if (validate(body)) return [];
    const errors = (validate.errors ?? [])
      .slice(0, 8)
      .map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
    return [`${where}: the body does not match the documented schema: ${errors.join('; ')}`];
  }

  private validatorFor(template: string, method: string, status: string, mediaType: string): ValidateFunction {
    const pointer = ['paths', template, method, 'responses', status, 'content', mediaType, 'schema'].map(escapePointer).join('/');
    const key = `${DOC_ID}#/${pointer}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: key });
      this.compiled.set(key, validate);
    }
    return validate;
  }
}
