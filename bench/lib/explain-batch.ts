import type pg from 'pg';

/**
 * EXPLAIN (ANALYZE) of hv_migrate_range on the next page of `batchSize` legacy rows, in a transaction
 * that is rolled back: the function's body with its parameters substituted (EXPLAIN of the function
 * call itself would show one opaque Function Scan). Needs Phase 0 applied and unmigrated rows.
 */
export async function explainBatch(client: pg.ClientBase, batchSize = 1000): Promise<string> {
  const { rows: page } = await client.query<{ from_id: string; to_id: string | null }>(
    `SELECT coalesce((SELECT last_processed_id FROM public.backfill_progress WHERE job = 'habit_tracker'), 0)::text AS from_id,
            (SELECT max(id)::text FROM (SELECT id FROM public.habit_tracker
               WHERE id > coalesce((SELECT last_processed_id FROM public.backfill_progress WHERE job = 'habit_tracker'), 0)
               ORDER BY id LIMIT $1) p) AS to_id`,
    [batchSize],
  );
  const { from_id, to_id } = page[0]!;
  if (to_id === null) return '(no legacy rows left to migrate)';
  const { rows: fn } = await client.query<{ src: string }>(`SELECT prosrc AS src FROM pg_proc WHERE proname = 'hv_migrate_range'`);
  const body = fn[0]!.src.replace(/\bp_from\b/g, from_id).replace(/\bp_to\b/g, to_id);
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${body}`);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.query('ROLLBACK');
  }
}
