/**
 * Serializers of a legacy dataset: a self-contained SQL script, canonical JSON (the format
 * `parseJsonDataset` reads back) and CSV of the habit_tracker rows.
 *
 * NULLs: a JS `null` in a column is SQL NULL; a JSON column listed in `json_null_columns` holds the
 * JSON literal null instead (`'null'::jsonb` in SQL, the text `null` in CSV). Every serializer
 * refuses text Postgres cannot hold (U+0000, lone surrogates) with a RangeError naming the row.
 */
import { stringify } from 'csv-stringify/sync';
import type { LegacyDataset, LegacyRow } from './dataset.ts';
import { jsonbProblem, pgTextProblem } from './loadable.ts';

export { parseJsonDataset } from './parse-dataset.ts';

/** habit_tracker columns, in table order. */
export const ROW_COLUMNS = [
  'id',
  'user_id',
  'child_name',
  'week_period',
  'week_start_date',
  'theme',
  'habits',
  'reflection',
  'reward',
  'created_at',
  'updated_at',
] as const;

const INSERT_CHUNK = 500;

/**
 * A script that loads the dataset into an empty legacy schema in one transaction: auth.users, then
 * habit_tracker with explicit ids, then the id sequence moved past the largest id. String literals
 * assume standard_conforming_strings = on (the default): only `'` is doubled, backslashes are literal.
 */
export function toSql(dataset: LegacyDataset): string {
  assertLoadable(dataset);
  const out = [
    `-- habit-verify legacy dataset: ${dataset.users.length} users, ${dataset.rows.length} habit_tracker rows.`,
    '-- A JS null is SQL NULL; json_null_columns are written as the JSON literal null.',
    'BEGIN;',
  ];
  for (let i = 0; i < dataset.users.length; i += INSERT_CHUNK) {
    const values = dataset.users.slice(i, i + INSERT_CHUNK).map((u) => `  (${sqlText(u.id)}::uuid, ${sqlText(u.email)})`);
    out.push(`INSERT INTO auth.users (id, email) VALUES\n${values.join(',\n')};`);
  }
  for (let i = 0; i < dataset.rows.length; i += INSERT_CHUNK) {
    const values = dataset.rows.slice(i, i + INSERT_CHUNK).map((r) => `  (${sqlRowValues(r).join(', ')})`);
    out.push(`INSERT INTO public.habit_tracker (${ROW_COLUMNS.join(', ')}) VALUES\n${values.join(',\n')};`);
  }
  out.push(
    "SELECT setval(pg_get_serial_sequence('public.habit_tracker', 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) FROM public.habit_tracker;",
    'COMMIT;',
  );
  return `${out.join('\n')}\n`;
}

/** A SQL string literal (standard_conforming_strings on). */
export function sqlText(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

function sqlRowValues(r: LegacyRow): string[] {
  const text = (s: string | null) => (s === null ? 'NULL' : sqlText(s));
  const jsonb = (column: 'habits' | 'reflection') => {
    const v = r[column];
    if (v === null && !(r.json_null_columns ?? []).includes(column)) return 'NULL';
    return `${sqlText(JSON.stringify(v))}::jsonb`;
  };
  return [
    String(r.id),
    r.user_id === null ? 'NULL' : `${sqlText(r.user_id)}::uuid`,
    text(r.child_name),
    text(r.week_period),
    `${sqlText(r.week_start_date)}::date`,
    text(r.theme),
    jsonb('habits'),
    jsonb('reflection'),
    text(r.reward),
    `${sqlText(r.created_at)}::timestamptz`,
    `${sqlText(r.updated_at)}::timestamptz`,
  ];
}

/**
 * `{ "users": [...], "rows": [...], "anomalies": {...} }` with a fixed key order, 2-space indent and
 * a trailing newline. JSON column values keep their own key order (deterministic for generated data).
 */
export function toJson(dataset: LegacyDataset): string {
  assertLoadable(dataset);
  const doc: Record<string, unknown> = {
    users: dataset.users.map((u) => ({ id: u.id, email: u.email })),
    rows: dataset.rows.map(canonicalRow),
  };
  if (dataset.anomalies !== undefined) {
    const anomalies: Record<string, string[]> = {};
    const ids = Object.keys(dataset.anomalies)
      .map(Number)
      .sort((a, b) => a - b);
    for (const id of ids) anomalies[String(id)] = [...dataset.anomalies[id]!];
    doc.anomalies = anomalies;
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function canonicalRow(r: LegacyRow): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const c of ROW_COLUMNS) row[c] = r[c];
  if (r.json_null_columns !== undefined && r.json_null_columns.length > 0) row.json_null_columns = [...r.json_null_columns];
  return row;
}

/**
 * The habit_tracker rows as CSV with a header, in PostgreSQL `COPY … (FORMAT csv, HEADER)` conventions:
 * an unquoted empty field is NULL, `""` is the empty string, JSON columns hold JSON text. Users and
 * anomaly metadata are not in the CSV: load auth.users separately (toSql or toJson keep them).
 */
export function toCsv(dataset: LegacyDataset): string {
  assertLoadable(dataset);
  const records = dataset.rows.map((r) =>
    ROW_COLUMNS.map((c) => {
      if (c === 'id') return String(r.id);
      if (c === 'habits' || c === 'reflection') {
        return r[c] === null && !(r.json_null_columns ?? []).includes(c) ? null : JSON.stringify(r[c]);
      }
      return r[c];
    }),
  );
  return stringify(records, {
    header: true,
    columns: [...ROW_COLUMNS],
    record_delimiter: '\n',
    cast: { string: (v) => (v === '' ? { value: '', quoted_empty: true } : v) },
  });
}

/** Throws a RangeError naming the row and column when some text cannot go into Postgres. */
export function assertLoadable(dataset: LegacyDataset): void {
  dataset.users.forEach((u, i) => {
    const p = pgTextProblem(u.id) ?? pgTextProblem(u.email);
    if (p) throw new RangeError(`users[${i}]: ${p}`);
  });
  for (const r of dataset.rows) {
    for (const c of ['child_name', 'week_period', 'theme', 'reward', 'user_id'] as const) {
      const v = r[c];
      const p = v === null ? null : pgTextProblem(v);
      if (p) throw new RangeError(`row id ${r.id}, ${c}: ${p}`);
    }
    const p = jsonbProblem(r.habits, 'habits') ?? jsonbProblem(r.reflection, 'reflection');
    if (p) throw new RangeError(`row id ${r.id}, ${p.path}: ${p.problem}`);
  }
}
