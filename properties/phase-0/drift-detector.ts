import fc from 'fast-check';
import type pg from 'pg';
import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { migrate, setupPhase0 } from '../support/phase-0-case.ts';
import { expectMigrated } from '../support/expect-migrated.ts';
import type { DriftRow } from '../../src/contract/observation.ts';
import { weekIdsOf, weeksOf } from '../support/week-ids.ts';

export const DRIFT_CHANGES = ['status', 'dropped-record', 'extra-habit', 'renamed-child', 'shifted-date', 'changed-reflection', 'deleted-week'] as const;
export type DriftChange = (typeof DRIFT_CHANGES)[number];

export interface DriftCase {
  dataset: LegacyDataset;
  change: DriftChange;
  /** Which migrated row (modulo their number), habit and day the change hits. */
  target: number;
  habit: number;
  day: number;
}

/**
 * Specificity: on consistent data the detector reports nothing. Sensitivity: after any one injected
 * change in the new schema it reports the changed row, at the right field (killed by drift-habits-only,
 * drift-count-and-sample).
 */
export const driftDetector: PropertyDef<DriftCase> = {
  name: 'phase-0/drift-detector',
  tags: ['phase-0'],
  description: 'The drift detector reports nothing on consistent data, and reports and locates any single injected change.',
  defaultRuns: 40,
  arbitrary: () =>
    fc.record({
      dataset: legacyDatasetArbitrary({ mode: 'realistic', minRows: 1, maxRows: 24 }),
      change: fc.constantFrom(...DRIFT_CHANGES),
      target: fc.nat({ max: 1000 }),
      habit: fc.nat({ max: 100 }),
      day: fc.nat({ max: 6 }),
    }),
  setup: setupPhase0,
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    const { expected: outcomes, view } = await migrate(ctx, input.dataset);
    const before = await ctx.impl.observe.drift(ctx.client);
    if (before.length > 0) throw new PropertyFailure(`drift reported on consistent data: ${before.length} row(s)`, { drift: before });
    expectMigrated(outcomes, view, 'after the backfill'); // else no change could be injected
    const expected = await inject(ctx.client, input, await weekIdsOf(ctx.impl, ctx.client));
    if (!expected) return; // nothing this change can hit (no migrated week, or a week without habits)
    const after = await ctx.impl.observe.drift(ctx.client);
    const located = after.some((d) => d.legacy_id === expected.legacyId && expected.matches(d));
    if (!located) {
      throw new PropertyFailure(`injected change ${input.change} on legacy row ${expected.legacyId} was not reported (${expected.what})`, {
        change: input.change,
        legacyId: expected.legacyId,
        expected: expected.what,
        reported: after,
      });
    }
  },
};

interface Expectation {
  legacyId: number;
  what: string;
  matches(d: DriftRow): boolean;
}

/** Applies one change to the new schema (to the week of a legacy row) and says which drift row must show it. */
async function inject(client: pg.ClientBase, c: DriftCase, weekIds: ReadonlyMap<number, string>): Promise<Expectation | undefined> {
  const weeks = await weeksOf(client, weekIds);
  const needsHabit = c.change === 'status' || c.change === 'dropped-record';
  const candidates = needsHabit ? weeks.filter((w) => w.habits > 0) : weeks;
  if (candidates.length === 0) return undefined;
  const w = candidates[c.target % candidates.length]!;
  const legacyId = w.legacyId;
  const habitIdx = needsHabit ? c.habit % w.habits : 0;
  const habitSql = `(SELECT id FROM public.habits WHERE week_id = '${w.id}' ORDER BY display_order, id OFFSET ${habitIdx} LIMIT 1)`;
  const dayField = `habits[${habitIdx}].times[${c.day}]`;
  switch (c.change) {
    case 'status':
      await client.query(
        `UPDATE public.habit_records r SET status = CASE r.status WHEN 'green' THEN 'red' ELSE 'green' END
          FROM public.weeks w WHERE w.id = $1 AND r.habit_id = ${habitSql} AND r.record_date = w.week_start_date + $2::int`,
        [w.id, c.day],
      );
      return { legacyId, what: `a status at ${dayField}`, matches: (d) => d.field === dayField };
    case 'dropped-record':
      await client.query(
        `DELETE FROM public.habit_records r USING public.weeks w
          WHERE w.id = $1 AND r.habit_id = ${habitSql} AND r.record_date = w.week_start_date + $2::int`,
        [w.id, c.day],
      );
      return { legacyId, what: `a missing record at ${dayField}`, matches: (d) => d.field === dayField };
    case 'extra-habit': {
      await client.query(
        `INSERT INTO public.habits (week_id, name, display_order) VALUES ($1, 'drift', $2)`,
        [w.id, w.habits],
      );
      return { legacyId, what: `an extra habit at index ${w.habits}`, matches: (d) => d.kind === 'extra_habit' && d.habit_index === w.habits };
    }
    case 'renamed-child':
      await client.query(`UPDATE public.children SET name = name || ' (drift)' WHERE id = $1`, [w.childId]);
      return { legacyId, what: 'child_name', matches: (d) => d.field === 'child_name' };
    case 'shifted-date':
      // Move the week (and its records with it) by 7 days: the week still looks internally consistent.
      await client.query(
        `UPDATE public.habit_records r SET record_date = record_date + 7 FROM public.habits h WHERE h.id = r.habit_id AND h.week_id = $1;
         UPDATE public.weeks SET week_start_date = week_start_date + 7, week_end_date = week_end_date + 7 WHERE id = $1`.replace(/\$1/g, `'${w.id}'`),
      ).catch(async () => {
        // (the next week of that child exists: move it by a year instead)
        await client.query(
          `UPDATE public.weeks SET week_start_date = week_start_date + 364, week_end_date = week_end_date + 364 WHERE id = $1`,
          [w.id],
        );
      });
      return { legacyId, what: 'week_start_date', matches: (d) => d.field === 'week_start_date' };
    case 'changed-reflection':
      await client.query(
        `UPDATE public.weeks SET reflection = CASE WHEN reflection = '{"drift": true}'::jsonb THEN '{}'::jsonb ELSE '{"drift": true}'::jsonb END WHERE id = $1`,
        [w.id],
      );
      return { legacyId, what: 'reflection', matches: (d) => d.field === 'reflection' };
    case 'deleted-week':
      await client.query('DELETE FROM public.weeks WHERE id = $1', [w.id]);
      return { legacyId, what: 'the whole row', matches: (d) => d.kind === 'missing_in_new' };
  }
}
