/**
 * One dataset from a seed, deterministically: the same seed, rows and mode give the same dataset
 * (and so the same bytes from every serializer) in any process and time zone, for this version of
 * fast-check and faker.
 */
import fc from 'fast-check';
import type { AnomalyId } from './anomaly-id.ts';
import type { LegacyDataset } from './dataset.ts';
import { legacyDatasetArbitrary, type DatasetMode } from './legacy-dataset.ts';

export interface SampleOptions {
  seed: number;
  /** Exact number of habit_tracker rows. */
  rows: number;
  mode: DatasetMode;
  anomalies?: readonly AnomalyId[];
}

export function sampleDataset(opts: SampleOptions): LegacyDataset {
  const arbitrary = legacyDatasetArbitrary({
    mode: opts.mode,
    minRows: opts.rows,
    maxRows: opts.rows,
    ...(opts.anomalies ? { anomalies: opts.anomalies } : {}),
  });
  const [dataset] = fc.sample(arbitrary, { seed: opts.seed, numRuns: 1 });
  if (!dataset) throw new Error('fast-check produced no sample');
  return dataset;
}
