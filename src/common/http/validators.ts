import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isValidDate } from '../shanghai-time.js';

/** An instant with its offset, as the API writes times: 2026-12-01T08:00:00+08:00. */
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

export function isIsoInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  return match !== null && isValidDate(match[1]) && !Number.isNaN(Date.parse(value));
}

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && isValidDate(value);
}

export function IsIsoInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoInstant',
      validator: {
        validate: isIsoInstant,
        defaultMessage: (args) => `${args?.property} must be a time with its offset, like 2026-12-01T08:00:00+08:00`,
      },
    },
    options,
  );
}

export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDate',
      validator: { validate: isIsoDate, defaultMessage: (args) => `${args?.property} must be a date like 2026-12-01` },
    },
    options,
  );
}

export function IsDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOrInstant',
      validator: {
        validate: (value: unknown) => isIsoDate(value) || isIsoInstant(value),
        defaultMessage: (args) => `${args?.property} must be a date (2026-12-01) or a time with its offset (2026-12-01T08:00:00+08:00)`,
      },
    },
    options,
  );
}
