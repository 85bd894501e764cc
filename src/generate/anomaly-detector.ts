/**
 * A dataset's anomaly labels (label-rows.ts) for rows added one at a time: what a row's own values
 * decide is labelled at once, the rest — relational detectors, duplicates, near duplicates — at the
 * end over the rows' identities. A stream keeps per row its id and identity (and its few labels), not
 * the row.
 */
import type { AnomalyId } from './anomaly-id.ts';
import { anomalyById } from './anomalies.ts';
import type { AuthUser, LegacyDataset, LegacyRow } from './dataset.ts';
import { finishLabels, relationalLabels, rowLabels, type RowSkeleton } from './label-rows.ts';

export class AnomalyDetector {
  private readonly rows: RowSkeleton[] = [];
  /** Sparse, by row index: labels from the row alone, and its injected relational anomalies. */
  private readonly local = new Map<number, AnomalyId[]>();
  private readonly injectedRelational = new Map<number, AnomalyId[]>();

  add(row: LegacyRow, injected: readonly AnomalyId[]): void {
    const index = this.rows.length;
    this.rows.push({ id: row.id, user_id: row.user_id, child_name: row.child_name, week_start_date: row.week_start_date });
    const local = rowLabels(row, injected);
    const relational = injected.filter((a) => anomalyById(a).relational);
    if (local.length > 0) this.local.set(index, local);
    if (relational.length > 0) this.injectedRelational.set(index, relational);
  }

  /** `[row id, labels in catalogue order]` of every labelled row, by ascending id. */
  *finish(users: readonly AuthUser[]): Generator<[number, AnomalyId[]]> {
    const dataset: LegacyDataset = { users: [...users], rows: this.rows as LegacyRow[] };
    const labels = new Map<number, Set<AnomalyId>>();
    this.rows.forEach((row, i) => labels.set(row.id, new Set([...(this.local.get(i) ?? []), ...relationalLabels(row, this.injectedRelational.get(i) ?? [], dataset)])));
    const out = finishLabels(this.rows, labels);
    for (const id of Object.keys(out).map(Number).sort((a, b) => a - b)) yield [id, out[id]!];
  }
}
