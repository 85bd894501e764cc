/**
 * The anomaly labels of a finished dataset, recomputed from its rows: anomalies compose (an emoji
 * appended to a name at the limit, a duplicate of a row that is itself quarantined), so what was
 * injected is not what a row ends up exhibiting. Labels say what each finished row is, so that the
 * treatment they imply (see labelled-outcome.ts) is true of it — a test checks that against the
 * oracle on every mode. Pure.
 */
import { ANOMALIES, anomalyById } from './anomalies.ts';
import { ANOMALY_IDS, type AnomalyId } from './anomaly-id.ts';
import { weekKey } from './anomaly/inspect.ts';
import type { LegacyDataset, LegacyRow } from './dataset.ts';
import { nearDuplicateKey } from '../migration/mapping-rules.ts';

/** Anomalies whose presence alone decides a row's fate (a row-level quarantine) or its warning: always detected. */
const ALWAYS_DETECTED: readonly AnomalyId[] = ANOMALIES.filter(
  (a) => (a.treatment.kind === 'quarantine' && a.id !== 'duplicate_week') || a.id === 'week_period_mismatch',
).map((a) => a.id);

const NEAR_DUPLICATE: readonly AnomalyId[] = ['near_duplicate_child_nfc_nfd', 'near_duplicate_child_whitespace'];
const isRowQuarantine = (a: AnomalyId) => a !== 'duplicate_week' && anomalyById(a).treatment.kind === 'quarantine';

/**
 * Labels of each row of `dataset` (by id): the injected anomalies its finished form still exhibits,
 * every row-level quarantine anomaly and label mismatch it exhibits, `duplicate_week` exactly when an
 * earlier row of the same (owner, exact name, week) is not quarantined on its own and neither is this
 * one, and a near-duplicate label exactly when another such migrating row of the owner has a different
 * exact name with the same near-duplicate key.
 */
export function labelRows(dataset: LegacyDataset, injected: ReadonlyMap<number, readonly AnomalyId[]>): Record<number, AnomalyId[]> {
  const labels = new Map<number, Set<AnomalyId>>();
  for (const row of dataset.rows) {
    const inj = injected.get(row.id) ?? [];
    labels.set(row.id, new Set([...rowLabels(row, inj), ...relationalLabels(row, inj, dataset)]));
  }
  return finishLabels(dataset.rows, labels);
}

/** The first labels of a row that its own values decide (anomalies whose detector is not relational). */
export function rowLabels(row: LegacyRow, injected: readonly AnomalyId[]): AnomalyId[] {
  return candidates(injected).filter((a) => !anomalyById(a).relational && anomalyById(a).detect(row, NO_DATASET));
}

/** The first labels of a row that the dataset decides (relational detectors: the row's id and identity suffice). */
export function relationalLabels(row: RowSkeleton, injected: readonly AnomalyId[], dataset: LegacyDataset): AnomalyId[] {
  return candidates(injected).filter((a) => anomalyById(a).relational && anomalyById(a).detect(row as LegacyRow, dataset));
}

/** A row as the labelling after the first labels reads it. */
export type RowSkeleton = Pick<LegacyRow, 'id' | 'user_id' | 'child_name' | 'week_start_date'>;

const NO_DATASET: LegacyDataset = { users: [], rows: [] };

function candidates(injected: readonly AnomalyId[]): AnomalyId[] {
  return [...new Set([...injected.filter((a) => !NEAR_DUPLICATE.includes(a) && a !== 'duplicate_week'), ...ALWAYS_DETECTED])];
}

/** The labels, given each row's first labels: duplicates and near duplicates among the rows that migrate. */
export function finishLabels(rows: readonly RowSkeleton[], labels: Map<number, Set<AnomalyId>>): Record<number, AnomalyId[]> {
  const rowClean = (id: number) => ![...labels.get(id)!].some(isRowQuarantine);

  const firstClean = new Map<string, number>();
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    if (!rowClean(row.id)) continue;
    const key = weekKey(row.user_id, row.child_name, row.week_start_date);
    if (firstClean.has(key)) labels.get(row.id)!.add('duplicate_week');
    else firstClean.set(key, row.id);
  }

  const migrating = rows.filter((r) => !labels.get(r.id)!.has('duplicate_week') && rowClean(r.id));
  const namesByKey = new Map<string, Set<string>>();
  for (const r of migrating) {
    const k = `${r.user_id}\u0001${nearDuplicateKey(r.child_name)}`;
    namesByKey.set(k, (namesByKey.get(k) ?? new Set()).add(r.child_name));
  }
  for (const r of migrating) {
    const others = [...(namesByKey.get(`${r.user_id}\u0001${nearDuplicateKey(r.child_name)}`) ?? [])].filter((n) => n !== r.child_name);
    const ids = labels.get(r.id)!;
    for (const other of others) ids.add(other.normalize('NFC') === r.child_name.normalize('NFC') ? 'near_duplicate_child_nfc_nfd' : 'near_duplicate_child_whitespace');
  }

  const out: Record<number, AnomalyId[]> = {};
  for (const [id, ids] of labels) if (ids.size > 0) out[id] = ANOMALY_IDS.filter((a) => ids.has(a));
  return out;
}
