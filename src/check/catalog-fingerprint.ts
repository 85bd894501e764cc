import type pg from 'pg';

/**
 * A fingerprint of the database's SCHEMA (not its rows), read from pg_catalog: one line per object of
 * the `public` schema — relations (kind, persistence, RLS flags, privileges), columns, indexes,
 * constraints, triggers, functions (with a hash of their definition), views, policies, types.
 *
 * A rollback is complete when the fingerprint after it equals the one before the phase: a leftover
 * function, an index, an UNLOGGED table or a missing trigger each shows up as one added or removed line.
 * Names stay in the lines (never OIDs), so two databases built the same way compare equal.
 *
 * The harness's own objects (test hooks named `hv_test_…`) are left out: they are not the migration's.
 */
export type CatalogFingerprint = Record<CatalogKind, string[]>;

export type CatalogKind = 'relations' | 'columns' | 'indexes' | 'constraints' | 'triggers' | 'functions' | 'views' | 'policies' | 'types';

/** Objects of the harness itself (fault-injection hooks), not of the migration. */
export const HARNESS_OBJECT_PATTERN = 'hv\\_test\\_%';

const REL = `c.relnamespace = 'public'::regnamespace AND c.relname NOT LIKE '${HARNESS_OBJECT_PATTERN}'`;

const QUERIES: Record<CatalogKind, string> = {
  relations: `
    SELECT format('%s %s persistence=%s rls=%s force_rls=%s acl=%s', c.relname, c.relkind, c.relpersistence,
                  c.relrowsecurity, c.relforcerowsecurity,
                  -- the privileges, not the order a GRANT happened to append them in
                  coalesce((SELECT string_agg(a::text, ',' ORDER BY a::text) FROM unnest(c.relacl) a), 'default'))
      FROM pg_class c WHERE ${REL} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
  columns: `
    SELECT format('%s.%s #%s %s notnull=%s default=%s identity=%s generated=%s', c.relname, a.attname,
                  row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), format_type(a.atttypid, a.atttypmod),
                  a.attnotnull, coalesce(pg_get_expr(d.adbin, d.adrelid), '-'), a.attidentity, a.attgenerated)
      FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
     WHERE ${REL} AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`,
  indexes: `
    SELECT format('%s valid=%s ready=%s', pg_get_indexdef(i.indexrelid), i.indisvalid, i.indisready)
      FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
      JOIN pg_class ic ON ic.oid = i.indexrelid
     WHERE ${REL} AND ic.relname NOT LIKE '${HARNESS_OBJECT_PATTERN}'`,
  constraints: `
    SELECT format('%s.%s %s validated=%s deferrable=%s', c.relname, k.conname, pg_get_constraintdef(k.oid),
                  k.convalidated, k.condeferrable)
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
     WHERE ${REL} AND k.conname NOT LIKE '${HARNESS_OBJECT_PATTERN}'`,
  triggers: `
    SELECT format('%s enabled=%s', pg_get_triggerdef(t.oid), t.tgenabled)
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE ${REL} AND NOT t.tgisinternal AND t.tgname NOT LIKE '${HARNESS_OBJECT_PATTERN}'`,
  functions: `
    SELECT format('%s kind=%s secdef=%s def=%s', p.oid::regprocedure, p.prokind, p.prosecdef,
                  CASE WHEN p.prokind IN ('f', 'p') THEN md5(pg_get_functiondef(p.oid)) ELSE '-' END)
      FROM pg_proc p
     WHERE p.pronamespace = 'public'::regnamespace AND p.proname NOT LIKE '${HARNESS_OBJECT_PATTERN}'`,
  views: `
    SELECT format('%s: %s', c.relname, regexp_replace(pg_get_viewdef(c.oid, true), '\\s+', ' ', 'g'))
      FROM pg_class c WHERE ${REL} AND c.relkind IN ('v', 'm')`,
  policies: `
    SELECT format('%s.%s cmd=%s permissive=%s roles=%s using=%s check=%s', c.relname, p.polname, p.polcmd,
                  p.polpermissive,
                  (SELECT string_agg(CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END, ',' ORDER BY 1) FROM unnest(p.polroles) r),
                  coalesce(pg_get_expr(p.polqual, p.polrelid), '-'), coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '-'))
      FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
     WHERE ${REL}`,
  types: `
    SELECT format('%s %s %s', t.typname, t.typtype,
                  CASE t.typtype WHEN 'e' THEN (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)
                                 WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod) ELSE '' END)
      FROM pg_type t
     WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd')
       AND t.typname NOT LIKE '${HARNESS_OBJECT_PATTERN}'`,
};

/** Reads the catalog fingerprint of the `public` schema (one statement per kind, sorted lines). */
export async function catalogFingerprint(client: pg.ClientBase): Promise<CatalogFingerprint> {
  const out = {} as CatalogFingerprint;
  for (const [kind, sql] of Object.entries(QUERIES) as Array<[CatalogKind, string]>) {
    const { rows } = await client.query<{ line: string }>(`SELECT line FROM (${sql}) AS x(line) ORDER BY line COLLATE "C"`);
    out[kind] = rows.map((r) => r.line);
  }
  return out;
}

export interface CatalogDiff {
  kind: CatalogKind;
  /** Present now, absent in the reference. */
  added: string[];
  /** Present in the reference, absent now. */
  removed: string[];
}

/** The kinds whose lines differ, with the lines added and removed (empty when equal). */
export function catalogDiff(reference: CatalogFingerprint, now: CatalogFingerprint): CatalogDiff[] {
  const diffs: CatalogDiff[] = [];
  for (const kind of Object.keys(QUERIES) as CatalogKind[]) {
    const before = new Set(reference[kind] ?? []);
    const after = new Set(now[kind] ?? []);
    const added = [...after].filter((l) => !before.has(l));
    const removed = [...before].filter((l) => !after.has(l));
    if (added.length || removed.length) diffs.push({ kind, added, removed });
  }
  return diffs;
}
