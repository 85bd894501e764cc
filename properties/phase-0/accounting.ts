import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { ANOMALIES } from '../../src/generate/anomalies.ts';
import { accountingProblems } from '../../src/check/round-trip.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { migrate, setupPhase0 } from '../support/phase-0-case.ts';
import { readWarnings } from '../../src/check/read-state.ts';
import { nearDuplicateKey } from '../../src/generate/anomalies.ts';
import type { LegacyRow } from '../../src/generate/dataset.ts';

/** Whether another migrated row of the same owner has a different name with the same near-duplicate key. */
function hasMigratedSibling(dataset: LegacyDataset, row: LegacyRow, quarantined: ReadonlySet<number>): boolean {
  return dataset.rows.some(
    (r) => r.id !== row.id && !quarantined.has(r.id) && r.user_id === row.user_id && r.child_name !== row.child_name && nearDuplicateKey(r.child_name) === nearDuplicateKey(row.child_name),
  );
}

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
    // Warnings the catalogue promises: a near-duplicate child is listed, a wrong label is kept.
    const { rows: near } = await ctx.client.query<{ name: string }>('SELECT name FROM public.migration_near_duplicate_children');
    const nearNames = new Set(near.map((n) => n.name));
    const warned = new Set((await readWarnings(ctx.client)).filter((w) => w.code === 'week_period_mismatch').map((w) => w.legacy_id));
    const byId = new Map(dataset.rows.map((r) => [r.id, r]));
    for (const [id, anomalies] of Object.entries(dataset.anomalies ?? {})) {
      if (quarantined.has(Number(id))) continue;
      const row = byId.get(Number(id))!;
      for (const a of anomalies) {
        const t = TREATMENT.get(a);
        if (t?.kind !== 'warn') continue;
        const ok = t.warning === 'near_duplicate_child' ? nearNames.has(row.child_name) || !hasMigratedSibling(dataset, row, quarantined) : warned.has(row.id);
        if (!ok) problems.push({ legacy_id: row.id, problem: 'warning_missing', anomaly: a, expected: t.warning });
      }
    }
    if (problems.length > 0) throw new PropertyFailure(`${problems.length} legacy row(s) not accounted for as the rules require`, { problems });
  },
};
