import type pg from 'pg';
import { codeOf } from './errors.ts';

/**
 * Isolation between property cases.
 *
 * A property run gets ONE database (`createDatabase`, cloned from the template) and every case
 * starts from empty tables: `resetDatabase` truncates every table of the schemas `public` and `auth`
 * in a single `TRUNCATE … RESTART IDENTITY CASCADE` (one statement, one round trip; sequences owned
 * by the tables restart so generated ids repeat from run to run).
 *
 * Why not a fresh database per case: `npm run bench:db` (reports/bench-db.json), 50 cases over 10
 * tables holding 5 rows each, 2-core dev machine shared with other jobs (so ranges over 4 runs):
 *   TRUNCATE reset                          12–48 ms per case  (9 ms with TMPDIR=/dev/shm)
 *   CREATE DATABASE … TEMPLATE + DROP       33–457 ms (WAL_LOG), 29–311 ms (FILE_COPY)
 * i.e. the template clone costs 2.3–10.4× the TRUNCATE; it stays the tool for one database per run.
 * Both are bound by file creation on ext4: TRUNCATE gives every table, index, TOAST table and
 * (RESTART IDENTITY) sequence a new file. For the same reason `DELETE FROM` each table + `setval`
 * measured 0.4–0.7 ms; it is not used because DELETE fires the tables' row triggers (the
 * migration's sync triggers among them), must follow foreign-key order, and leaves dead rows.
 *
 * What TRUNCATE does not reset: roles and settings (cluster-wide, set by the shim only), sequences
 * not owned by a table column, and non-table objects a case might create (cases must not do DDL;
 * phases that change the schema pass `{ refresh: true }`).
 */

export interface ResetOptions {
  /** Re-read the table list from pg_catalog (after DDL, e.g. a migration phase). */
  refresh?: boolean;
  /** Schemas to empty (default `public` and `auth`). */
  schemas?: readonly string[];
}

const DEFAULT_SCHEMAS = ['public', 'auth'] as const;

// Per client: the list is read once, not before every case (it costs a catalog query).
const cache = new WeakMap<pg.ClientBase, { key: string; statement: string | null }>();

/** Empties every table of `public` and `auth` (or `opts.schemas`) in one TRUNCATE statement. */
export async function resetDatabase(client: pg.ClientBase, opts: ResetOptions = {}): Promise<void> {
  const schemas = opts.schemas ?? DEFAULT_SCHEMAS;
  const key = schemas.join('\0');
  let entry = cache.get(client);
  if (opts.refresh === true || entry?.key !== key) {
    entry = { key, statement: await truncateStatement(client, schemas) };
    cache.set(client, entry);
  }
  if (entry.statement === null) return;
  try {
    await client.query(entry.statement);
  } catch (err) {
    // 42P01 undefined_table: a table was dropped or renamed since the list was read. Re-read once.
    if (codeOf(err) !== '42P01') throw err;
    const statement = await truncateStatement(client, schemas);
    cache.set(client, { key, statement });
    if (statement !== null) await client.query(statement);
  }
}

/** Forgets the cached table list of `client` (same effect as the next call passing `refresh`). */
export function forgetTables(client: pg.ClientBase): void {
  cache.delete(client);
}

async function truncateStatement(client: pg.ClientBase, schemas: readonly string[]): Promise<string | null> {
  // Ordinary and partitioned tables; partitions are emptied through their parent.
  const { rows } = await client.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1::text[])
        AND c.relkind IN ('r', 'p')
        AND NOT c.relispartition
      ORDER BY 1`,
    [schemas],
  );
  if (rows.length === 0) return null;
  return `TRUNCATE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY CASCADE`;
}
