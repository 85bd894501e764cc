import type pg from 'pg';

/** The tables a backfill writes, and its bookkeeping: emptied between timed runs. */
export const BACKFILL_TARGETS = ['children', 'weeks', 'habits', 'habit_records'] as const;
const BOOKKEEPING = ['backfill_progress', 'migration_quarantine', 'migration_warnings'] as const;

/**
 * Empties the new tables and the backfill's bookkeeping (the legacy table is untouched), then
 * checkpoints through `admin` (the superuser: the migration's role may not CHECKPOINT, as on Supabase).
 */
export async function emptyNewSchema(client: pg.ClientBase, admin: pg.ClientBase): Promise<void> {
  await client.query(`TRUNCATE ${[...BACKFILL_TARGETS, ...BOOKKEEPING].map((t) => `public.${t}`).join(', ')} CASCADE`);
  await admin.query('CHECKPOINT');
}

/** Copies what a backfill wrote into schema `bench` (the precomputed rows the raw INSERT … SELECT reads). */
export async function stageNewRows(client: pg.ClientBase): Promise<void> {
  await client.query('DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench');
  for (const t of BACKFILL_TARGETS) {
    await client.query(`CREATE TABLE bench.${t} AS SELECT * FROM public.${t}; ANALYZE bench.${t}`);
  }
}

/**
 * The limit a backfill is held against: the same rows, already in new-schema form, written into the
 * same tables (same indexes, constraints and foreign-key triggers) by one INSERT … SELECT per table,
 * in one transaction and one round trip — no classification, no quarantine, no progress row.
 */
export async function rawInsertSelect(client: pg.ClientBase): Promise<void> {
  await client.query(
    [
      'BEGIN',
      ...BACKFILL_TARGETS.map((t) => `INSERT INTO public.${t} SELECT * FROM bench.${t}`),
      'COMMIT',
    ].join(';\n'),
  );
}

/** Row counts of the new tables (to check both writers wrote the same). */
export async function newSchemaCounts(client: pg.ClientBase): Promise<Record<string, number>> {
  const { rows } = await client.query<Record<string, number>>(
    `SELECT ${BACKFILL_TARGETS.map((t) => `(SELECT count(*)::int FROM public.${t}) AS ${t}`).join(', ')}`,
  );
  return rows[0]!;
}
