import { Param, ParseUUIDPipe } from '@nestjs/common';
import { notFound } from '../errors/domain-error.js';

/**
 * A path parameter naming an object by its UUID. Anything that is not a UUID names no object, so
 * it gets the API's 404 (`NOT_FOUND`, "<what> not found") before any service or SQL sees it.
 */
export function UuidParam(name: string, what: string): ParameterDecorator {
  return Param(name, new ParseUUIDPipe({ exceptionFactory: () => notFound(what) }));
}
