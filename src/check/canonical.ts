/**
 * The TypeScript oracle: what the migration must do with each legacy row, computed from the mapping
 * rules independently of the SQL (two implementations that check each other). Pure.
 */
import type { LegacyRow } from '../contract/legacy-row.ts';
import type { RecordedWarning } from '../contract/observation.ts';
import { QUARANTINE_REASONS, type QuarantineReason, type Status, isoWeekday, nearDuplicateKey, weekPeriodLabel } from '../migration/mapping-rules.ts';

/** A legacy row in canonical form: what the legacy view must return for it. */
export interface CanonicalRow {
  id: number;
  user_id: string;
  child_name: string;
  week_period: string;
  week_start_date: string;
  theme: string | null;
  habits: Array<{ name: string; times: Status[] }>;
  reflection: unknown;
  reward: string | null;
  created_at: string;
  updated_at: string;
}

export type Outcome =
  | { kind: 'migrate'; row: CanonicalRow }
  | { kind: 'quarantine'; reason: QuarantineReason; keptLegacyId?: number };

const VALID = new Set(['green', 'yellow', 'red', 'none']);
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Length in code points, as Postgres length() counts (JS .length counts UTF-16 units). */
export const codePoints = (s: string) => [...s].length;

/** Whether a child name's length passes the rule child_name_length (1 to 100 code points). */
export const childNameLengthOk = (name: string) => {
  const len = codePoints(name);
  return len >= 1 && len <= 100;
};

/** Every quarantine reason that applies to one row on its own (not duplicate_week), in priority order. */
export function rowReasons(row: LegacyRow, knownUsers: ReadonlySet<string>): QuarantineReason[] {
  const found = new Set<QuarantineReason>();
  if (row.user_id === null) found.add('owner_null');
  else if (!knownUsers.has(row.user_id)) found.add('owner_unknown');
  if (!childNameLengthOk(row.child_name)) found.add('child_name_length');
  if (isoWeekday(row.week_start_date) !== 1) found.add('week_not_monday');
  const habits = row.habits;
  if (habits !== null && habits !== undefined && !Array.isArray(habits)) found.add('habits_not_array');
  if (Array.isArray(habits)) {
    for (const h of habits) {
      if (!isObject(h)) {
        found.add('habit_not_object');
        continue;
      }
      if (typeof h.name !== 'string') found.add('habit_name_invalid');
      if (Object.keys(h).some((k) => k !== 'name' && k !== 'times')) found.add('habit_unknown_keys');
      const times = h.times;
      if (times !== null && times !== undefined && !Array.isArray(times)) found.add('times_not_array');
      if (Array.isArray(times)) {
        if (times.length > 7) found.add('times_too_long');
        for (const t of times) {
          if (t !== null && typeof t !== 'string') found.add('status_not_string');
          else if (typeof t === 'string' && !VALID.has(asciiLower(t))) found.add('status_unknown');
        }
      }
    }
  }
  if (row.reflection !== null && row.reflection !== undefined && !isObject(row.reflection)) found.add('reflection_not_object');
  return QUARANTINE_REASONS.filter((r) => found.has(r));
}

/** The canonical form of a row that passes every rule. */
export function canonicalRow(row: LegacyRow): CanonicalRow {
  const habits = Array.isArray(row.habits) ? (row.habits as Array<{ name: string; times?: unknown }>) : [];
  return {
    id: row.id,
    user_id: row.user_id!,
    child_name: row.child_name,
    week_period: weekPeriodLabel(row.week_start_date),
    week_start_date: row.week_start_date,
    theme: row.theme,
    habits: habits.map((h) => ({ name: h.name, times: canonicalTimes(h.times) })),
    reflection: row.reflection ?? null,
    reward: row.reward,
    created_at: canonicalTimestamp(row.created_at),
    updated_at: canonicalTimestamp(row.updated_at),
  };
}

function canonicalTimes(times: unknown): Status[] {
  const arr = Array.isArray(times) ? times : [];
  return Array.from({ length: 7 }, (_, i) => {
    const t = arr[i];
    return (typeof t === 'string' ? asciiLower(t) : 'none') as Status;
  });
}

