/**
 * Test-only fault injection for dual writes: a BEFORE row trigger on every table a write touches,
 * driven by the session setting hv.test_fault = '<action>:<table|*>:<n>' — on the n-th row event
 * (0-based, counted per transaction) on that table ('*': any table but idempotency_log):
 * - error: raise (an error in that statement);
 * - block: wait for the advisory lock FAULT_LOCK, which the test holds, so the transaction is caught
 *   at that step — then the test terminates the backend, lets statement_timeout fire, or releases it.
 */
import type pg from 'pg';

export const FAULT_TABLES = ['habit_tracker', 'idempotency_log', 'children', 'weeks', 'habits', 'habit_records', 'habit_templates'] as const;
export type FaultTable = (typeof FAULT_TABLES)[number];
export const FAULT_LOCK = 470_101;

export async function installFaultTriggers(client: pg.ClientBase): Promise<void> {
  await client.query(`
    CREATE OR REPLACE FUNCTION public.hv_test_fault() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      v_spec text := coalesce(current_setting('hv.test_fault', true), '');
      v_table text := split_part(v_spec, ':', 2);
      v_seen integer;
    BEGIN
      IF v_spec = '' OR NOT (v_table = TG_TABLE_NAME OR (v_table = '*' AND TG_TABLE_NAME <> 'idempotency_log')) THEN
        RETURN coalesce(NEW, OLD);
      END IF;
      v_seen := coalesce(nullif(current_setting('hv.test_fault_seen', true), '')::int, 0);
      PERFORM set_config('hv.test_fault_seen', (v_seen + 1)::text, true);
      IF v_seen = coalesce(nullif(split_part(v_spec, ':', 3), '')::int, 0) THEN
        IF split_part(v_spec, ':', 1) = 'error' THEN
          RAISE EXCEPTION 'injected fault: % #% on %', TG_OP, v_seen, TG_TABLE_NAME;
        END IF;
        PERFORM pg_advisory_xact_lock(${FAULT_LOCK});
      END IF;
      RETURN coalesce(NEW, OLD);
    END $$;
    ${FAULT_TABLES.map(
      (t) => `DROP TRIGGER IF EXISTS hv_test_fault ON public.${t};
    CREATE TRIGGER hv_test_fault BEFORE INSERT OR UPDATE OR DELETE ON public.${t} FOR EACH ROW EXECUTE FUNCTION public.hv_test_fault();`,
    ).join('\n    ')}`);
}

export async function setFault(client: pg.ClientBase, spec: string | undefined): Promise<void> {
  if (spec === undefined) await client.query('RESET hv.test_fault');
  else await client.query(`SELECT set_config('hv.test_fault', $1, false)`, [spec]);
}

/**
 * Polls until every backend of `pids` waits on a lock (true), or `settled()` says the work finished
 * (false), or the time runs out (false).
 */
export async function waitUntilLockWaiting(observer: pg.ClientBase, pids: readonly number[], settled: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until && !settled()) {
    const { rows } = await observer.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY ($1::int[]) AND wait_event_type = 'Lock'`,
      [pids],
    );
    if (rows[0]!.n === pids.length) return true;
    await new Promise((r) => setTimeout(r, 3));
  }
  return false;
}
