import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from '../errors/domain-error.js';
import type { FieldDetail } from '../errors/error-codes.js';

function flatten(errors: ValidationError[], parent = ''): FieldDetail[] {
  const details: FieldDetail[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      details.push({ field, message: message.startsWith('property ') ? `${field} is not a known field: remove it` : message });
    }
    if (error.children?.length) details.push(...flatten(error.children, field));
  }
  return details;
}

/** The one validation pipe: strips nothing silently, rejects unknown fields, converts types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const fields = [...new Set(details.map((d) => d.field))].join(', ');
      return new DomainError('VALIDATION_FAILED', `Some fields need correcting: ${fields}`, details);
    },
  });
}