/** Timestamps as `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, microseconds): the form hv_ts_text() prints. */
export function canonicalTimestamp(s: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(Z|\+00(?::?00)?)$/.exec(s);
  if (m) return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(6, '0')}Z`;
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new RangeError(`not a timestamp: ${JSON.stringify(s)}`);
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export interface OutcomeOptions {
  /**
   * Legacy ids whose writes into the new schema fail for a reason no rule foresees (a fault the
   * harness injects): such a row, when it would migrate, is quarantined as unexpected_error instead,
   * and its (owner, child, week) stays free for the next row of the group.
   */
  failing?: ReadonlySet<number>;
}

/** The (owner, exact child name, week_start_date) of a row: one week of the new schema. */
const weekGroup = (row: Pick<LegacyRow, 'user_id' | 'child_name' | 'week_start_date'>) => JSON.stringify([row.user_id, row.child_name, row.week_start_date]);

/**
 * What must happen to every row of a dataset: migrate (with its canonical form) or quarantine (with
 * the first reason). duplicate_week: among rows that pass every other rule, the lowest id of each
 * (owner, exact child name, week_start_date) migrates; the others are quarantined.
 */
export function expectedOutcomes(rows: readonly LegacyRow[], knownUsers: ReadonlySet<string>, opts: OutcomeOptions = {}): Map<number, Outcome> {
  const out = new Map<number, Outcome>();
  const firstOfKey = new Map<string, number>();
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    const reasons = rowReasons(row, knownUsers);
    if (reasons.length > 0) {
      out.set(row.id, { kind: 'quarantine', reason: reasons[0]! });
      continue;
    }
    const key = weekGroup(row);
    const first = firstOfKey.get(key);
    if (first !== undefined) {
      out.set(row.id, { kind: 'quarantine', reason: 'duplicate_week', keptLegacyId: first });
      continue;
    }
    if (opts.failing?.has(row.id)) {
      out.set(row.id, { kind: 'quarantine', reason: 'unexpected_error' });
      continue;
    }
    firstOfKey.set(key, row.id);
    out.set(row.id, { kind: 'migrate', row: canonicalRow(row) });
  }
  return out;
}

/**
 * The outcomes after a rerun once the fault is gone: every row quarantined as unexpected_error is
 * tried again, in id order — it migrates, or it is a duplicate_week of the row whose week its group
 * holds by then (which may have a higher id: that row migrated while this one failed). Every other
 * outcome stays as it was.
 */
export function retriedOutcomes(rows: readonly LegacyRow[], before: ReadonlyMap<number, Outcome>): Map<number, Outcome> {
  const out = new Map(before);
  const holder = new Map<string, number>();
  for (const [id, o] of before) if (o.kind === 'migrate') holder.set(weekGroup(o.row), id);
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    const o = before.get(row.id);
    if (o?.kind !== 'quarantine' || o.reason !== 'unexpected_error') continue;
    const kept = holder.get(weekGroup(row));
    if (kept !== undefined) {
      out.set(row.id, { kind: 'quarantine', reason: 'duplicate_week', keptLegacyId: kept });
      continue;
    }
    holder.set(weekGroup(row), row.id);
    out.set(row.id, { kind: 'migrate', row: canonicalRow(row) });
  }
  return out;
}

/**
 * The warnings the mapping rules give the migrated rows of a dataset: week_period_mismatch for a label
 * that is null or not the one week_start_date gives; near_duplicate_child for a row whose child has a
 * sibling (another migrated child of the same owner) with a different exact name and the same
 * {@link nearDuplicateKey}. Sorted by legacy id, code, detail.
 */
export function expectedWarnings(rows: readonly LegacyRow[], outcomes: ReadonlyMap<number, Outcome>): RecordedWarning[] {
  const migrated = rows.filter((r) => outcomes.get(r.id)?.kind === 'migrate');
  const out: RecordedWarning[] = [];
  const namesByKey = new Map<string, Set<string>>();
  for (const r of migrated) {
    const k = `${r.user_id}\u0001${nearDuplicateKey(r.child_name)}`;
    const names = namesByKey.get(k) ?? new Set<string>();
    names.add(r.child_name);
    namesByKey.set(k, names);
  }
  for (const r of migrated) {
    if (r.week_period !== weekPeriodLabel(r.week_start_date)) out.push({ legacyId: r.id, code: 'week_period_mismatch', detail: r.week_period });
    for (const other of namesByKey.get(`${r.user_id}\u0001${nearDuplicateKey(r.child_name)}`) ?? []) {
      if (other !== r.child_name) out.push({ legacyId: r.id, code: 'near_duplicate_child', detail: other });
    }
  }
  const order = (w: RecordedWarning) => `${String(w.legacyId).padStart(20, '0')}\u0001${w.code}\u0001${w.detail ?? ''}`;
  return out.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}
