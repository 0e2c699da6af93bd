import type { AuditChanges } from './audit-entry.entity.js';
import { maskIdNumber } from '../people/id-number.js';

const SECRET_FIELDS = new Set(['passwordHash', 'password']);
const IGNORED_FIELDS = new Set(['createdAt', 'updatedAt']);

function auditValue(field: string, value: unknown): unknown {
  if (SECRET_FIELDS.has(field)) return value === undefined ? undefined : '[changed]';
  if (field === 'idNumber' && typeof value === 'string') return maskIdNumber(value);
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** The fields that differ between two versions of a record, with secrets hidden and ID numbers masked. */
export function diffForAudit(before: object | null, after: object | null): AuditChanges {
  const old = (before ?? {}) as Record<string, unknown>;
  const neu = (after ?? {}) as Record<string, unknown>;
  const changes: AuditChanges = {};
  for (const field of new Set([...Object.keys(old), ...Object.keys(neu)])) {
    if (IGNORED_FIELDS.has(field)) continue;
    const a = auditValue(field, old[field]);
    const b = auditValue(field, neu[field]);
    if (JSON.stringify(a) === JSON.stringify(b) && !(SECRET_FIELDS.has(field) && before && after && old[field] !== neu[field])) continue;
    changes[field] = { old: a ?? null, new: b ?? null };
  }
  return changes;
}
