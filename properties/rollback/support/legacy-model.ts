/**
 * The model of the legacy table: what every legacy row must be after a workload, whatever path the
 * writes took. Rows the workload never touched must come back byte for byte (every column, timestamps
 * included); rows written through the new schema come back in canonical form (the legacy view's
 * shape), compared on every column but the timestamps.
 */
import type { LegacyRow } from '../../../src/generate/dataset.ts';
import { canonicalRow, canonicalTimestamp, type CanonicalRow } from '../../../src/check/canonical.ts';
import { jsonEqual } from '../../../src/check/round-trip.ts';

export interface ModelRow {
  row: LegacyRow | CanonicalRow;
  /** true: compare every column as stored; false: the canonical columns, not the timestamps. */
  exact: boolean;
  /** The write set the timestamps to a time the model does not know (the server's now()): not compared. */
  stampsUnknown?: boolean;
}

export interface ModelDiff {
  id: number;
  field: string;
  expected: unknown;
  actual: unknown;
}

const CANONICAL_FIELDS = ['user_id', 'child_name', 'week_period', 'week_start_date', 'theme', 'habits', 'reflection', 'reward'] as const;
const EXACT_FIELDS = [...CANONICAL_FIELDS, 'created_at', 'updated_at'] as const;

export class LegacyModel {
  readonly rows = new Map<number, ModelRow>();

  /** Every row as read from the table, untouched so far. */
  static of(rows: readonly LegacyRow[]): LegacyModel {
    const m = new LegacyModel();
    for (const r of rows) m.rows.set(r.id, { row: r, exact: true });
    return m;
  }

  /** The row as the new schema holds it (canonical); marks it as written through the new schema. */
  touch(id: number): CanonicalRow {
    const m = this.rows.get(id);
    if (!m) throw new Error(`model: no legacy row ${id}`);
    if (m.exact) {
      m.row = structuredClone(canonicalRow(m.row as LegacyRow));
      m.exact = false;
    }
    return m.row as CanonicalRow;
  }

  ids(): number[] {
    return [...this.rows.keys()].sort((a, b) => a - b);
  }

  /**
   * The new schema seen through the legacy view, after the legacy table is gone: every modelled row
   * that is not quarantined, in canonical form, compared on the canonical columns.
   */
  diffAsNew(view: readonly CanonicalRow[], quarantined: ReadonlySet<number>): ModelDiff[] {
    const expected = new LegacyModel();
    for (const [id, m] of this.rows) {
      if (quarantined.has(id)) continue;
      expected.rows.set(id, { exact: false, row: m.exact ? canonicalRow(m.row as LegacyRow) : m.row });
    }
    return expected.diff(view as unknown as LegacyRow[]);
  }

  /** Every difference between the model and the rows read back (missing, extra, or by field). */
  diff(actual: readonly LegacyRow[]): ModelDiff[] {
    const diffs: ModelDiff[] = [];
    const byId = new Map(actual.map((r) => [r.id, r]));
    for (const [id, m] of this.rows) {
      const a = byId.get(id);
      if (!a) {
        diffs.push({ id, field: 'row', expected: 'present', actual: 'missing' });
        continue;
      }
      // a row written through the new schema is compared in canonical form: the mapping rules read
      // `GREEN` and `green`, a short times array and a padded one, as equal
      const seen = (m.exact ? a : canonicalRow(a)) as unknown as Record<string, unknown>;
      for (const f of m.exact && !m.stampsUnknown ? EXACT_FIELDS : CANONICAL_FIELDS) {
        const e = (m.row as unknown as Record<string, unknown>)[f];
        const v = seen[f];
        const eq = f === 'created_at' || f === 'updated_at' ? canonicalTimestamp(String(e)) === canonicalTimestamp(String(v)) : jsonEqual(e ?? null, v ?? null);
        if (!eq) diffs.push({ id, field: f, expected: e, actual: v });
      }
    }
    for (const a of actual) if (!this.rows.has(a.id)) diffs.push({ id: a.id, field: 'row', expected: 'absent', actual: 'present' });
    return diffs;
  }
}
