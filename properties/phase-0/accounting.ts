import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { ANOMALIES } from '../../src/generate/anomalies.ts';
import { accountingProblems } from '../../src/check/round-trip.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { migrate, setupPhase0 } from '../support/phase-0-case.ts';

const TREATMENT = new Map(ANOMALIES.map((a) => [a.id as string, a.treatment]));

/**
 * Nothing lost: legacy rows = migrated + quarantined, each with the reason the mapping rules give it,
 * and the anomaly catalogue's treatment (killed by null-owner-zero-uuid, coerce-unknown-status,
 * dedupe-within-batch-only).
 */
export const accounting: PropertyDef<LegacyDataset> = {
  name: 'phase-0/accounting',
  tags: ['phase-0'],
  description: 'Every legacy row is migrated or quarantined (never both, never neither), with the reason its anomaly calls for.',
  defaultRuns: 40,
  arbitrary: () => legacyDatasetArbitrary({ mode: 'adversarial', maxRows: 12 }),
  setup: setupPhase0,
  toDataset: (d) => d,
  async check(dataset, ctx) {
    const { expected, view, quarantine, backfill } = await migrate(ctx, dataset, 5);
    const migrated = new Set(view.map((v) => v.id));
    const problems: unknown[] = accountingProblems(expected, migrated, quarantine);
    if (backfill.migrated + backfill.quarantined !== dataset.rows.length) {
      problems.push({ problem: 'counts', expected: dataset.rows.length, actual: { migrated: backfill.migrated, quarantined: backfill.quarantined } });
    }
    // The catalogue's word: a row with a quarantining anomaly is quarantined; a row whose anomalies
    // all migrate (as is, normalized, warned) migrates. duplicate_week depends on the other row (a
    // duplicate of a quarantined row is the first valid one and migrates): the oracle decides it.
    const quarantined = new Set(quarantine.map((q) => q.legacy_id));
    for (const [id, anomalies] of Object.entries(dataset.anomalies ?? {})) {
      const kinds = anomalies.filter((a) => a !== 'duplicate_week').map((a) => TREATMENT.get(a)?.kind);
      if (kinds.length < anomalies.length && !kinds.includes('quarantine')) continue;
      const mustQuarantine = kinds.includes('quarantine');
      if (mustQuarantine !== quarantined.has(Number(id))) {
        problems.push({ legacy_id: Number(id), problem: 'catalogue', anomalies, expected: mustQuarantine ? 'quarantined' : 'migrated', actual: quarantined.has(Number(id)) ? 'quarantined' : 'migrated' });
      }
    }
    if (problems.length > 0) throw new PropertyFailure(`${problems.length} legacy row(s) not accounted for as the rules require`, { problems });
  },
};
