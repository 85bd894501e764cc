import type pg from 'pg';

/**
 * EXPLAIN (ANALYZE) of hv_migrate_range on the next page of `batchSize` legacy rows, in a transaction
 * that is rolled back: the function's statement prepared with its two parameters and run with a
 * generic plan, as the SQL function plans it (without the parameters' values) on each call. EXPLAIN
 * of the function call would show one opaque Function Scan; literals in place of the parameters, a
 * custom plan the backfill never runs. Needs Phase 0 applied and unmigrated rows.
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
  const statement = fn[0]!.src
    .replace(/^\s*BEGIN\b/, '')
    .replace(/\bINTO\s+migrated\s*,\s*quarantined\s*;\s*END\s*$/, '')
    .replace(/\bp_from\b/g, '$1')
    .replace(/\bp_to\b/g, '$2');
  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL plan_cache_mode = force_generic_plan');
    await client.query(`PREPARE hv_explain_batch (bigint, bigint) AS ${statement}`);
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) EXECUTE hv_explain_batch(${Number(from_id)}, ${Number(to_id)})`);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.query('ROLLBACK');
    await client.query('DEALLOCATE hv_explain_batch').catch(() => undefined);
  }
}
