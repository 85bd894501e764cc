/**
 * Every way a client could write the legacy table during the read-only week, tried as the migration
 * role and as the API role, each in a transaction that is rolled back. What a write that got through
 * returned, or the error it got.
 */
import type pg from 'pg';

export interface WriteAttempt {
  as: 'postgres' | 'authenticated' | 'postgres with the sync flag set';
  statement: string;
  /** undefined: the write went through. */
  error?: { code?: string; message: string };
}

export async function tryLegacyWrites(client: pg.ClientBase, table: string): Promise<WriteAttempt[]> {
  const t = `public.${client.escapeIdentifier(table)}`;
  const statements = [
    `INSERT INTO ${t} (user_id, child_name, week_start_date) VALUES (NULL, 'intruder', DATE '2099-01-05')`,
    `UPDATE ${t} SET theme = 'overwritten'`,
    `DELETE FROM ${t}`,
    `TRUNCATE ${t}`,
  ];
  const out: WriteAttempt[] = [];
  for (const as of ['postgres', 'authenticated', 'postgres with the sync flag set'] as const) {
    for (const statement of statements) {
      if (as === 'authenticated' && statement.startsWith('TRUNCATE')) continue; // not granted by Phase 2 anyway
      await client.query('BEGIN');
      try {
        if (as === 'authenticated') await client.query('SET LOCAL ROLE authenticated');
        if (as === 'postgres with the sync flag set') await client.query("SELECT set_config('hv.p3_reverse_sync', 'on', true)");
        await client.query(statement);
        out.push({ as, statement });
      } catch (err) {
        const e = err as { code?: string; message?: string };
        out.push({ as, statement, error: { ...(e.code ? { code: e.code } : {}), message: String(e.message) } });
      } finally {
        await client.query('ROLLBACK');
      }
    }
  }
  return out;
}
