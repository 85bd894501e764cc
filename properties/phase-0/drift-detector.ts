import fc from 'fast-check';
import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { migrate, setupPhase0 } from '../support/phase-0-case.ts';
import { expectMigrated } from '../support/expect-migrated.ts';
import { weekIdsOf, weeksOf } from '../support/week-ids.ts';
import { DRIFT_INJECTIONS, type DriftTarget } from '../support/drift-injections.ts';
import type { DriftRow } from '../../src/contract/observation.ts';

export interface DriftCase {
  dataset: LegacyDataset;
  /** Which migrated row (modulo their number), habit and day the changes hit. */
  target: number;
  habit: number;
  day: number;
  /** A sampled run of the detector (DriftOptions): the share of legacy ids, and the salt. */
  permille: number;
  salt: number;
}

/**
 * Specificity: on consistent data the detector reports nothing. Sensitivity, field by field: every
 * change of DRIFT_INJECTIONS — each scalar column, a habit name, a status on every weekday, a record
 * date, a record, a habit or a week gone, a habit too many — is applied alone (in a transaction rolled
 * back before the next) and must be reported at its legacy row and field, and nothing else reported
 * beside it: the field-by-field report of a row whose hashes differ compares its other fields too (killed by drift-habits-only,
 * drift-count-and-sample, drift-ignores-reward, drift-null-blind).
 */
export const driftDetector: PropertyDef<DriftCase> = {
  name: 'phase-0/drift-detector',
  tags: ['phase-0'],
  description: 'The drift detector reports nothing on consistent data, and reports and locates each single change of every compared field, and nothing beside it.',
  defaultRuns: 15,
  arbitrary: () =>
    fc.record(
      {
        dataset: legacyDatasetArbitrary({ mode: 'mixed', minRows: 1, maxRows: 24 }),
        target: fc.nat({ max: 1000 }),
        habit: fc.nat({ max: 100 }),
        day: fc.nat({ max: 6 }),
        permille: fc.integer({ min: 0, max: 999 }),
        salt: fc.nat({ max: 1_000_000 }),
      },
      { noNullPrototype: true },
    ),
  setup: setupPhase0,
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    const { expected: outcomes, view } = await migrate(ctx, input.dataset);
    const before = await ctx.impl.observe.drift(ctx.client);
    if (before.length > 0) throw new PropertyFailure(`drift reported on consistent data: ${before.length} row(s)`, { drift: before });
    const sample = { samplePermille: input.permille, salt: input.salt };
    const sampledBefore = await ctx.impl.observe.drift(ctx.client, sample);
    if (sampledBefore.length > 0) throw new PropertyFailure(`drift reported on consistent data by a sampled run (${input.permille} ‰, salt ${input.salt}): ${sampledBefore.length} row(s)`, { drift: sampledBefore });
    expectMigrated(outcomes, view, 'after the backfill'); // else no change could be injected
    const weeks = await weeksOf(ctx.client, await weekIdsOf(ctx.impl, ctx.client));
    if (weeks.length === 0) return; // nothing migrated: nothing to change
    const childRows = new Map<string, Set<number>>();
    for (const w of weeks) childRows.set(w.childId, (childRows.get(w.childId) ?? new Set()).add(w.legacyId));
    const missed: unknown[] = [];
    for (const injection of DRIFT_INJECTIONS) {
      const candidates = injection.needsHabit ? weeks.filter((w) => w.habits > 0) : weeks;
      const w = candidates[input.target % Math.max(1, candidates.length)];
      if (!w) continue; // no week with a habit
      const t: DriftTarget = { weekId: w.id, legacyId: w.legacyId, childId: w.childId, habits: w.habits, habit: input.habit, day: input.day };
      await ctx.client.query('BEGIN');
      try {
        await injection.apply(ctx.client, t);
        const after = await ctx.impl.observe.drift(ctx.client);
        if (!after.some((d) => d.legacy_id === t.legacyId && injection.locates(d, t))) missed.push({ change: injection.what, legacyId: t.legacyId, reported: after.slice(0, 10) });
        // exact: nothing the change does not explain (a row whose hashes differ is reported field by field)
        const rows = injection.wholeChild ? childRows.get(w.childId)! : new Set([t.legacyId]);
        const unexplained = after.filter((d) => d.legacy_id === null || !rows.has(d.legacy_id) || !injection.explains(d, t));
        if (unexplained.length > 0) missed.push({ change: `${injection.what}: reported beside it`, legacyId: t.legacyId, unexplained: unexplained.slice(0, 10) });
        if (injection === DRIFT_INJECTIONS[input.target % DRIFT_INJECTIONS.length]) {
          // a sampled run reports a part of what the full run reports, nothing else
          const key = (d: DriftRow) => JSON.stringify([d.legacy_id, d.field, d.kind, d.habit_index, d.day]);
          const full = new Set(after.map(key));
          const extra = (await ctx.impl.observe.drift(ctx.client, sample)).filter((d) => !full.has(key(d)));
          if (extra.length > 0) missed.push({ change: `${injection.what}, sampled at ${input.permille} ‰ (salt ${input.salt})`, legacyId: t.legacyId, notInTheFullReport: extra.slice(0, 10) });
        }
      } finally {
        await ctx.client.query('ROLLBACK');
      }
    }
    if (missed.length > 0) {
      throw new PropertyFailure(`${missed.length} injected change(s) not reported at their row and field: ${missed.map((m) => (m as { change: string }).change).join('; ')}`, { missed });
    }
  },
};
