import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface IdempotencyKeyRow {
  request_hash: string;
  state: 'in_progress' | 'done';
  response_status: number;
  response_body: unknown;
}

/** The SQL of idempotency keys: one row per account and key, with the response it gave. */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Claims a key for a request: a new key, or one a crashed request left in progress with the
   * same body for longer than `staleSeconds`. False when another request holds or answered it.
   */
  async claim(userId: string, key: string, hash: string, staleSeconds: number): Promise<boolean> {
    const claimed = await this.db.query<unknown[]>(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, state) VALUES ($1, $2, $3, 'in_progress')
       ON CONFLICT (user_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now()
         WHERE idempotency_keys.state = 'in_progress' AND idempotency_keys.request_hash = EXCLUDED.request_hash
           AND idempotency_keys.created_at < now() - make_interval(secs => $4)
       RETURNING key`,
      [userId, key, hash, staleSeconds],
    );
    return claimed.length === 1;
  }

  async find(userId: string, key: string): Promise<IdempotencyKeyRow | undefined> {
    const rows = await this.db.query<IdempotencyKeyRow[]>(
      `SELECT request_hash, state, response_status, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    return rows[0];
  }

  /** Stores the response that produced an order, in the order's own transaction: a key maps to one order. */
  async completeWithOrder(m: EntityManager, userId: string, key: string, status: number, body: unknown, orderId: string): Promise<void> {
    await m.query(
      `UPDATE idempotency_keys SET state = 'done', response_status = $3, response_body = $4, order_id = $5 WHERE user_id = $1 AND key = $2`,
      [userId, key, status, JSON.stringify(body), orderId],
    );
  }

  /** Stores a refusal as the key's answer, so a retry gets the same one. */
  async completeWithRefusal(userId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET state = 'done', response_status = $3, response_body = $4 WHERE user_id = $1 AND key = $2`,
      [userId, key, status, JSON.stringify(body)],
    );
  }

  /** Frees a key still in progress, so the request may be sent again. */
  async release(userId: string, key: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND state = 'in_progress'`, [userId, key]);
  }

  /** Deletes keys older than `hours`; answers how many went. */
  async purgeOlderThan(hours: number): Promise<number> {
    const result = await this.db.query<unknown>(`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`, [
      hours,
    ]);
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  }
}
