import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * A named prepared statement, for the few queries that run on nearly every request (the account
 * behind a token, a booking's facts and its write). PostgreSQL parses and plans each once per
 * connection instead of on every call, and the query skips TypeORM's layers. It runs on the
 * transaction's connection when a manager is given, else on any connection of the pool.
 */
export async function preparedQuery<T>(db: DataSource, manager: EntityManager | undefined, name: string, text: string, values: unknown[]): Promise<T[]> {
  const runner = manager?.queryRunner as { databaseConnection?: pg.PoolClient } | undefined;
  const target: pg.Pool | pg.PoolClient | undefined = runner?.databaseConnection ?? (manager ? undefined : (db.driver as unknown as { master?: pg.Pool }).master);
  if (!target) {
    // A manager outside a transaction, or a driver without a pool: the plain path.
    return (await (manager ?? db.manager).query(text, values)) as T[];
  }
  const result = await target.query({ name, text, values });
  return result.rows as T[];
}
