import { connect } from '../../../src/db/connect.ts';

/**
 * A long transaction on a table — a report, an export, a pg_dump: it reads the table and keeps its
 * ACCESS SHARE lock for `ms`. Resolves once the lock is held; `done` resolves when it has committed.
 * DDL that needs ACCESS EXCLUSIVE on that table queues behind it, and every write queues behind the DDL.
 */
export async function holdLongTransaction(uri: string, table: string, ms: number): Promise<{ done: Promise<void> }> {
  const c = await connect(uri);
  await c.query('BEGIN');
  await c.query(`SELECT count(*) FROM public.${c.escapeIdentifier(table)}`);
  // never rejects: when a case fails mid-scenario the database may be dropped under it
  const done = (async () => {
    try {
      await new Promise((r) => setTimeout(r, ms));
      await c.query('COMMIT');
    } catch {
      // the connection went with the database
    } finally {
      await c.end().catch(() => undefined);
    }
  })();
  return { done };
}
