import type pg from 'pg';
import { RETIREMENT_TABLE } from './names.ts';

/** The retirement log's one row (sql/record-retirement.up.sql), as the harness reads it. */
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
