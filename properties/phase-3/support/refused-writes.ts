/**
 * Every way a client could write the legacy table during the read-only week, tried as the migration
 * role and as the API role — and, when the implementation's reverse sync has a setting of its own
 * (Observation.reverseSyncSetting), as the migration role with it set — each in a transaction that is
 * rolled back. What a write that got through returned, or the error it got.
 */
import type pg from 'pg';

export interface WriteAttempt {
  as: 'postgres' | 'authenticated' | 'postgres with the sync flag set';
  statement: string;
  /** undefined: the write went through. */
  error?: { code?: string; message: string };
}

export async function tryLegacyWrites(client: pg.ClientBase, table: string, syncSetting?: string): Promise<WriteAttempt[]> {
  const t = `public.${client.escapeIdentifier(table)}`;
  const statements = [
    `INSERT INTO ${t} (user_id, child_name, week_start_date) VALUES (NULL, 'intruder', DATE '2099-01-05')`,
    `UPDATE ${t} SET theme = 'overwritten'`,
    `DELETE FROM ${t}`,
    `TRUNCATE ${t}`,
  ];
  const out: WriteAttempt[] = [];
  const roles = ['postgres', 'authenticated', ...(syncSetting ? ['postgres with the sync flag set' as const] : [])] as const;
  for (const as of roles) {
    for (const statement of statements) {
      if (as === 'authenticated' && statement.startsWith('TRUNCATE')) continue; // not granted by Phase 2 anyway
      await client.query('BEGIN');
      try {
        if (as === 'authenticated') await client.query('SET LOCAL ROLE authenticated');
        if (as === 'postgres with the sync flag set') await client.query("SELECT set_config($1, 'on', true)", [syncSetting]);
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
