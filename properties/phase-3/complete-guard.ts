import fc from 'fast-check';
import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { readLegacyRows } from '../../src/check/read-state.ts';
import { catalogDiff, catalogFingerprint } from '../../src/check/catalog-fingerprint.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { migratedDataset, resetBefore3, setupBefore3 } from '../rollback/support/phase-stack.ts';
import { GRACE_DAYS, READ_ONLY_SQLSTATE, legacyTableName, readLegacyTable } from './support/legacy-table.ts';
import { tryLegacyWrites } from './support/refused-writes.ts';

export interface CompleteCase {
  dataset: LegacyDataset;
  /** Days since the read-only week began when complete is called. */
  days: number;
  force: boolean;
  renamed: boolean;
  /** Something the migration does not know still depends on the legacy table. */
  dependent: 'none' | 'view' | 'function';
}

const DEPENDENTS = {
  view: `CREATE VIEW public.weekly_report AS SELECT child_name, count(*) AS weeks FROM public.habit_tracker GROUP BY child_name`,
  function: `CREATE FUNCTION public.report_line(h public.habit_tracker) RETURNS text LANGUAGE sql AS $$ SELECT h.child_name || ': ' || h.week_start_date $$`,
};
const DEPENDENT_NAME = { view: 'public.weekly_report', function: 'public.report_line' };

/**
 * complete (the drop) happens exactly when it may: after the grace period since the read-only week
 * began (or when forced), and only when nothing unknown depends on the legacy table. When it refuses,
 * it refuses whole: the legacy table is there with all its rows, still read-only, the dependent
 * intact, and Phase 3 can still be rolled back. Killed by drop-without-grace and drop-cascade.
 */
export const completeGuard: PropertyDef<CompleteCase> = {
  name: 'phase-3/complete-guard',
  tags: ['phase-3'],
  description: 'The legacy table is dropped only after the grace period (or when forced) and never with an unknown dependent; a refused drop leaves everything as it was.',
  defaultRuns: 20,
  arbitrary: () =>
    fc.record({
      dataset: legacyDatasetArbitrary({ mode: 'realistic', minRows: 1, maxRows: 4 }),
      days: fc.oneof(fc.integer({ min: 0, max: GRACE_DAYS - 1 }), fc.integer({ min: GRACE_DAYS, max: 30 })),
      force: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      renamed: fc.boolean(),
      dependent: fc.oneof({ weight: 2, arbitrary: fc.constant('none' as const) }, fc.constant('view' as const), fc.constant('function' as const)),
    }),
  setup: setupBefore3,
  async reset(ctx) {
    await ctx.client.query('DROP VIEW IF EXISTS public.weekly_report; DROP FUNCTION IF EXISTS public.report_line');
    await resetBefore3(ctx);
  },
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    const c = ctx.client;
    await migratedDataset(ctx, input.dataset);
    if (input.dependent !== 'none') await c.query(DEPENDENTS[input.dependent]);
    const before = await readLegacyRows(c);
    const catalogBefore = await catalogFingerprint(c);
    await ctx.impl.phases['phase-3'].apply(c);
    await ctx.impl.phases['phase-3'].apply(c); // a retried deploy: what the first apply saved to undo stays
    if (input.renamed) await ctx.impl.phases['phase-3'].rename(c);
    // `days` after the read-only week began: the grace period left is what it lacks of the plan's 14
    const graceDays = Math.max(0, GRACE_DAYS - input.days);

    const allowed = (input.days >= GRACE_DAYS || input.force) && input.dependent === 'none';
    let refusal: Error | undefined;
    try {
      await ctx.impl.phases['phase-3'].complete(c, { force: input.force, graceDays });
    } catch (err) {
      refusal = err as Error;
    }
    const table = await legacyTableName(c);
    // By name (to_regproc), not signature: to_regprocedure('f(habit_tracker_old)') raises 42704 on
    // PostgreSQL 15 when that type does not exist (16+ return NULL), and only one report_line exists.
    const dependentLeft = input.dependent === 'none' || (await c.query('SELECT to_regclass($1) IS NOT NULL OR to_regproc($1) IS NOT NULL AS present', [DEPENDENT_NAME[input.dependent]])).rows[0]?.present === true;
    const situation = `${input.days} day(s) after the read-only week began${input.force ? ', forced' : ''}${input.dependent === 'none' ? '' : `, with a ${input.dependent} depending on the legacy table`}`;

    if (allowed) {
      if (refusal) throw new PropertyFailure(`complete refused ${situation}: ${refusal.message}`);
      if (table) throw new PropertyFailure(`complete returned ${situation}, but public.${table} is still there`);
      return;
    }
    if (!refusal || !table) {
      throw new PropertyFailure(`complete dropped the legacy table ${situation}${dependentLeft ? '' : ` — and the ${input.dependent} with it`}`, { dependentLeft });
    }
    if (!dependentLeft) throw new PropertyFailure(`a refused complete (${situation}) dropped the ${input.dependent}`);
    const rows = await readLegacyTable(c, table);
    if (JSON.stringify(rows) !== JSON.stringify(before)) throw new PropertyFailure(`a refused complete (${situation}) changed the legacy rows`, { before, after: rows });
    const attempts = (await tryLegacyWrites(c, table)).filter((a) => a.as === 'postgres');
    if (attempts.some((a) => a.error?.code !== READ_ONLY_SQLSTATE)) throw new PropertyFailure(`after a refused complete (${situation}), the legacy table is not read-only`, { attempts });
    await ctx.impl.phases['phase-3'].rollback(c);
    if ((await legacyTableName(c)) !== 'habit_tracker') throw new PropertyFailure(`after a refused complete (${situation}), the rollback did not bring public.habit_tracker back`);
    const catalog = catalogDiff(catalogBefore, await catalogFingerprint(c));
    if (catalog.length > 0) throw new PropertyFailure(`after a refused complete (${situation}) and the rollback, the catalog is not as before Phase 3 (applied twice)`, { catalog: catalog.slice(0, 20) });
  },
};
