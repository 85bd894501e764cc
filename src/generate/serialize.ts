/**
 * Serializers of a legacy dataset: a self-contained SQL script, canonical JSON (the format
 * `parseJsonDataset` reads back) and CSV of the habit_tracker rows.
 *
 * NULLs: a JS `null` in a column is SQL NULL; a JSON column listed in `json_null_columns` holds the
 * JSON literal null instead (`'null'::jsonb` in SQL, the text `null` in CSV). Every serializer
 * refuses text Postgres cannot hold (U+0000, lone surrogates) with a RangeError naming the row.
 */
import { stringify } from 'csv-stringify/sync';
import type { AnomalyId } from './anomaly-id.ts';
import type { AuthUser, LegacyDataset, LegacyRow } from './dataset.ts';
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
 * A serialization written in three parts, so that a stream can write the rows as they are made and
 * the head (which needs the users and the row count) once they are all made. `write` takes the text
 * in order; nothing is returned. `toSql`/`toJson`/`toCsv` are these parts of a whole dataset.
 */
export interface DatasetFormat {
  head(write: (s: string) => void, users: readonly AuthUser[], rowCount: number): void;
  /** Row number `index` (from 0) of `rowCount`. */
  row(write: (s: string) => void, r: LegacyRow, index: number): void;
  /** `anomalies`: `[row id, ids]` in row order, when the dataset carries that metadata (JSON writes it). */
  tail(write: (s: string) => void, rowCount: number, anomalies?: Iterable<readonly [number, readonly AnomalyId[]]>): void;
}

/**
 * A script that loads the dataset into an empty legacy schema in one transaction: auth.users, then
 * habit_tracker with explicit ids, then the id sequence moved past the largest id. String literals
 * assume standard_conforming_strings = on (the default): only `'` is doubled, backslashes are literal.
 */
export const SQL_FORMAT: DatasetFormat = {
  head(write, users, rowCount) {
    write(`-- habit-verify legacy dataset: ${users.length} users, ${rowCount} habit_tracker rows.\n`);
    write('-- A JS null is SQL NULL; json_null_columns are written as the JSON literal null.\nBEGIN;\n');
    for (let i = 0; i < users.length; i += INSERT_CHUNK) {
      const values = users.slice(i, i + INSERT_CHUNK).map((u) => `  (${sqlText(u.id)}::uuid, ${sqlText(u.email)})`);
      write(`INSERT INTO auth.users (id, email) VALUES\n${values.join(',\n')};\n`);
    }
  },
  row(write, r, index) {
    if (index % INSERT_CHUNK === 0) write(`${index > 0 ? ';\n' : ''}INSERT INTO public.habit_tracker (${ROW_COLUMNS.join(', ')}) VALUES\n`);
    else write(',\n');
    write(`  (${sqlRowValues(r).join(', ')})`);
  },
  tail(write, rowCount) {
    write(rowCount > 0 ? ';\n' : '');
    write("SELECT setval(pg_get_serial_sequence('public.habit_tracker', 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) FROM public.habit_tracker;\nCOMMIT;\n");
  },
};

/**
 * `{ "users": [...], "rows": [...], "anomalies": {...} }` with a fixed key order, 2-space indent and
 * a trailing newline (as JSON.stringify(doc, null, 2) writes it). JSON column values keep their own
 * key order (deterministic for generated data).
 */
export const JSON_FORMAT: DatasetFormat = {
  head(write, users, rowCount) {
    write('{\n  "users": ');
    if (users.length === 0) write('[]');
    else {
      write('[\n');
      users.forEach((u, i) => write(`${i > 0 ? ',\n' : ''}${nested(JSON.stringify({ id: u.id, email: u.email }, null, 2), 4)}`));
      write('\n  ]');
    }
    write(`,\n  "rows": ${rowCount === 0 ? '[]' : '[\n'}`);
  },
  row(write, r, index) {
    write(`${index > 0 ? ',\n' : ''}${nested(JSON.stringify(canonicalRow(r), null, 2), 4)}`);
  },
  tail(write, rowCount, anomalies) {
    if (rowCount > 0) write('\n  ]');
    if (anomalies !== undefined) {
      write(',\n  "anomalies": ');
      let first = true;
      for (const [id, ids] of anomalies) {
        write(`${first ? '{\n' : ',\n'}    ${JSON.stringify(String(id))}: ${JSON.stringify(ids, null, 2).replaceAll('\n', '\n    ')}`);
        first = false;
      }
      write(first ? '{}' : '\n  }');
    }
    write('\n}\n');
  },
};

