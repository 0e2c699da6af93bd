import { ERROR_STATUS, type ErrorCode, type FieldDetail } from './error-codes.js';

/** A failure the client can act on: a stable code, a message that says what to change. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldDetail[],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** The 404 for an object that does not exist or that the caller may not see: never tells which. */
export function notFound(what: string): DomainError {
  return new DomainError('NOT_FOUND', `${what} not found`);
}
