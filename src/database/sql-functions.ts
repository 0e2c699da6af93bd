import { readdirSync, readFileSync } from 'node:fs';

/**
 * The PL/pgSQL of the schema, one function per file in src/database/functions (copied beside the
 * build by `npm run build`). Each file is a CREATE OR REPLACE FUNCTION: a migration that changes a
 * function edits its file and applies it again with applySqlFunctions.
 */
export const SQL_FUNCTIONS_DIR = new URL('./functions/', import.meta.url);

export interface SqlFunctionFile {
  /** The function's name: the file's name without `.sql`. */
  name: string;
  sql: string;
}

export function readSqlFunctions(): SqlFunctionFile[] {
  return readdirSync(SQL_FUNCTIONS_DIR)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => ({ name: file.slice(0, -'.sql'.length), sql: readFileSync(new URL(file, SQL_FUNCTIONS_DIR), 'utf8') }));
}

/** Applies every function file, or only those named. */
export async function applySqlFunctions(q: { query(sql: string): Promise<unknown> }, only?: readonly string[]): Promise<void> {
  for (const f of readSqlFunctions()) {
    if (!only || only.includes(f.name)) await q.query(f.sql);
  }
}
