/**
 * What a quarantine row must keep: the original legacy row, column by column (after Phase 3's drop it
 * exists nowhere else), and the detail its reason calls for — the kept row of a duplicate_week, the
 * SQLSTATE of an unexpected_error. Pure: inputs are values read from the database.
 */
import type { LegacyRow } from '../contract/legacy-row.ts';
import type { QuarantineRow } from '../contract/observation.ts';
import { canonicalTimestamp, type Outcome } from './canonical.ts';
import { jsonEqual } from './round-trip.ts';

/** The legacy columns a quarantine row's `original` holds, each as the legacy table has it. */
export const LEGACY_COLUMNS = ['id', 'user_id', 'child_name', 'week_period', 'week_start_date', 'theme', 'habits', 'reflection', 'reward', 'created_at', 'updated_at'] as const;

export interface QuarantineProblem {
  legacy_id: number;
  /** `original.<column>` or `detail.<key>`. */
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface QuarantineExpectations {
  /** The SQLSTATE each unexpected_error row must carry (rows the harness made fail, and how). */
  sqlstates?: ReadonlyMap<number, string>;
}

/**
 * Problems with the rows the migration quarantined as the oracle expects them to be (a row quarantined
 * for the wrong reason, or not at all, is accounting's finding): original ≠ the legacy row, a
 * duplicate_week without the id of the row it lost to, an unexpected_error without its SQLSTATE.
 */
export function quarantineProblems(
  legacy: readonly LegacyRow[],
  expected: ReadonlyMap<number, Outcome>,
  quarantine: readonly QuarantineRow[],
  opts: QuarantineExpectations = {},
): QuarantineProblem[] {
  const rows = new Map(legacy.map((r) => [r.id, r]));
  const problems: QuarantineProblem[] = [];
  for (const q of quarantine) {
    const o = expected.get(q.legacy_id);
    const row = rows.get(q.legacy_id);
    if (!row || o?.kind !== 'quarantine' || o.reason !== q.reason) continue;
    problems.push(...originalProblems(row, q.original));
    const detail = q.detail ?? {};
    const at = (key: string, want: unknown) => problems.push({ legacy_id: row.id, field: `detail.${key}`, expected: want, actual: detail[key] ?? null });
    if (o.reason === 'duplicate_week' && detail.kept_legacy_id !== o.keptLegacyId) at('kept_legacy_id', o.keptLegacyId);
    if (o.reason === 'unexpected_error') {
      const want = opts.sqlstates?.get(row.id);
      const got = detail.sqlstate;
      if (typeof got !== 'string' || !/^[0-9A-Z]{5}$/.test(got) || (want !== undefined && got !== want)) at('sqlstate', want ?? 'a SQLSTATE');
    }
  }
  return problems;
}

/** Differences between a legacy row and the `original` a quarantine row keeps of it (timestamps compared as instants, microseconds included). */
export function originalProblems(row: LegacyRow, original: Record<string, unknown> | null | undefined): QuarantineProblem[] {
  const problems: QuarantineProblem[] = [];
  for (const column of LEGACY_COLUMNS) {
    const want: unknown = row[column] ?? null;
    const has = original !== null && typeof original === 'object' && Object.hasOwn(original, column);
    const got: unknown = has ? original[column] : undefined;
    const same = has && (column === 'created_at' || column === 'updated_at' ? sameInstant(want, got) : jsonEqual(want, got ?? null));
    if (!same) problems.push({ legacy_id: row.id, field: `original.${column}`, expected: want, actual: has ? got : '(absent)' });
  }
  return problems;
}

function sameInstant(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return a === b;
  try {
    return canonicalTimestamp(a) === canonicalTimestamp(b);
  } catch {
    return false;
  }
}
