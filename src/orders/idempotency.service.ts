import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/roles.js';
import { DomainError } from '../common/errors/domain-error.js';
import { toErrorBody } from '../common/errors/http-exception.filter.js';
import { IdempotencyRepository } from './idempotency.repository.js';

export interface StoredResponse {
  status: number;
  body: unknown;
  replayed: boolean;
}

/** Refusals that say "try again": the key is freed for the retry rather than keeping the refusal. */
const RETRY_LATER = new Set(['CONCURRENT_UPDATE']);

/** A key left in progress this long by a crashed request may be taken over. */
const STALE_SECONDS = 60;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${route}\n${canonical(body)}`)
    .digest('hex');
}

/**
 * Idempotency keys as Stripe has them, per account: the same key and body replay the first
 * response; another body → 409 IDEMPOTENCY_KEY_REUSED; a request racing one still in flight →
 * 409 IDEMPOTENCY_IN_PROGRESS. The key is claimed in its own short transaction, and completed in
 * the same transaction as the order it produced, so a key maps to exactly one order.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly db: DataSource,
    private readonly keys: IdempotencyRepository,
  ) {}

  async run(
    actor: Actor,
    key: string | undefined,
    /** The request's hash, worked out only when a key is sent. */
    hashOf: () => string,
    work: (m: EntityManager | undefined) => Promise<{ status: number; body: { id: string } }>,
  ): Promise<StoredResponse> {
    if (key === undefined) {
      // No key: the work makes its own atomic writes.
      const done = await work(undefined);
      return { ...done, replayed: false };
    }
    if (key.length < 1 || key.length > 255) {
      throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 1 to 255 characters', [
        { field: 'Idempotency-Key', message: 'length 1-255' },
      ]);
    }
    const previous = await this.claim(actor.userId, key, hashOf());
    if (previous) return previous;
    try {
      const done = await this.db.transaction(async (m) => {
        const result = await work(m);
        await this.keys.completeWithOrder(m, actor.userId, key, result.status, result.body, result.body.id);
        return result;
      });
      return { ...done, replayed: false };
    } catch (error) {
      if (error instanceof DomainError && error.status < 500 && !RETRY_LATER.has(error.code)) {
        // A refusal is the answer to this request: keep it, so a retry gets the same answer.
        const body = toErrorBody(error);
        await this.keys.completeWithRefusal(actor.userId, key, body.statusCode, body);
      } else {
        await this.keys.release(actor.userId, key);
      }
      throw error;
    }
  }

  /** Claims the key, or returns what an earlier request with it answered. */
  private async claim(userId: string, key: string, hash: string): Promise<StoredResponse | undefined> {
    if (await this.keys.claim(userId, key, hash, STALE_SECONDS)) return undefined;
    const row = await this.keys.find(userId, key);
    if (!row) return this.claim(userId, key, hash);
    if (row.request_hash !== hash) {
      throw new DomainError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used for a different request: use a new key for a new booking',
      );
    }
    if (row.state !== 'done') {
      throw new DomainError(
        'IDEMPOTENCY_IN_PROGRESS',
        'A request with this Idempotency-Key is still being processed: wait a moment and retry',
      );
    }
    return { status: row.response_status, body: row.response_body, replayed: true };
  }

  /** Keys are kept at least 24 hours; older ones go. */
  async purgeOlderThan(hours: number): Promise<number> {
    return this.keys.purgeOlderThan(hours);
  }
}
