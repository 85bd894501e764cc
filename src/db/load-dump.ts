import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import type pg from 'pg';
import { InputError } from '../generate/input-error.ts';
import { DUMP_HINT } from './dump-statement.ts';
import { loadJsonDump } from './load-json-dump.ts';
import { loadSqlDump } from './load-sql-dump.ts';

export interface LoadCounts {
  users: number;
  legacyRows: number;
  statements: number;
  /** auth.users columns of the dump that were not loaded (a real Supabase auth.users has many the harness does not). */
  ignoredUserColumns: string[];
}

/** The dump formats `load` and `check` read, by file extension. */
export const DUMP_FORMATS = ['.sql', '.json'] as const;

/**
 * Loads a legacy dump (.sql of INSERTs — `habit-verify generate` or `pg_dump --data-only --inserts` —
 * or .json from `generate`) into a fresh database in ONE transaction, streaming it: memory does not
 * grow with the dump. A malformed dump changes nothing and raises an InputError (exit 2) naming the
 * file, the line (or row) and what to do, with Postgres's own message and SQLSTATE. A dump that
 * holds no habit_tracker row (an empty or comment-only file, too) is malformed, whatever its format.
 */
export async function loadDump(client: pg.ClientBase, file: string): Promise<LoadCounts> {
  await assertReadable(file);
  const ext = extname(file).toLowerCase();
  if (!(DUMP_FORMATS as readonly string[]).includes(ext)) {
    throw new InputError(file, 'file name', `unsupported dump type ${JSON.stringify(ext || '(none)')}`, 'give a .sql dump (INSERT statements) or a .json dataset');
  }
  await client.query('BEGIN');
  try {
    const loaded =
      ext === '.json'
        ? { ...(await loadJsonDump(client, file)), ignoredUserColumns: [] }
        : await loadSqlDump(client, file);
    const { rows } = await client.query<{ users: number; rows: number }>(
      'SELECT (SELECT count(*)::int FROM auth.users) AS users, (SELECT count(*)::int FROM public.habit_tracker) AS rows',
    );
    const counts = { users: rows[0]!.users, legacyRows: rows[0]!.rows };
    if (counts.legacyRows === 0) throw noRows(file, ext, loaded.seen);
    await client.query('COMMIT');
    return { ...counts, statements: loaded.statements, ignoredUserColumns: loaded.ignoredUserColumns };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

async function assertReadable(file: string): Promise<void> {
  try {
    const handle = await open(file, 'r');
    await handle.close();
  } catch (err) {
    throw new InputError(file, 'file', `cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, 'check the path', { cause: err });
  }
}

function noRows(file: string, ext: string, seen: number): InputError {
  if (seen === 0) {
    const what = ext === '.json' ? 'empty: no JSON document, only blank space' : 'empty: no SQL statement, only comments and blank lines';
    return new InputError(file, 'file', what, DUMP_HINT);
  }
  return new InputError(file, 'file', 'no habit_tracker row: the dump loads nothing to check', `${DUMP_HINT}; a dump of an empty table cannot be checked`);
}
