import fc from 'fast-check';
import type pg from 'pg';
import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import type { ReadRequest, WeekReaders } from '../../src/contract/read-path.ts';
import { NotProvidedError } from '../../src/contract/implementation.ts';
import { readWeekLegacy } from '../../src/contract/legacy-read.ts';
import { stableJson } from '../../src/contract/legacy-week.ts';
import { asUser, migrateWithHistory, setupPhase2 } from './support/phase-2-case.ts';
import { weekIdsOf, weeksOf } from '../support/week-ids.ts';

export const FAULTS = ['none', 'drift-status', 'drift-habit-name', 'drift-theme', 'sql-error', 'js-error'] as const;
export type Fault = (typeof FAULTS)[number];

export interface CompareCase {
  dataset: LegacyDataset;
  fault: Fault;
  /** Which migrated week (modulo their number), habit and day the fault hits. */
  target: number;
  habit: number;
  day: number;
  /** Inside the request's transaction (as the user, under RLS) or in autocommit. */
  inTransaction: boolean;
}

const COMPARE: ReadRequest['flags'] = { useNewSchema: true, newSchemaPercentage: 100, compare: true };
const DIVISION_BY_ZERO = '22012';

/**
 * Compare mode serves the control (legacy) whatever the candidate (new) does: on a drifted new
 * schema it records one value mismatch, on a candidate that fails — in SQL or in JS — one error
 * mismatch; the served value is the legacy read, and the rest of the request (its transaction)
 * still works. On equivalent data it records nothing. Killed by compare-candidate-no-savepoint.
 */
export const compareMode: PropertyDef<CompareCase> = {
  name: 'phase-2/compare-mode',
  tags: ['phase-2'],
  description: 'Compare mode always serves the legacy read, records exactly one mismatch when the new read differs or fails, and never breaks the rest of the request.',
  defaultRuns: 20,
  arbitrary: () =>
    fc.record(
      {
        dataset: legacyDatasetArbitrary({ mode: 'realistic', minRows: 1, maxRows: 6 }),
        fault: fc.oneof(
          { weight: 1, arbitrary: fc.constantFrom<Fault>('none', 'drift-status', 'drift-habit-name', 'drift-theme') },
          { weight: 2, arbitrary: fc.constantFrom<Fault>('sql-error', 'js-error') },
        ),
        target: fc.nat({ max: 100 }),
        habit: fc.nat({ max: 20 }),
        day: fc.nat({ max: 6 }),
        inTransaction: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      },
      { noNullPrototype: true },
    ),
  setup: setupPhase2,
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    if (!ctx.impl.observe.readMismatches) throw new NotProvidedError(ctx.impl.name, 'a compare-mode mismatch log (observe.readMismatches)');
    await migrateWithHistory(ctx, input.dataset, []);
    const weeks = (await weeksOf(ctx.client, await weekIdsOf(ctx.impl, ctx.client))).filter((w) => w.habits > 0);
    if (weeks.length === 0) return;
    const week = weeks[input.target % weeks.length]!;
    const key = { legacyId: week.legacyId };
    await injectDrift(ctx.client, input, week.id);
    const readers = faultyReaders(ctx.impl.reads.readers, input.fault);
    const problems: unknown[] = [];

    const request = async (c: pg.ClientBase) => {
      const control = await readWeekLegacy(c, key);
      const served = await ctx.impl.reads.week(c, key, { userId: week.userId, flags: COMPARE }, { readers });
      let after: string | undefined;
      try {
        await readers.legacy.list(c, week.userId); // the rest of the request
      } catch (err) {
        after = (err as Error).message;
      }
      return { control, served, after };
    };
    const { control, served, after } = input.inTransaction ? await asUser(ctx.client, week.userId, request) : await request(ctx.client);

    if (stableJson(served.value) !== stableJson(control) || served.source !== 'legacy') {
      problems.push({ problem: 'served value is not the legacy read', source: served.source, control, served: served.value });
    }
    if (after !== undefined) problems.push({ problem: 'the request broke after the candidate ran', error: after });
    const expectMismatch = input.fault !== 'none';
    if (expectMismatch !== (served.mismatch !== undefined)) {
      problems.push({ problem: expectMismatch ? 'mismatch not reported' : 'mismatch reported on equivalent data', mismatch: served.mismatch });
    }
    const logged = await ctx.impl.observe.readMismatches(ctx.client);
    const kind = input.fault === 'sql-error' || input.fault === 'js-error' ? 'error' : 'value';
    if (logged.length !== (expectMismatch ? 1 : 0)) {
      problems.push({ problem: 'mismatch log', expected: expectMismatch ? 1 : 0, logged });
    } else if (expectMismatch) {
      const row = logged[0]!;
      const user = input.inTransaction ? week.userId : null;
      if (row.kind !== kind || row.user_id !== user || stableJson(row.key) !== stableJson(key)) {
        problems.push({ problem: 'mismatch logged wrong', expected: { kind, user_id: user, key }, logged: row });
      }
      if (input.fault === 'sql-error' && row.error?.code !== DIVISION_BY_ZERO) problems.push({ problem: 'SQLSTATE not kept', logged: row });
    }
    if (problems.length > 0) {
      throw new PropertyFailure(`compare mode (${input.fault}, ${input.inTransaction ? 'in a transaction' : 'autocommit'}): ${problems.map((p) => (p as { problem: string }).problem).join('; ')}`, { problems });
    }
  },
};

/** The candidate side, made to fail in SQL (a statement error inside the request) or in JS. */
function faultyReaders(readers: WeekReaders, fault: Fault): WeekReaders {
  if (fault === 'sql-error') {
    return { ...readers, new: { ...readers.new, week: async (c) => { await c.query('SELECT 1 / 0'); return null; } } };
  }
  if (fault === 'js-error') {
    return { ...readers, new: { ...readers.new, week: async () => { throw new TypeError("Cannot read properties of undefined (reading 'times')"); } } };
  }
  return readers;
}

/** Changes the new schema under the target week (as the superuser) so the new read differs. */
async function injectDrift(client: pg.ClientBase, c: CompareCase, weekId: string): Promise<void> {
  const habit = `(SELECT id FROM public.habits WHERE week_id = $1 ORDER BY display_order, id OFFSET ($2::int % (SELECT count(*)::int FROM public.habits WHERE week_id = $1)) LIMIT 1)`;
  if (c.fault === 'drift-status') {
    await client.query(
      `UPDATE public.habit_records r SET status = CASE r.status WHEN 'green' THEN 'red' ELSE 'green' END
        FROM public.weeks w WHERE w.id = $1 AND r.habit_id = ${habit} AND r.record_date = w.week_start_date + $3::int`,
      [weekId, c.habit, c.day],
    );
  } else if (c.fault === 'drift-habit-name') {
    await client.query(`UPDATE public.habits SET name = name || ' (drift)' WHERE id = ${habit}`, [weekId, c.habit]);
  } else if (c.fault === 'drift-theme') {
    await client.query(`UPDATE public.weeks SET theme = coalesce(theme, '') || ' (drift)' WHERE id = $1`, [weekId]);
  }
}
