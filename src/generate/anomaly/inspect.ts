/**
 * Pure helpers the detectors share: code point length, the near-duplicate key, JSON shape tests and a
 * per-dataset index for the relational detectors (memoized; datasets are treated as immutable).
 */
import type { LegacyDataset, LegacyRow } from '../dataset.ts';
import { STATUSES } from '../dataset.ts';
import { fromDayNumber, nearDuplicateKey, toDayNumber } from '../../migration/mapping-rules.ts';
export { collapseWhitespace, nearDuplicateKey } from '../../migration/mapping-rules.ts';

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Length in Unicode code points, as Postgres `length(text)` counts it (not JS `.length`). */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The first `n` code points of `s` (never splits a surrogate pair). */
export function codePointSlice(s: string, n: number): string {
  return Array.from(s).slice(0, n).join('');
}

/** `items[index mod length]`; undefined when empty. Parameters are naturals so removing items keeps them valid. */
export function pick<T>(items: readonly T[], index: number): T | undefined {
  return items[index % Math.max(1, items.length)];
}

export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object entries of a habits value (none when habits is not an array). */
export function habitObjects(habits: unknown): Record<string, unknown>[] {
  return Array.isArray(habits) ? habits.filter(isJsonObject) : [];
}

/** Every `times` array of the object entries of a habits value. */
export function timesArrays(habits: unknown): unknown[][] {
  const out: unknown[][] = [];
  for (const h of habitObjects(habits)) if (Array.isArray(h.times)) out.push(h.times);
  return out;
}

export function someStatus(row: LegacyRow, test: (status: unknown) => boolean): boolean {
  return timesArrays(row.habits).some((times) => times.some(test));
}

export function isStatus(v: unknown): boolean {
  return typeof v === 'string' && (STATUSES as readonly string[]).includes(v);
}

export function isJsonNull(row: LegacyRow, column: 'habits' | 'reflection'): boolean {
  return row[column] === null && (row.json_null_columns ?? []).includes(column);
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, iso.length - 6));
}

/** The Monday on or before an ISO date. */
export function mondayOnOrBefore(iso: string): string {
  const day = toDayNumber(iso);
  return fromDayNumber(day - ((((day + 3) % 7) + 7) % 7));
}

/** Identity of a week row: (owner, exact child name, week start). */
export function weekKey(owner: string | null, childName: string, week: string): string {
  return `${owner ?? 'null'}\u0001${childName}\u0001${week}`;
}

interface DatasetIndex {
  users: Set<string>;
  minIdByKey: Map<string, number>;
  /** owner + key → distinct exact names: NFC form (nfcNames), full near-duplicate key (wsNames). */
  nfcNames: Map<string, Set<string>>;
  wsNames: Map<string, Set<string>>;
  ownersByName: Map<string, Set<string>>;
}

const indexes = new WeakMap<LegacyDataset, DatasetIndex>();

/** Lookups over a whole dataset, built once per dataset object. */
export function datasetIndex(dataset: LegacyDataset): DatasetIndex {
  let index = indexes.get(dataset);
  if (index) return index;
  index = {
    users: new Set(dataset.users.map((u) => u.id)),
    minIdByKey: new Map(),
    nfcNames: new Map(),
    wsNames: new Map(),
    ownersByName: new Map(),
  };
  for (const row of dataset.rows) {
    const key = weekKey(row.user_id, row.child_name, row.week_start_date);
    const min = index.minIdByKey.get(key);
    if (min === undefined || row.id < min) index.minIdByKey.set(key, row.id);
    if (row.user_id === null) continue;
    addTo(index.nfcNames, `${row.user_id}\u0001${row.child_name.normalize('NFC')}`, row.child_name);
    addTo(index.wsNames, `${row.user_id}\u0001${nearDuplicateKey(row.child_name)}`, row.child_name);
    addTo(index.ownersByName, row.child_name, row.user_id);
  }
  indexes.set(dataset, index);
  return index;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
