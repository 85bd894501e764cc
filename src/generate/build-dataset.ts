/**
 * Turns a {@link DatasetSpec} into a {@link LegacyDataset}: the rows one by one (dataset-builder.ts),
 * then the anomalies each finished row exhibits (label-rows.ts, through anomaly-detector.ts as a
 * stream labels them). Pure and deterministic.
 */
import { AnomalyDetector } from './anomaly-detector.ts';
import { childRowCounts, DatasetBuilder } from './dataset-builder.ts';
import type { LegacyDataset } from './dataset.ts';
import type { DatasetSpec } from './dataset-spec.ts';

export { emailFor, LAYOUT_EPOCH } from './dataset-builder.ts';

export function buildDataset(spec: DatasetSpec): LegacyDataset {
  const builder = new DatasetBuilder(spec.families, childRowCounts(spec.families, spec.rows));
  const detector = new AnomalyDetector();
  const rows = spec.rows.map((r) => {
    const { row, injected } = builder.add(r);
    detector.add(row, injected);
    return row;
  });
  const dataset: LegacyDataset = { users: builder.users, rows, anomalies: {} };
  for (const [id, ids] of detector.finish(builder.users)) dataset.anomalies![id] = ids;
  return dataset;
}