/**
 * The habit_tracker rows as CSV with a header, in PostgreSQL `COPY … (FORMAT csv, HEADER)` conventions:
 * an unquoted empty field is NULL, `""` is the empty string, JSON columns hold JSON text. Users and
 * anomaly metadata are not in the CSV: load auth.users separately (toSql or toJson keep them).
 */
export const CSV_FORMAT: DatasetFormat = {
  head(write) {
    write(stringify([], { header: true, columns: [...ROW_COLUMNS], record_delimiter: '\n' }));
  },
  row(write, r) {
    const record = ROW_COLUMNS.map((c) => {
      if (c === 'id') return String(r.id);
      if (c === 'habits' || c === 'reflection') {
        return r[c] === null && !(r.json_null_columns ?? []).includes(c) ? null : JSON.stringify(r[c]);
      }
      return r[c];
    });
    write(stringify([record], { header: false, columns: [...ROW_COLUMNS], record_delimiter: '\n', cast: { string: (v) => (v === '' ? { value: '', quoted_empty: true } : v) } }));
  },
  tail() {},
};

/** A whole dataset in `format`, checked first ({@link assertLoadable}). */
export function serialize(dataset: LegacyDataset, format: DatasetFormat): string {
  assertLoadable(dataset);
  const out: string[] = [];
  const write = (s: string) => void out.push(s);
  format.head(write, dataset.users, dataset.rows.length);
  dataset.rows.forEach((r, i) => format.row(write, r, i));
  format.tail(write, dataset.rows.length, dataset.anomalies === undefined ? undefined : sortedAnomalies(dataset.anomalies));
  return out.join('');
}

export function toSql(dataset: LegacyDataset): string {
  return serialize(dataset, SQL_FORMAT);
}

export function toJson(dataset: LegacyDataset): string {
  return serialize(dataset, JSON_FORMAT);
}

export function toCsv(dataset: LegacyDataset): string {
  return serialize(dataset, CSV_FORMAT);
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

function sortedAnomalies(anomalies: Record<number, readonly AnomalyId[]>): [number, readonly AnomalyId[]][] {
  return Object.keys(anomalies)
    .map(Number)
    .sort((a, b) => a - b)
    .map((id) => [id, [...anomalies[id]!]]);
}

/** JSON text nested `indent` spaces deep: every line indented. */
function nested(json: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return pad + json.replaceAll('\n', `\n${pad}`);
}

function canonicalRow(r: LegacyRow): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const c of ROW_COLUMNS) row[c] = r[c];
  if (r.json_null_columns !== undefined && r.json_null_columns.length > 0) row.json_null_columns = [...r.json_null_columns];
  return row;
}

/** Throws a RangeError naming the row and column when some text cannot go into Postgres. */
export function assertLoadable(dataset: LegacyDataset): void {
  dataset.users.forEach(assertUserLoadable);
  dataset.rows.forEach(assertRowLoadable);
}

/** {@link assertLoadable} of `users[index]`. */
export function assertUserLoadable(u: AuthUser, index: number): void {
  const p = pgTextProblem(u.id) ?? pgTextProblem(u.email);
  if (p) throw new RangeError(`users[${index}]: ${p}`);
}

/** {@link assertLoadable} of one row. */
export function assertRowLoadable(r: LegacyRow): void {
  for (const c of ['child_name', 'week_period', 'theme', 'reward', 'user_id'] as const) {
    const v = r[c];
    const p = v === null ? null : pgTextProblem(v);
    if (p) throw new RangeError(`row id ${r.id}, ${c}: ${p}`);
  }
  const p = jsonbProblem(r.habits, 'habits') ?? jsonbProblem(r.reflection, 'reflection');
  if (p) throw new RangeError(`row id ${r.id}, ${p.path}: ${p.problem}`);
}
