/**
 * The select list of a supabase-js call (`'*, children!inner(*), habits(*, habit_records(*))'`) as
 * SQL, the way PostgREST builds it: plain columns of the table, and embedded tables joined through
 * the one foreign key between them — a many-to-one embed is an object (null when absent), a
 * one-to-many embed an array (in no guaranteed order: PostgREST adds no ORDER BY, nor does the plan).
 * `!inner` also keeps only the rows whose embed exists. Filters on `embed.column` apply inside it.
 */
import type pg from 'pg';

export interface SelectItem {
  /** A column name, or `*`. */
  column?: string;
  /** An embedded table: its name, whether `!inner`, and its own select list. */
  embed?: { table: string; inner: boolean; items: SelectItem[] };
}

/** A filter of the request: `path` is empty for the table's own columns, else the embed names down to it. */
export interface SqlFilter {
  path: string[];
  column: string;
  op: '=' | '>';
  /** Index of the value in the statement's parameters ($n). */
  param: number;
}

interface Relationship {
  from_table: string;
  from_cols: string[];
  to_table: string;
  to_cols: string[];
}

export const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Parses a select list as postgrest-js sends it (whitespace outside quotes removed). */
export function parseSelect(columns: string): SelectItem[] {
  const s = columns.replace(/\s/g, '');
  const items: SelectItem[] = [];
  let i = 0;
  const readItems = (): SelectItem[] => {
    const out: SelectItem[] = [];
    for (;;) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*|\*)(!inner)?/.exec(s.slice(i));
      if (!m) throw new Error(`supabase-js translation: cannot parse the select list ${JSON.stringify(columns)} at ${i}`);
      i += m[0].length;
      if (s[i] === '(') {
        i++;
        const nested = readItems();
        if (s[i] !== ')') throw new Error(`supabase-js translation: unclosed embed in ${JSON.stringify(columns)}`);
        i++;
        out.push({ embed: { table: m[1]!, inner: m[2] !== undefined, items: nested } });
      } else {
        out.push({ column: m[1]! });
      }
      if (s[i] !== ',') return out;
      i++;
    }
  };
  items.push(...readItems());
  if (i !== s.length) throw new Error(`supabase-js translation: unexpected ${JSON.stringify(s.slice(i))} in the select list ${JSON.stringify(columns)}`);
  return items;
}

export const hasEmbeds = (items: readonly SelectItem[]) => items.some((it) => it.embed !== undefined);

/** Every foreign key between two tables of public (PostgREST's schema cache, read fresh). */
export async function readRelationships(db: pg.ClientBase): Promise<Relationship[]> {
  const { rows } = await db.query<Relationship>(
    `SELECT cl.relname::text AS from_table, cf.relname::text AS to_table,
            (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS from_cols,
            (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS to_cols
       FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_class cf ON cf.oid = c.confrelid
      WHERE c.contype = 'f' AND cl.relnamespace = 'public'::regnamespace AND cf.relnamespace = 'public'::regnamespace`,
  );
  return rows;
}

/** PostgREST's answer when it cannot embed a table (PGRST200/201), raised as an error of the request. */
export class EmbedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The select-list SQL of `items` on the table aliased `alias`, and the `!inner` conditions its
 * embeds put on that table's rows. `nextAlias` numbers the aliases of the whole statement.
 */
export function selectSql(
  table: string,
  alias: string,
  items: readonly SelectItem[],
  path: string[],
  filters: readonly SqlFilter[],
  rels: readonly Relationship[],
  nextAlias: () => string,
): { columns: string; inner: string[] } {
  const columns: string[] = [];
  const inner: string[] = [];
  for (const it of items) {
    if (it.column === '*') columns.push(`${alias}.*`);
    else if (it.column !== undefined) columns.push(`${alias}.${ident(it.column)}`);
    else if (it.embed) {
      const e = it.embed;
      const { join, many } = relationship(table, e.table, rels);
      const sub = nextAlias();
      const subPath = [...path, e.table];
      const own = filterSql(sub, subPath, filters);
      const nested = selectSql(e.table, sub, e.items, subPath, filters, rels, nextAlias);
      const where = [join(sub, alias), ...own, ...nested.inner].join(' AND ');
      const rows = `SELECT ${nested.columns} FROM public.${ident(e.table)} ${sub} WHERE ${where}`;
      columns.push(
        many
          ? `(SELECT coalesce(json_agg(_r), '[]'::json) FROM (${rows}) _r) AS ${ident(e.table)}`
          : `(SELECT row_to_json(_r) FROM (${rows}) _r) AS ${ident(e.table)}`,
      );
      if (e.inner) {
        const probe = nextAlias();
        const probeWhere = [join(probe, alias), ...filterSql(probe, subPath, filters)].join(' AND ');
        inner.push(`EXISTS (SELECT 1 FROM public.${ident(e.table)} ${probe} WHERE ${probeWhere})`);
      }
    }
  }
  return { columns: columns.join(', '), inner };
}

/** The conditions of the filters at `path`, on the table aliased `alias`. */
export function filterSql(alias: string, path: readonly string[], filters: readonly SqlFilter[]): string[] {
  return filters
    .filter((f) => f.path.length === path.length && f.path.every((p, i) => p === path[i]))
    .map((f) => `${alias}.${ident(f.column)} ${f.op} $${f.param}`);
}

function relationship(parent: string, child: string, rels: readonly Relationship[]) {
  const toOne = rels.filter((r) => r.from_table === parent && r.to_table === child);
  const toMany = rels.filter((r) => r.from_table === child && r.to_table === parent);
  const found = [...toOne.map((r) => ({ r, many: false })), ...toMany.map((r) => ({ r, many: true }))];
  if (found.length === 0) throw new EmbedError('PGRST200', `Could not find a relationship between '${parent}' and '${child}' in the schema cache`);
  if (found.length > 1) throw new EmbedError('PGRST201', `Could not embed because more than one relationship was found for '${parent}' and '${child}'`);
  const { r, many } = found[0]!;
  // many-to-one: parent.from_cols = child.to_cols; one-to-many: child.from_cols = parent.to_cols
  const join = (sub: string, par: string) =>
    r.from_cols
      .map((fc, i) => (many ? `${sub}.${ident(fc)} = ${par}.${ident(r.to_cols[i]!)}` : `${sub}.${ident(r.to_cols[i]!)} = ${par}.${ident(fc)}`))
      .join(' AND ');
  return { join, many };
}
