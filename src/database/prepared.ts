import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';

/**
 * A named prepared statement, for the few queries that run on nearly every request (the account
 * behind a token, a booking's facts and its write). PostgreSQL parses and plans each once per
 * connection instead of on every call, and the query skips TypeORM's layers. It runs on the
 * transaction's connection when a manager is given, else on any connection of the pool.
 *
 * The connection is reached through TypeORM's public API: a PostgresQueryRunner's connect()
 * answers the connection it holds (a transaction's, already open), and the PostgresDriver's
 * `master` is its pg pool.
 */
export async function preparedQuery<T>(
  db: DataSource,
  manager: EntityManager | undefined,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const config: pg.QueryConfig = { name, text, values };
  const runner = manager?.queryRunner;
  if (runner instanceof PostgresQueryRunner && runner.isTransactionActive) {
    const connection: unknown = await runner.connect();
    if (isClient(connection)) return (await connection.query<T & pg.QueryResultRow>(config)).rows;
  }
  const pool: unknown = db.driver instanceof PostgresDriver ? db.driver.master : undefined;
  if (manager || !isPool(pool)) {
    // A manager outside a transaction, or another driver: the plain path.
    return (manager ?? db.manager).query<T[]>(text, values);
  }
  // Not pool.query: it drops the connection after any failed statement, so every refusal the
  // database raises (CB001, a constraint) would cost a new backend. A statement the server
  // refused leaves the connection usable; only a broken connection is let go.
  const client = await pool.connect();
  try {
    const result = await client.query<T & pg.QueryResultRow>(config);
    client.release();
    return result.rows;
  } catch (error) {
    client.release(error instanceof pg.DatabaseError ? undefined : (error as Error));
    throw error;
  }
}

/** TypeORM types the connections of its PostgreSQL driver as `any`: these guards say what they are. */
function isClient(connection: unknown): connection is pg.ClientBase {
  return (
    connection instanceof pg.Client ||
    (typeof connection === 'object' && connection !== null && 'query' in connection && 'escapeIdentifier' in connection)
  );
}

function isPool(pool: unknown): pool is pg.Pool {
  return pool instanceof pg.Pool || (typeof pool === 'object' && pool !== null && 'connect' in pool && 'totalCount' in pool);
}
