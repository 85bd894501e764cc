/**
 * Reads a dataset written by `toJson` (or by hand) and checks its shape, throwing an {@link InputError}
 * that names the file and the failing row and field.
 */
import { fromDayNumber, toDayNumber } from '../migration/mapping-rules.ts';
import { isAnomalyId, type AnomalyId } from './anomaly-id.ts';
import type { AuthUser, LegacyDataset, LegacyRow } from './dataset.ts';
import { InputError } from './input-error.ts';
import { jsonbProblem, pgTextProblem } from './loadable.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^(\d{4,5}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?Z$/;
const ROW_KEYS = ['id', 'user_id', 'child_name', 'week_period', 'week_start_date', 'theme', 'habits', 'reflection', 'reward', 'created_at', 'updated_at'] as const;
const HINT = 'write datasets with `habit-verify generate --format json` and compare the shape with src/generate/dataset.ts';

export function parseJsonDataset(text: string, fileName: string): LegacyDataset {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const detail = jsonErrorDetail(error);
    throw new InputError(fileName, syntaxLocation(text), `not valid JSON: ${detail}`, 'fix the JSON syntax at that place', { cause: error });
  }
  const fail = failIn(fileName);
  if (!isObject(doc)) return fail('$', `expected an object { "users", "rows" }, got ${kind(doc)}`);
  for (const key of Object.keys(doc)) {
    if (!(DATASET_KEYS as readonly string[]).includes(key)) unknownTopLevelKey(key, fail);
  }
  if (!Array.isArray(doc.users)) return fail('$.users', `expected an array, got ${kind(doc.users)}`);
  if (!Array.isArray(doc.rows)) return fail('$.rows', `expected an array, got ${kind(doc.rows)}`);

  const users: AuthUser[] = [];
  const userIds = new Set<string>();
  doc.users.forEach((u: unknown, i: number) => {
    const user = parseUser(u, i, fail);
    if (userIds.has(user.id.toLowerCase())) fail(`users[${i}].id`, `duplicate user id ${user.id}`, DUPLICATE_USER_HINT);
    userIds.add(user.id.toLowerCase());
    users.push(user);
  });

  const rows: LegacyRow[] = [];
  const rowIds = new Set<number>();
  doc.rows.forEach((r: unknown, i: number) => {
    const row = parseRow(r, `rows[${i}]`, fail);
    if (rowIds.has(row.id)) fail(`rows[${i}] (id ${row.id}).id`, `duplicate row id ${row.id}`, DUPLICATE_ROW_HINT);
    rowIds.add(row.id);
    rows.push(row);
  });

  const dataset: LegacyDataset = { users, rows };
  if (doc.anomalies !== undefined) dataset.anomalies = parseAnomalies(doc.anomalies, rowIds, fail);
  return dataset;
}

/** Throws an InputError naming the place in the file (see {@link failIn}). */
export type Fail = (location: string, reason: string, hint?: string) => never;

export const DUPLICATE_USER_HINT = 'each auth.users id appears once';
export const DUPLICATE_ROW_HINT = 'habit_tracker ids are unique';

/** Refuses a top-level key that is not one of {@link DATASET_KEYS}. */
export function unknownTopLevelKey(key: string, fail: Fail): never {
  return fail(`$.${key}`, 'unknown top-level key', 'only "users", "rows" and "anomalies" are allowed');
}

/** A {@link Fail} for one file. */
export function failIn(fileName: string): Fail {
  return (location, reason, hint = HINT) => {
    throw new InputError(fileName, location, reason, hint);
  };
}

/** The top-level keys a dataset document may have. */
export const DATASET_KEYS = ['users', 'rows', 'anomalies'] as const;

/** `users[i]` of a dataset document, checked (not against the other users). */
export function parseUser(u: unknown, i: number, fail: Fail): AuthUser {
  const at = `users[${i}]`;
  if (!isObject(u)) return fail(at, `expected an object { "id", "email" }, got ${kind(u)}`);
  exactKeys(u, ['id', 'email'], at, fail);
  if (typeof u.id !== 'string' || !UUID.test(u.id)) return fail(`${at}.id`, `expected a uuid, got ${show(u.id)}`);
  if (typeof u.email !== 'string') return fail(`${at}.email`, `expected a string, got ${kind(u.email)}`);
  checkedText(u.email, `${at}.email`, fail);
  return { id: u.id, email: u.email };
}

