import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators.js';
import type { Role } from '../auth/roles.js';
import { ErrorResponse } from './error-response.dto.js';

/**
 * The error answers a route (or every route of a controller) documents itself, by status: which
 * codes it answers and when. Only what the standard answers do not say: `completeDocument` gives
 * every route 400, 401, 403 (naming the roles), 404, 409, 413, 415 and 500 where they apply.
 */
export type ErrorDocs = Partial<Record<400 | 401 | 403 | 404 | 409 | 422 | 429 | 503, string>>;

/** A response body: one object, or `[Dto]` for a list of them. */
type Body = Type<unknown> | [Type<unknown>];

export interface RouteDoc {
  /** Who may use the route (the guard's check and the document's 403); without, any signed-in role. */
  roles?: readonly Role[];
  summary: string;
  description?: string;
  /** 200 with this body. */
  ok?: Body;
  /** 201 with this body. */
  created?: Body;
  /** 204: `true`, or what it means. */
  noContent?: true | string;
  errors?: ErrorDocs;
}

function errorResponses(errors: ErrorDocs): (ClassDecorator & MethodDecorator)[] {
  return Object.entries(errors).map(([status, description]) => ApiResponse({ status: Number(status), type: ErrorResponse, description }));
}

/** A controller of the signed-in API: its tag, the bearer token, and error answers all its routes share. */
export function SignedInApi(tag: string, errors: ErrorDocs = {}): ClassDecorator {
  return applyDecorators(ApiTags(tag), ApiBearerAuth(), ...errorResponses(errors));
}

/** One route: who may use it, what it does, its success answer and the error codes of its own. */
export function ApiRoute(doc: RouteDoc): MethodDecorator {
  const decorators: (ClassDecorator | MethodDecorator)[] = [
    ApiOperation(doc.description ? { summary: doc.summary, description: doc.description } : { summary: doc.summary }),
  ];
  if (doc.roles) decorators.push(Roles(...doc.roles));
  if (doc.ok) decorators.push(ApiResponse({ status: 200, type: doc.ok }));
  if (doc.created) decorators.push(ApiResponse({ status: 201, type: doc.created }));
  if (doc.noContent) decorators.push(ApiResponse({ status: 204, description: doc.noContent === true ? '' : doc.noContent }));
  return applyDecorators(...decorators, ...errorResponses(doc.errors ?? {}));
}
