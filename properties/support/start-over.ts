import type pg from 'pg';
import { templateSource } from '../../src/db/database-factory.ts';
import { resetDatabase } from '../../src/db/reset.ts';
import { harness } from '../../src/runner/harness-error.ts';

/**
 * The database as the harness hands it out, whatever a case (or a broken variant) left in it: an
 * empty public schema with the Supabase shim and the legacy table, nothing of any migration.
 */
export async function startOver(c: pg.ClientBase): Promise<void> {
  await harness('start the database over', async () => {
    await c.query('ROLLBACK').catch(() => undefined);
    const { sql } = await templateSource();
    await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    for (const text of sql) await c.query(text);
    await resetDatabase(c, { refresh: true });
  });
}