/** `rows[i]` of a dataset document (`at` = `rows[i]`), checked (not against the other rows). */
export function parseRow(r: unknown, at: string, fail: Fail): LegacyRow {
  if (!isObject(r)) return fail(at, `expected a row object, got ${kind(r)}`);
  const id = r.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return fail(`${at}.id`, `expected a positive integer id, got ${show(id)}`);
  const where = `${at} (id ${id})`;
  exactKeys(r, [...ROW_KEYS, 'json_null_columns'], where, fail);
  for (const key of ROW_KEYS) if (!(key in r)) fail(`${where}.${key}`, 'missing column', 'write every column; use null for SQL NULL');
  const str = (key: string, nullable: boolean): string | null => {
    const v = r[key];
    if (v === null && nullable) return null;
    if (typeof v !== 'string') return fail(`${where}.${key}`, `expected a string${nullable ? ' or null' : ''}, got ${kind(v)}`);
    return checkedText(v, `${where}.${key}`, fail);
  };
  const userId = str('user_id', true);
  if (userId !== null && !UUID.test(userId)) fail(`${where}.user_id`, `expected a uuid or null, got ${show(userId)}`);
  const week = str('week_start_date', false)!;
  if (!isIsoDate(week)) fail(`${where}.week_start_date`, `expected a calendar date YYYY-MM-DD, got ${show(week)}`);
  const stamps = ['created_at', 'updated_at'].map((key) => {
    const s = str(key, false)!;
    const m = TIMESTAMP.exec(s);
    if (!m || !isIsoDate(m[1]!)) fail(`${where}.${key}`, `expected an ISO UTC timestamp like 2025-10-13T00:00:00.000Z, got ${show(s)}`);
    return s;
  });
  for (const key of ['habits', 'reflection']) {
    const p = jsonbProblem(r[key], `${where}.${key}`);
    if (p) fail(p.path, p.problem);
  }
  const row: LegacyRow = {
    id,
    user_id: userId,
    child_name: str('child_name', false)!,
    week_period: str('week_period', true),
    week_start_date: week,
    theme: str('theme', true),
    habits: r.habits,
    reflection: r.reflection,
    reward: str('reward', true),
    created_at: stamps[0]!,
    updated_at: stamps[1]!,
  };
  if (r.json_null_columns !== undefined) row.json_null_columns = parseJsonNullColumns(r, `${where}.json_null_columns`, fail);
  return row;
}

function parseJsonNullColumns(r: Record<string, unknown>, at: string, fail: Fail): ('habits' | 'reflection')[] {
  const v = r.json_null_columns;
  if (!Array.isArray(v)) return fail(at, `expected an array of "habits"/"reflection", got ${kind(v)}`);
  const out: ('habits' | 'reflection')[] = [];
  for (const c of v) {
    if (c !== 'habits' && c !== 'reflection') return fail(at, `expected "habits" or "reflection", got ${show(c)}`);
    if (r[c] !== null) fail(at, `lists ${c}, whose value is not null`, 'json_null_columns marks a null JSON column as the JSON literal null');
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

function parseAnomalies(v: unknown, rowIds: Set<number>, fail: Fail): Record<number, AnomalyId[]> {
  if (!isObject(v)) return fail('$.anomalies', `expected an object { "<row id>": [anomaly ids] }, got ${kind(v)}`);
  const out: Record<number, AnomalyId[]> = {};
  for (const [key, ids] of Object.entries(v)) {
    if (/^[1-9]\d*$/.test(key) && !rowIds.has(Number(key))) fail(`$.anomalies.${key}`, noRowWithId(key));
    out[Number(key)] = parseAnomalyEntry(key, ids, fail);
  }
  return out;
}

/** One `"<row id>": [anomaly ids]` entry of `anomalies`, checked (whether that row exists is the caller's to check). */
export function parseAnomalyEntry(key: string, ids: unknown, fail: Fail): AnomalyId[] {
  const at = `$.anomalies.${key}`;
  if (!/^[1-9]\d*$/.test(key)) fail(at, noRowWithId(key));
  if (!Array.isArray(ids)) return fail(at, `expected an array of anomaly ids, got ${kind(ids)}`);
  const bad = ids.find((a) => !isAnomalyId(a));
  if (bad !== undefined) fail(at, `unknown anomaly id ${show(bad)}`, 'ids are listed in src/generate/anomalies.ts');
  return ids as AnomalyId[];
}

/** Why an anomalies key is refused when no row has that id. */
export function noRowWithId(key: string): string {
  return `no row has id ${show(key)}`;
}

function checkedText(s: string, at: string, fail: Fail): string {
  const p = pgTextProblem(s);
  if (p) fail(at, p, 'Postgres cannot store this text; remove the character');
  return s;
}

function exactKeys(o: Record<string, unknown>, allowed: readonly string[], at: string, fail: Fail): void {
  for (const key of Object.keys(o)) if (!allowed.includes(key)) fail(`${at}.${key}`, 'unknown key', `allowed keys: ${allowed.join(', ')}`);
}

function isIsoDate(s: string): boolean {
  try {
    return fromDayNumber(toDayNumber(s)) === s;
  } catch {
    return false;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `null`, `an array`, `an object`, `string "x"`, … */
export function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${show(v)}`;
}

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** `line L, column C` of a JSON syntax error (V8 reports no position for some errors: find it by bisection). */
export function syntaxLocation(source: string): string {
  if (!errorWithin(source, source.length)) return 'end of file';
  let lo = 1;
  let hi = source.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (errorWithin(source, mid)) hi = mid;
    else lo = mid + 1;
  }
  const before = source.slice(0, lo - 1);
  const line = before.split('\n').length;
  return `line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

/** Whether the first `length` characters already contain a syntax error (not just an early end). */
function errorWithin(source: string, length: number): boolean {
  try {
    JSON.parse(source.slice(0, length));
    return false;
  } catch (error) {
    const message = (error as Error).message;
    if (/end of JSON|Unterminated/.test(message)) return false;
    const position = /position (\d+)/.exec(message);
    return !(position && Number(position[1]) >= length);
  }
}

/** V8's JSON.parse message without the position and the quoted input. */
export function jsonErrorDetail(error: unknown): string {
  return (error as Error).message.replace(/,? (\.\.\.)?".*" is not valid JSON$/s, '').replace(/ (in|after) JSON at position \d+.*$/s, '');
}
