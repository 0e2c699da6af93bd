import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * A named prepared statement, for the few queries that run on nearly every request (the account
 * behind a token, a booking's facts and its write). PostgreSQL parses and plans each once per
 * connection instead of on every call, and the query skips TypeORM's layers. It runs on the
 * transaction's connection when a manager is given, else on any connection of the pool.
 */
export async function preparedQuery<T>(db: DataSource, manager: EntityManager | undefined, name: string, text: string, values: unknown[]): Promise<T[]> {
  const runner = manager?.queryRunner as { databaseConnection?: pg.PoolClient } | undefined;
  if (runner?.databaseConnection) return (await runner.databaseConnection.query({ name, text, values })).rows as T[];
  const pool = manager ? undefined : (db.driver as unknown as { master?: pg.Pool }).master;
  if (!pool) {
    // A manager outside a transaction, or a driver without a pool: the plain path.
    return (await (manager ?? db.manager).query(text, values)) as T[];
  }
  // Not pool.query: it drops the connection after any failed statement, so every refusal the
  // database raises (CB001, a constraint) would cost a new backend. A statement the server
  // refused leaves the connection usable; only a broken connection is let go.
  const client = await pool.connect();
  try {
    const result = await client.query({ name, text, values });
    client.release();
    return result.rows as T[];
  } catch (error) {
    client.release(error instanceof pg.DatabaseError ? undefined : (error as Error));
    throw error;
  }
}
