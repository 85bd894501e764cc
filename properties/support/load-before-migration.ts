import type pg from 'pg';
import { harness } from '../../src/runner/harness-error.ts';

/**
 * Writes data as it stood before the migration began: in one transaction with
 * session_replication_role = replica, so no trigger of the implementation sees it (its backfill is
 * what must bring it over). The harness's own step: a failure here is an ERROR, not a verdict.
 */
export async function loadBeforeMigration(client: pg.ClientBase, load: () => Promise<void>): Promise<void> {
  await harness('load the legacy data as it stood before the migration', async () => {
    await client.query('BEGIN');
    try {
      await client.query('SET LOCAL session_replication_role = replica');
      await load();
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}
