import type pg from 'pg';

/** Server settings that load pg_stat_statements and make it count top-level statements only. */
export const PG_STAT_STATEMENTS_SETTINGS: Readonly<Record<string, string>> = {
  shared_preload_libraries: 'pg_stat_statements',
  'pg_stat_statements.track': 'top',
  'pg_stat_statements.track_utility': 'on',
};

/**
 * Counts, server-side, the top-level statements run in the current database between `start()` and
 * `stop()` — a second witness of round trips next to the client-side counter. The database must be
 * used by nobody else meanwhile. `stop()` subtracts the bookkeeping statements themselves. `client`
 * is the superuser on that database (creating the extension and resetting it are not the migration
 * role's to do).
 */
export async function serverStatementCounter(client: pg.ClientBase): Promise<{ start(): Promise<void>; stop(): Promise<number> } | undefined> {
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await client.query('SELECT count(*) FROM pg_stat_statements');
  } catch {
    return undefined; // not preloaded on this server: the client-side count stands alone
  }
  const read = async () => {
    const { rows } = await client.query<{ calls: string | null }>(
      `SELECT sum(calls)::text AS calls FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    return Number(rows[0]?.calls ?? 0);
  };
  // Calibrate: what a reset followed directly by a read reports (the reset itself is recorded).
  await client.query('SELECT pg_stat_statements_reset()');
  const overhead = await read();
  return {
    async start() {
      await client.query('SELECT pg_stat_statements_reset()');
    },
    async stop() {
      return (await read()) - overhead;
    },
  };
}
