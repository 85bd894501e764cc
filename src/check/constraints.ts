import type pg from 'pg';

export interface ConstraintResult {
  table: string;
  constraint: string;
  validated: boolean;
  /** Postgres's SQLSTATE when VALIDATE failed (23514 check, 23503 foreign key). */
  code?: string;
  message?: string;
}

/**
 * VALIDATEs every NOT VALID constraint of the new schema, each in its own transaction that is rolled
 * back, so the check leaves the database as it found it. (Phase 2 validates for real.)
 */
export async function validateConstraints(client: pg.ClientBase, commit = false): Promise<ConstraintResult[]> {
  const { rows } = await client.query<{ tbl: string; con: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, c.conname AS con
       FROM pg_constraint c
      WHERE NOT c.convalidated AND c.connamespace = 'public'::regnamespace
      ORDER BY 1, 2`,
  );
  const results: ConstraintResult[] = [];
  for (const { tbl, con } of rows) {
    await client.query('BEGIN');
    try {
      await client.query(`ALTER TABLE ${tbl} VALIDATE CONSTRAINT ${quoteIdent(con)}`);
      results.push({ table: tbl, constraint: con, validated: true });
      await client.query(commit ? 'COMMIT' : 'ROLLBACK');
    } catch (err) {
      await client.query('ROLLBACK');
      const e = err as { code?: string; message: string };
      results.push({ table: tbl, constraint: con, validated: false, code: e.code, message: e.message });
    }
  }
  return results;
}

function quoteIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
