/**
 * The dataset `sampleDataset` returns, handed over row by row instead of held: same seed, same rows,
 * same users and anomalies. fast-check draws the whole spec in one go, so the spec's arbitraries are
 * tapped: each row spec is built into a row the moment it is drawn, and dropped. Which weeks are free
 * depends on the rows still to come, so the spec is drawn twice from the same seed — first only to
 * count each child's rows, then to build (once for realistic data, which injects no anomaly). Memory: the families, per-child counts, the rows an anomaly
 * moved (and, for the anomaly metadata, each row's identity), never the rows themselves.
 */
import fc from 'fast-check';
import { AnomalyDetector } from './anomaly-detector.ts';
import type { AnomalyId } from './anomaly-id.ts';
import { childOf, childRowCounts, DatasetBuilder } from './dataset-builder.ts';
import type { AuthUser, LegacyRow } from './dataset.ts';
import type { FamilySpec, RowSpec } from './dataset-spec.ts';
import { tap } from './draw-only.ts';
import { datasetSpecArbitrary, datasetSpecParts } from './legacy-dataset.ts';
import type { SampleOptions } from './sample.ts';

export interface StreamedDataset {
  users: AuthUser[];
  rowCount: number;
  /** `[row id, ids]` in row order; present with `detectAnomalies` (which keeps each row's identity until the end). */
  anomalies?: Iterable<[number, AnomalyId[]]>;
}

export function streamDataset(opts: SampleOptions & { detectAnomalies?: boolean }, onRow: (row: LegacyRow) => void): StreamedDataset {
  let families: FamilySpec[] = [];
  const draw = (onSpec: (r: RowSpec) => void): void => {
    // As sampleDataset draws legacyDatasetArbitrary (the same parts, the same composition, the same seed).
    const parts = datasetSpecParts({ mode: opts.mode, minRows: opts.rows, maxRows: opts.rows, ...(opts.anomalies ? { anomalies: opts.anomalies } : {}) }, { shrinkable: false });
    const spec = datasetSpecArbitrary(
      tap(parts.families, (f) => (families = f.map(flatFamily))),
      tap(parts.row, onSpec),
      parts,
    );
    fc.sample(spec, { seed: opts.seed, numRuns: 1 });
  };
  // Realistic rows inject nothing, so nothing asks which weeks are free: one draw is enough.
  let counts: number[] | undefined;
  if (opts.mode !== 'realistic') {
    draw((r) => {
      counts ??= childRowCounts(families, []);
      counts[childOf(families, r)]!++;
    });
  }
  let builder: DatasetBuilder | undefined;
  const detector = opts.detectAnomalies ? new AnomalyDetector() : undefined;
  let rowCount = 0;
  draw((r) => {
    builder ??= new DatasetBuilder(families, counts);
    const { row, injected } = builder.add(r);
    detector?.add(row, injected);
    rowCount++;
    onRow(row);
  });
  const users = builder?.users ?? [];
  return { users, rowCount, ...(detector ? { anomalies: detector.finish(users) } : {}) };
}

/**
 * The family with its strings copied flat. fast-check builds a uuid and a name by concatenation, and
 * V8 keeps such a string as a tree of its parts (~10 nodes for a uuid). Live until the last row, those
 * trees were a fifth of generate's heap (200k rows: 56 → 44 MB). Same values, same output.
 */
function flatFamily(f: FamilySpec): FamilySpec {
  return { userId: flat(f.userId), children: f.children.map((c) => ({ ...c, name: flat(c.name) })) };
}

const flat = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');
