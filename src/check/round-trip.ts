/**
 * Round-trip and accounting oracles: compare what the migration did with what the mapping rules say
 * it must do. Pure: inputs are values read from the database.
 */
import type { CanonicalRow, Outcome } from './canonical.ts';
import type { QuarantineRow, RecordedWarning } from '../contract/observation.ts';

/** One difference between the canonical form of a legacy row and its legacy-view row. */
export interface FieldDiff {
  legacy_id: number;
  field: string;
  expected: unknown;
  actual: unknown;
}

const FIELDS = ['user_id', 'child_name', 'week_period', 'week_start_date', 'theme', 'reflection', 'reward', 'created_at', 'updated_at'] as const;

/** Field-by-field, habit-by-habit, day-by-day differences between two legacy-shaped rows. */
export function diffRow(expected: CanonicalRow, actual: CanonicalRow): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  const id = expected.id;
  for (const f of FIELDS) {
    if (!jsonEqual(expected[f], actual[f])) diffs.push({ legacy_id: id, field: f, expected: expected[f], actual: actual[f] });
  }
  const eh = expected.habits;
  // a week with no habits is [] in the legacy shape, never NULL (the legacy app maps over it)
  if (!Array.isArray(actual.habits)) diffs.push({ legacy_id: id, field: 'habits', expected: eh, actual: actual.habits ?? null });
  const ah = Array.isArray(actual.habits) ? actual.habits : [];
  for (let i = 0; i < Math.max(eh.length, ah.length); i++) {
    const e = eh[i];
    const a = ah[i];
    if (!e || !a) {
      diffs.push({ legacy_id: id, field: `habits[${i}]`, expected: e ?? null, actual: a ?? null });
      continue;
    }
    if (e.name !== a.name) diffs.push({ legacy_id: id, field: `habits[${i}].name`, expected: e.name, actual: a.name });
    for (let d = 0; d < 7; d++) {
      const et = e.times[d];
      const at = Array.isArray(a.times) ? a.times[d] : undefined;
      if (et !== at) diffs.push({ legacy_id: id, field: `habits[${i}].times[${d}]`, expected: et, actual: at ?? null });
    }
  }
  return diffs;
}

/** Every migrated row's legacy view equals its canonical form; no view row without a migrated legacy row. */
export function roundTripDiffs(expected: ReadonlyMap<number, Outcome>, view: readonly CanonicalRow[]): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  const byId = new Map(view.map((v) => [v.id, v]));
  for (const [id, outcome] of expected) {
    if (outcome.kind !== 'migrate') continue;
    const actual = byId.get(id);
    if (!actual) diffs.push({ legacy_id: id, field: 'row', expected: 'migrated', actual: 'missing from the new schema' });
    else diffs.push(...diffRow(outcome.row, actual));
  }
  for (const v of view) {
    const o = expected.get(v.id);
    if (!o) diffs.push({ legacy_id: v.id, field: 'row', expected: 'no such legacy row', actual: 'present in the new schema' });
    else if (o.kind === 'quarantine') diffs.push({ legacy_id: v.id, field: 'row', expected: `quarantined (${o.reason})`, actual: 'migrated' });
  }
  return diffs;
}

export interface AccountingProblem {
  legacy_id: number;
  problem: 'lost' | 'both' | 'wrong_reason' | 'unexpected_quarantine' | 'not_quarantined';
  expected: string;
  actual: string;
}

/**
 * Nothing lost: every legacy row is migrated or quarantined, never both, never neither, and every
 * quarantined row carries the reason the mapping rules give it.
 */
export function accountingProblems(
  expected: ReadonlyMap<number, Outcome>,
  migratedIds: ReadonlySet<number>,
  quarantine: readonly QuarantineRow[],
): AccountingProblem[] {
  const problems: AccountingProblem[] = [];
  const q = new Map(quarantine.map((r) => [r.legacy_id, r]));
  for (const [id, outcome] of expected) {
    const migrated = migratedIds.has(id);
    const qr = q.get(id);
    const want = outcome.kind === 'migrate' ? 'migrated' : `quarantined (${outcome.reason})`;
    const got = migrated && qr ? `migrated and quarantined (${qr.reason})` : migrated ? 'migrated' : qr ? `quarantined (${qr.reason})` : 'neither';
    if (migrated && qr) problems.push({ legacy_id: id, problem: 'both', expected: want, actual: got });
    else if (!migrated && !qr) problems.push({ legacy_id: id, problem: 'lost', expected: want, actual: got });
    else if (outcome.kind === 'migrate' && qr) problems.push({ legacy_id: id, problem: 'unexpected_quarantine', expected: want, actual: got });
    else if (outcome.kind === 'quarantine' && migrated) problems.push({ legacy_id: id, problem: 'not_quarantined', expected: want, actual: got });
    else if (outcome.kind === 'quarantine' && qr && qr.reason !== outcome.reason) problems.push({ legacy_id: id, problem: 'wrong_reason', expected: want, actual: got });
  }
  return problems;
}

/** Structural equality of JSON values, key order ignored (jsonb does not keep it). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ak = Object.keys(a);
  const bk = Object.keys(b as object);
  return ak.length === bk.length && ak.every((k) => Object.hasOwn(b as object, k) && jsonEqual((a as never)[k], (b as never)[k]));
}

/** A warning the rules give that the migration did not record, or one it recorded that they do not give. */
export interface WarningProblem {
  legacy_id: number;
  problem: 'warning_missing' | 'warning_unexpected';
  code: string;
  detail: string | null;
}

/** Expected against recorded warnings (both sorted or not; compared as sets of id, code, detail). */
export function warningProblems(expected: readonly RecordedWarning[], actual: readonly RecordedWarning[]): WarningProblem[] {
  const key = (w: RecordedWarning) => JSON.stringify([w.legacyId, w.code, w.detail]);
  const want = new Set(expected.map(key));
  const got = new Set(actual.map(key));
  return [
    ...expected.filter((w) => !got.has(key(w))).map((w) => ({ legacy_id: w.legacyId, problem: 'warning_missing' as const, code: w.code, detail: w.detail })),
    ...actual.filter((w) => !want.has(key(w))).map((w) => ({ legacy_id: w.legacyId, problem: 'warning_unexpected' as const, code: w.code, detail: w.detail })),
  ];
}
