/**
 * Seeded fast-check arbitraries of whole legacy datasets (auth.users + habit_tracker).
 *
 * Shrinking: rows are one flat array and each row's habits another, so a failing dataset shrinks
 * toward the one row and the one habit that matter; injected anomalies are per-row arrays that shrink
 * away too. Ids, weeks, labels, timestamps and users are derived after generation, so any shrunk
 * dataset is as consistent as a generated one.
 */
import fc from 'fast-check';
import { ANOMALIES } from './anomalies.ts';
import { isAnomalyId, type AnomalyId } from './anomaly-id.ts';
import type { Injection } from './anomaly/define.ts';
import { buildDataset } from './build-dataset.ts';
import type { LegacyDataset } from './dataset.ts';
import { familiesArbitrary, rowSpecArbitrary, type FamilySpec, type RowSpec } from './dataset-spec.ts';

export type DatasetMode = 'realistic' | 'adversarial' | 'mixed';
export const DATASET_MODES: readonly DatasetMode[] = ['realistic', 'adversarial', 'mixed'];

export interface LegacyDatasetOptions {
  /**
   * realistic: what the app writes (Monday weeks, consistent labels, valid statuses, some null).
   * adversarial: the realistic base with 0–2 catalogue anomalies injected into each row.
   * mixed: mostly realistic, one row in eight gets one anomaly.
   */
  mode: DatasetMode;
  /** Upper bound on rows (default 20). */
  maxRows?: number;
  /** Lower bound on rows (default 0). Equal bounds give an exact count. */
  minRows?: number;
  /**
   * Restricts injected anomalies to these ids. In adversarial mode every row then gets at least one
   * (relational ones still need an earlier clean row, so row 1 never carries them). Not allowed in
   * realistic mode.
   */
  anomalies?: readonly AnomalyId[];
  /**
   * After the mode's rows, one more row per catalogue anomaly, each carrying exactly that one (in
   * catalogue order, so relational ones find earlier rows to copy): every case reaches every anomaly
   * and, through them, every mapping-rule branch. For gates whose budget is a few cases. Those rows
   * do not shrink (a failure shrinks the mode's rows only): shrinking 60 rows field by field would
   * take a property's whole time budget.
   */
  everyAnomaly?: boolean;
}

export function legacyDatasetArbitrary(opts: LegacyDatasetOptions): fc.Arbitrary<LegacyDataset> {
  const parts = datasetSpecParts(opts);
  if (opts.everyAnomaly) {
    const maxFamilies = Math.max(3, Math.ceil((parts.maxRows + ANOMALIES.length) / 6));
    const one = ANOMALIES.map((a) => rowSpecArbitrary(maxFamilies, a.inject.map((i) => [i])));
    return fc
      .tuple(datasetSpecArbitrary(familiesArbitrary(maxFamilies), parts.row, parts), fc.noShrink(fc.tuple(...one)))
      .map(([[families, rowSpecs], covering]) => buildDataset({ families, rows: [...rowSpecs, ...covering] }));
  }
  return datasetSpecArbitrary(parts.families, parts.row, parts).map(([families, rowSpecs]) => buildDataset({ families, rows: rowSpecs }));
}

/** The arbitraries a dataset is drawn from: its families, one row spec, and the row bounds. */
export interface DatasetSpecParts {
  families: fc.Arbitrary<FamilySpec[]>;
  row: fc.Arbitrary<RowSpec>;
  minRows: number;
  maxRows: number;
}

/** `shrinkable: false` draws the same families without their shrink contexts (a stream that never shrinks). */
export function datasetSpecParts(opts: LegacyDatasetOptions, { shrinkable = true }: { shrinkable?: boolean } = {}): DatasetSpecParts {
  const { mode, minRows = 0, maxRows = Math.max(20, minRows), anomalies } = opts;
  if (!Number.isSafeInteger(minRows) || !Number.isSafeInteger(maxRows) || minRows < 0 || maxRows < minRows) {
    throw new RangeError(`row bounds must be integers with 0 <= minRows <= maxRows, got minRows=${minRows} maxRows=${maxRows}`);
  }
  if (anomalies !== undefined) {
    if (mode === 'realistic') throw new RangeError('realistic mode injects no anomalies: use mixed or adversarial');
    const unknown = anomalies.filter((a) => !isAnomalyId(a));
    if (unknown.length > 0 || anomalies.length === 0) {
      throw new RangeError(`anomalies must be a non-empty list of catalogue ids, got ${JSON.stringify(anomalies)}`);
    }
  }
  const maxFamilies = Math.max(3, Math.ceil(maxRows / 6));
  return { families: familiesArbitrary(maxFamilies, { shrinkable }), row: rowSpecArbitrary(maxFamilies, injectionsArbitrary(mode, anomalies)), minRows, maxRows };
}

/**
 * Families, then the rows: the one composition every dataset is drawn with. A stream draws it with
 * tapped arbitraries (stream-dataset.ts) and must consume the random stream exactly as this does.
 */
export function datasetSpecArbitrary<F, R>(families: fc.Arbitrary<F>, row: fc.Arbitrary<R>, bounds: { minRows: number; maxRows: number }): fc.Arbitrary<[F, R[]]> {
  return fc.tuple(families, fc.array(row, { minLength: bounds.minRows, maxLength: bounds.maxRows, size: 'max' }));
}

function injectionsArbitrary(mode: DatasetMode, only: readonly AnomalyId[] | undefined): fc.Arbitrary<Injection[]> {
  if (mode === 'realistic') return fc.constant([]);
  const pool = only === undefined ? ANOMALIES : ANOMALIES.filter((a) => only.includes(a.id));
  const one = fc.oneof(...pool.map((a) => a.inject));
  if (mode === 'adversarial') return fc.array(one, { minLength: only === undefined ? 0 : 1, maxLength: 2, size: 'max' });
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 7, arbitrary: fc.constant<Injection[]>([]) },
    { weight: 1, arbitrary: fc.array(one, { minLength: 1, maxLength: 1 }) },
  );
}
