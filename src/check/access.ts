/**
 * What each Supabase API role can actually do to the objects of `public`, measured on a live database:
 * the privileges Postgres checks (has_*_privilege, column grants included) and, for every relation a
 * role may read or change, the rows it reaches — attempted as that role, with its claims, in a
 * transaction that is rolled back (a stranger's SELECT, UPDATE and DELETE must reach 0 rows).
 */
import type pg from 'pg';
import { HARNESS_OBJECT_PATTERN } from './catalog-fingerprint.ts';
import { STRANGER, asUserRolledBack, type SupabaseRole } from '../db/as-user.ts';

/** Who asks: anon (the public key), a signed-in parent on their own family, a signed-in stranger, the server. */
export const ACCESS_ROLES = ['anon', 'owner', 'stranger', 'service_role'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

export const TABLE_OPERATIONS = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'] as const;
export const SEQUENCE_OPERATIONS = ['USAGE', 'SELECT', 'UPDATE'] as const;
export type AccessOperation = (typeof TABLE_OPERATIONS)[number] | (typeof SEQUENCE_OPERATIONS)[number] | 'EXECUTE';

export type AccessObjectKind = 'table' | 'view' | 'sequence' | 'function';

/** One cell of the matrix: may `role` do `operation` to `object`? */
export interface AccessEntry {
  role: AccessRole;
  /** A relation's name, or a function's signature (`hv_dual_write(text,text,jsonb)`). */
  object: string;
  kind: AccessObjectKind;
  operation: AccessOperation;
  /** The privilege Postgres checks (on some column at least, see `columns`). */
  allowed: boolean;
  /** Set when only some columns are granted (e.g. UPDATE (is_read)). */
  columns?: string[];
  /**
   * Rows the role reached when it tried (SELECT count, no-op UPDATE, DELETE; rolled back): set for
   * relations the role has the privilege on. For `owner` they are the family's own.
   */
  rows?: number;
  /** The SQLSTATE of an attempt the database refused although the privilege is there (RLS, a guard). */
  refused?: string;
}

/** A SECURITY DEFINER function: it runs with its owner's rights, so its search_path must be pinned. */
export interface DefinerFunction {
  signature: string;
  /** proconfig's search_path, or null when the function takes the caller's. */
  searchPath: string | null;
}

export interface AccessSnapshot {
  entries: AccessEntry[];
  definers: DefinerFunction[];
}

export interface MeasureOptions {
  /** The signed-in parent whose own rows `owner` reaches (default: none measured for rows). */
  owner?: string;
  /** Try rows as each role (default true); false reads privileges only (fast). */
  attemptRows?: boolean;
}

const PG_ROLE: Record<AccessRole, SupabaseRole> = { anon: 'anon', owner: 'authenticated', stranger: 'authenticated', service_role: 'service_role' };

const RELATIONS_SQL = `
  WITH roles(r) AS (VALUES ('anon'), ('authenticated'), ('service_role')),
  rels AS (
    SELECT c.oid, c.relname::text AS name, CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'view' ELSE 'table' END AS kind
      FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
       AND c.relname NOT LIKE '${HARNESS_OBJECT_PATTERN}'),
  ops AS (
    SELECT rels.*, op FROM rels CROSS JOIN LATERAL unnest(CASE WHEN rels.kind = 'sequence'
      THEN ARRAY['USAGE', 'SELECT', 'UPDATE'] ELSE ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'] END) AS op)
  SELECT roles.r AS role, ops.name AS object, ops.kind, ops.op AS operation,
         CASE WHEN ops.kind = 'sequence' THEN has_sequence_privilege(roles.r, ops.oid, ops.op)
              ELSE has_table_privilege(roles.r, ops.oid, ops.op) END AS allowed,
         CASE WHEN ops.kind <> 'sequence' AND ops.op IN ('SELECT', 'INSERT', 'UPDATE')
                   AND NOT has_table_privilege(roles.r, ops.oid, ops.op)
              THEN ARRAY(SELECT a.attname::text FROM pg_attribute a
                          WHERE a.attrelid = ops.oid AND a.attnum > 0 AND NOT a.attisdropped
                            AND has_column_privilege(roles.r, ops.oid, a.attnum, ops.op) ORDER BY a.attnum) END AS columns
    FROM roles CROSS JOIN ops
   ORDER BY ops.name, roles.r, ops.op`;

const FUNCTIONS_SQL = `
  WITH roles(r) AS (VALUES ('anon'), ('authenticated'), ('service_role'))
  SELECT roles.r AS role, p.oid::regprocedure::text AS object, has_function_privilege(roles.r, p.oid, 'EXECUTE') AS allowed,
         p.prosecdef AS definer,
         (SELECT substr(c, length('search_path=') + 1) FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%') AS search_path
    FROM pg_proc p CROSS JOIN roles
   WHERE p.pronamespace = 'public'::regnamespace AND p.proname NOT LIKE '${HARNESS_OBJECT_PATTERN}'
   ORDER BY 2, 1`;

/** Measures the matrix of `public` now. The client must not be inside a transaction. */
export async function measureAccess(client: pg.ClientBase, opts: MeasureOptions = {}): Promise<AccessSnapshot> {
  const entries: AccessEntry[] = [];
  const rels = await client.query<{ role: SupabaseRole; object: string; kind: AccessObjectKind; operation: AccessOperation; allowed: boolean; columns: string[] | null }>(RELATIONS_SQL);
  for (const row of rels.rows) {
    const granted = row.allowed || (row.columns?.length ?? 0) > 0;
    for (const role of ACCESS_ROLES) {
      if (PG_ROLE[role] !== row.role) continue;
      if (role === 'owner' && opts.owner === undefined) continue;
      entries.push({
        role,
        object: row.object,
        kind: row.kind,
        operation: row.operation,
        allowed: granted,
        ...(!row.allowed && granted ? { columns: row.columns! } : {}),
      });
    }
  }
  const fns = await client.query<{ role: SupabaseRole; object: string; allowed: boolean; definer: boolean; search_path: string | null }>(FUNCTIONS_SQL);
  const definers = new Map<string, DefinerFunction>();
  for (const row of fns.rows) {
    for (const role of ACCESS_ROLES) {
      if (PG_ROLE[role] !== row.role || (role === 'owner' && opts.owner === undefined)) continue;
      entries.push({ role, object: row.object, kind: 'function', operation: 'EXECUTE', allowed: row.allowed });
    }
    if (row.definer) definers.set(row.object, { signature: row.object, searchPath: row.search_path });
  }
  if (opts.attemptRows !== false) await attemptRows(client, entries, opts.owner);
  return { entries, definers: [...definers.values()] };
}

const ROW_ATTEMPTS: Partial<Record<AccessOperation, (rel: string, column: string) => string>> = {
  SELECT: (rel) => `SELECT count(*)::int AS n FROM public.${rel}`,
  // a no-op change: every row the role may update is touched, none altered (and it is rolled back)
  UPDATE: (rel, column) => `UPDATE public.${rel} SET ${column} = ${column}`,
  DELETE: (rel) => `DELETE FROM public.${rel}`,
};

async function attemptRows(client: pg.ClientBase, entries: AccessEntry[], owner: string | undefined): Promise<void> {
  const columnsOf = new Map<string, string>();
  for (const e of entries) {
    const attempt = ROW_ATTEMPTS[e.operation];
    if (!attempt || !e.allowed || (e.kind !== 'table' && e.kind !== 'view')) continue;
    const rel = client.escapeIdentifier(e.object);
    let column = e.columns?.[0];
    if (e.operation === 'UPDATE' && column === undefined) {
      if (!columnsOf.has(e.object)) columnsOf.set(e.object, await firstColumn(client, e.object));
      column = columnsOf.get(e.object);
    }
    const sql = attempt(rel, client.escapeIdentifier(column ?? 'ctid'));
    const claims = e.role === 'anon' ? null : e.role === 'service_role' ? { role: 'service_role' } : { sub: e.role === 'owner' ? owner : STRANGER, role: 'authenticated' };
    const r = await asUserRolledBack(client, claims, PG_ROLE[e.role], async (c) => {
      const res = await c.query<{ n: number }>(sql);
      return e.operation === 'SELECT' ? res.rows[0]!.n : (res.rowCount ?? 0);
    });
    if (r.ok) e.rows = r.value;
    else {
      e.rows = 0;
      e.refused = r.error.code ?? 'error';
    }
  }
}

async function firstColumn(client: pg.ClientBase, relation: string): Promise<string> {
  const { rows } = await client.query<{ a: string }>(
    `SELECT a.attname::text AS a FROM pg_attribute a
      WHERE a.attrelid = format('public.%I', $1::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attnum LIMIT 1`,
    [relation],
  );
  return rows[0]?.a ?? 'ctid';
}
