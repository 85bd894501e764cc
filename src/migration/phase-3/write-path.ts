import type pg from 'pg';
import { RETIREMENT_TABLE, WRITE_PATH_LOCK } from './names.ts';

export type WritePath = 'legacy' | 'new';

/**
 * Where the app writes now: `legacy` (the old path; from Phase 1 on, dual-written) until Phase 3's switch,
 * `new` after it. Call it inside the write's own transaction: the flag row is read FOR SHARE (through
 * hv_p3_write_path(), callable by the API roles), so the switch (which updates it) waits for writes in
 * flight, and every write after the switch sees `new`.
 * Before Phase 3 (no retirement table) and after its rollback, the path is `legacy`.
 */
export async function writePathOf(client: pg.ClientBase): Promise<WritePath> {
  // The shared advisory lock is taken before looking: Phase 3's first step takes it exclusively while
  // it creates the table, so a write that found no table is over before the switch can happen. Two
  // statements, and pg_class read with the statement's snapshot, so the look happens after the wait.
  await client.query(`SELECT pg_advisory_xact_lock_shared(${WRITE_PATH_LOCK[0]}, ${WRITE_PATH_LOCK[1]})`);
  const { rows } = await client.query<{ present: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE relname = '${RETIREMENT_TABLE}' AND relnamespace = 'public'::regnamespace) AS present`,
  );
  if (!rows[0]?.present) return 'legacy';
  // The table may be dropped (a rollback's last step) between the two statements: a savepoint keeps
  // the caller's transaction usable.
  await client.query('SAVEPOINT hv_write_path');
  try {
    const r = await client.query<{ write_path: WritePath }>('SELECT public.hv_p3_write_path() AS write_path');
    await client.query('RELEASE SAVEPOINT hv_write_path');
    return r.rows[0]?.write_path ?? 'legacy';
  } catch (err) {
    // 42P01 / 42883: the table or the function went with the rollback's last step
    if (!['42P01', '42883'].includes((err as { code?: string }).code ?? '')) throw err;
    await client.query('ROLLBACK TO SAVEPOINT hv_write_path');
    return 'legacy';
  }
}
