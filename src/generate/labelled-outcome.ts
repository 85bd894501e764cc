/**
 * What a row's anomaly labels say the migration must do with it: quarantine with the first reason (in
 * mapping-rules priority order) among its labels' treatments, or migrate with the warnings its labels
 * call for. The generator promises this equals the oracle's outcome (test/generate/labels.test.ts);
 * properties never use it as their expectation — they ask the oracle.
 */
import { anomalyById } from './anomalies.ts';
import type { AnomalyId } from './anomaly-id.ts';
import { QUARANTINE_REASONS, type QuarantineReason, type WarningCode } from '../migration/mapping-rules.ts';

export type LabelledOutcome = { kind: 'migrate'; warnings: WarningCode[] } | { kind: 'quarantine'; reason: QuarantineReason };

export function labelledOutcome(labels: readonly AnomalyId[]): LabelledOutcome {
  const treatments = labels.map((a) => anomalyById(a).treatment);
  const reasons = new Set(treatments.flatMap((t) => (t.kind === 'quarantine' ? [t.reason] : [])));
  const reason = QUARANTINE_REASONS.find((r) => reasons.has(r));
  if (reason) return { kind: 'quarantine', reason };
  const warnings = new Set(treatments.flatMap((t) => (t.kind === 'warn' ? [t.warning] : [])));
  return { kind: 'migrate', warnings: [...warnings].sort() };
}
