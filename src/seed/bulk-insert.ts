export interface BulkColumn {
  name: string;
  /** PostgreSQL type of the parameter array's elements (`uuid`, `text`, `float8`, ...). */
  type: string;
  /** Cast applied in the SELECT, for values sent as text: `text[]`, `jsonb`. */
  cast?: string;
}

/** A table as SeedRepository.bulkInsert writes it: its columns, each sent as one array parameter. */
export interface BulkTable {
  table: string;
  columns: BulkColumn[];
  /** A condition over `src.<column>`, e.g. that a referenced row exists. */
  where?: string;
}

export const BATCH_SIZE = 5000;

/**
 * Columns written as `'name type'` or `'name type cast'`, e.g. `cols('id uuid', 'skills text text[]')`:
 * one spec per column, in the order of the values in each row.
 */
export function cols(...specs: string[]): BulkColumn[] {
  return specs.map((spec) => {
    const [name, type, cast] = spec.split(' ');
    return cast === undefined ? { name, type } : { name, type, cast };
  });
}

/** A text[] value sent inside a text array parameter (a 2-D array would not unnest row by row). */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
