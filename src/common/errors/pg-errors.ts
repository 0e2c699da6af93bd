import { DomainError } from './domain-error.js';
import type { ErrorCode } from './error-codes.js';

/**
 * Maps PostgreSQL constraint violations to domain errors, by SQLSTATE and constraint name,
 * never by message text. A constraint not listed falls back to a generic 409.
 */
const BY_CONSTRAINT: Record<string, { code: ErrorCode; message: string }> = {
  residents_id_number_unique: { code: 'DUPLICATE_ID_NUMBER', message: 'A resident with this ID number is already registered' },
  users_username_unique: { code: 'USERNAME_TAKEN', message: 'This username is taken: choose another' },
  users_username_not_mobile: {
    code: 'USERNAME_LOOKS_LIKE_MOBILE',
    message: 'A username may not look like a mobile number: put the number in phone and choose another username',
  },
  users_phone_unique: { code: 'PHONE_TAKEN', message: 'This mobile number already belongs to an account' },
  users_resident_unique: { code: 'ACCOUNT_EXISTS', message: 'This resident already has a senior account' },
  users_caregiver_unique: { code: 'ACCOUNT_EXISTS', message: 'This caregiver already has an account' },
  facilities_code_key: { code: 'FACILITY_CODE_TAKEN', message: 'A facility with this code exists: choose another code' },
  orders_resident_no_overlap: {
    code: 'ORDER_OVERLAP',
    message: 'The resident already has an order at this time: choose another time or cancel that order first',
  },
  capacity_slots_within_capacity: { code: 'SLOT_FULL', message: 'This slot is full: choose another time' },
  allowance_within_limit: { code: 'CONCURRENT_UPDATE', message: 'The monthly allowance changed at the same time: try again' },
  idempotency_keys_order_unique: {
    code: 'IDEMPOTENCY_IN_PROGRESS',
    message: 'A request with this Idempotency-Key is still being processed',
  },
  family_links_unique: { code: 'ALREADY_LINKED', message: 'This family account is already linked to the resident' },
  shifts_no_overlap: {
    code: 'SHIFT_OVERLAP',
    message: 'This caregiver already has a shift overlapping this time: choose another time or remove that shift first',
  },
  roster_templates_no_overlap: {
    code: 'TEMPLATE_INVALID',
    message: 'Two template lines of one caregiver overlap on the same weekday: change their times',
  },
};

interface PgError {
  code?: string;
  constraint?: string;
}

function pgErrorOf(error: unknown): PgError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as PgError & { driverError?: PgError };
  if (e.driverError && typeof e.driverError.code === 'string') return e.driverError;
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e;
  return undefined;
}

/** Returns the domain error for a database error a client caused, or undefined for a real fault. */
export function domainErrorFromDatabase(error: unknown): DomainError | undefined {
  const pg = pgErrorOf(error);
  if (!pg?.code) return undefined;
  const known = pg.constraint ? BY_CONSTRAINT[pg.constraint] : undefined;
  switch (pg.code) {
    case '23505': // unique_violation
    case '23P01': // exclusion_violation
      return known ? new DomainError(known.code, known.message) : new DomainError('CONFLICT', 'This conflicts with existing data');
    case '23514': // check_violation
    case '23503': // foreign_key_violation
      return known
        ? new DomainError(known.code, known.message)
        : new DomainError('CONFLICT', 'This change conflicts with the current state of related data');
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
      return new DomainError('CONCURRENT_UPDATE', 'Another change was made at the same time: try again');
    default:
      // Class 22, data exceptions: a value the client sent that PostgreSQL cannot take (a malformed
      // uuid or date, a NUL character, a number out of range). The client's to change, not a fault.
      if (pg.code.startsWith('22'))
        return new DomainError('BAD_REQUEST', 'A value in the request is not of the expected form: check dates, numbers and identifiers');
      return undefined;
  }
}

export function registerConstraint(name: string, code: ErrorCode, message: string): void {
  BY_CONSTRAINT[name] = { code, message };
}
