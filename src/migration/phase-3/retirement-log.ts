import type pg from 'pg';
import type { Step } from '../../contract/step.ts';
import { RETIREMENT_TABLE, WRITE_PATH_LOCK } from './names.ts';

/**
 * The retirement log: ONE row that says where Phase 3 stands. `read_only_since` is when the read-only
 * week began (the drop's grace period counts from it); `write_path` is where the app writes (`legacy`:
 * the old path, dual-written by Phase 1; `new`: the new schema only); `saved_triggers` keeps the
 * definitions of the legacy → new triggers dropped at the switch, so a rollback puts them back exactly.
 * A plain logged table: it survives a crash with everything else.
 */
export const RECORD_RETIREMENT_STEP: Step = {
  name: 'record-retirement',
  why: 'when the read-only week began and where the app writes, durable and in one place',
  up: `
    -- waits for app writes that found no retirement table (writePathOf), so none outlives this step
    SELECT pg_advisory_xact_lock(${WRITE_PATH_LOCK[0]}, ${WRITE_PATH_LOCK[1]});
    CREATE TABLE IF NOT EXISTS public.${RETIREMENT_TABLE} (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      started_at timestamptz NOT NULL DEFAULT now(),
      write_path text NOT NULL DEFAULT 'legacy' CHECK (write_path IN ('legacy', 'new')),
      read_only_since timestamptz,
      renamed_at timestamptz,
      dropped_at timestamptz,
      saved_triggers jsonb NOT NULL DEFAULT '[]'
    );
    INSERT INTO public.${RETIREMENT_TABLE} DEFAULT VALUES ON CONFLICT DO NOTHING;
    -- migration bookkeeping, not the API roles' business (Supabase's default privileges grant them ALL)…
    REVOKE ALL ON public.${RETIREMENT_TABLE} FROM anon, authenticated;
    -- …but a signed-in client that writes must learn where: this function reads the flag FOR SHARE (a
    -- row lock needs UPDATE privilege, which the API roles must not have), in the caller's transaction
    CREATE OR REPLACE FUNCTION public.hv_p3_write_path() RETURNS text
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      SELECT r.write_path FROM public.${RETIREMENT_TABLE} r FOR SHARE
    $$;
    REVOKE EXECUTE ON FUNCTION public.hv_p3_write_path() FROM PUBLIC, anon;
    GRANT EXECUTE ON FUNCTION public.hv_p3_write_path() TO authenticated, service_role;`,
  down: `
    DROP FUNCTION IF EXISTS public.hv_p3_write_path();
    DROP TABLE IF EXISTS public.${RETIREMENT_TABLE};`,
};

export interface Retirement {
  writePath: 'legacy' | 'new';
  /** ISO timestamps (UTC) or null. */
  startedAt: string;
  readOnlySince: string | null;
  renamedAt: string | null;
  droppedAt: string | null;
  /** Whole days since the read-only week began (null before it began). */
  readOnlyDays: number | null;
  savedTriggers: Array<{ name: string; def: string; enabled: string }>;
}

/** The retirement row, or undefined when Phase 3 has not started (or was rolled back). */
export async function readRetirement(client: pg.ClientBase): Promise<Retirement | undefined> {
  const { rows: present } = await client.query<{ t: string | null }>(`SELECT to_regclass('public.${RETIREMENT_TABLE}')::text AS t`);
  if (!present[0]?.t) return undefined;
  const ts = (c: string) => `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const { rows } = await client.query<Retirement>(
    `SELECT write_path AS "writePath", ${ts('started_at')} AS "startedAt", ${ts('read_only_since')} AS "readOnlySince",
            ${ts('renamed_at')} AS "renamedAt", ${ts('dropped_at')} AS "droppedAt",
            floor(extract(epoch FROM now() - read_only_since) / 86400)::int AS "readOnlyDays",
            saved_triggers AS "savedTriggers"
       FROM public.${RETIREMENT_TABLE}`,
  );
  return rows[0];
}
