import type { EntityManager } from 'typeorm';

export interface BulkColumn {
  name: string;
  /** PostgreSQL type of the parameter array's elements (`uuid`, `text`, `float8`, ...). */
  type: string;
  /** Cast applied in the SELECT, for values sent as text: `text[]`, `jsonb`. */
  cast?: string;
}

export interface BulkTable {
  table: string;
  columns: BulkColumn[];
  /** A condition over `src.<column>`, e.g. that a referenced row exists. */
  where?: string;
}

export const BATCH_SIZE = 5000;

/**
 * Inserts rows with one statement per batch: each column travels as one array parameter and
 * `unnest` turns the arrays back into rows. Rows that would break a unique constraint (already
 * there from an earlier run) are skipped. Returns how many rows went in.
 */
export async function bulkInsert(
  manager: EntityManager,
  spec: BulkTable,
  rows: readonly unknown[][],
  onBatch?: (inserted: number, done: number) => void,
): Promise<number> {
  const names = spec.columns.map((c) => c.name).join(', ');
  const params = spec.columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const selects = spec.columns.map((c) => (c.cast ? `src.${c.name}::${c.cast}` : `src.${c.name}`)).join(', ');
  const sql =
    `WITH ins AS (INSERT INTO ${spec.table} (${names}) SELECT ${selects} FROM unnest(${params}) AS src(${names})` +
    `${spec.where ? ` WHERE ${spec.where}` : ''} ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*)::int AS n FROM ins`;
  let inserted = 0;
  for (let start = 0; start < rows.length; start += BATCH_SIZE) {
    const batch = rows.slice(start, start + BATCH_SIZE);
    const columns = spec.columns.map((_, i) => batch.map((row) => row[i]));
    const [{ n }] = (await manager.query(sql, columns)) as { n: number }[];
    inserted += n;
    onBatch?.(inserted, start + batch.length);
  }
  return inserted;
}

/** A text[] value sent inside a text array parameter (a 2-D array would not unnest row by row). */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
