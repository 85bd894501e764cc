import fc from 'fast-check';
import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import type { LegacyRow } from '../../src/contract/legacy-row.ts';
import { addDaysIso, weekPeriodLabel } from '../../src/migration/mapping-rules.ts';
import { readLegacyRows } from '../../src/check/read-state.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { loadAndBackfill, setupPhase1 } from './support/phase-1-case.ts';
import { execute, intentArbitrary, readWorld, remember, resolve, type ClientState, type Intent } from './support/operations.ts';
import { beyondGroups, changedGroups, markXid, rowsOfGroups, rowsWrittenSince } from './support/write-locality.ts';
import { describeInconsistency, isConsistent, readConsistency } from './support/consistency.ts';

export interface WriteLocalityCase {
  dataset: LegacyDataset;
  /** One client's writes, one after the other: API calls and old clients' raw writes. */
  writes: Intent[];
}

/**
 * A write rewrites only the new-schema rows of the groups (owner, exact child name, week) it changed:
 * after each API call or raw legacy write, the rows of children, weeks, habits and habit_records
 * inserted or updated since it began (xmin) are no more than those groups hold, and the new schema is
 * still the legacy table's; an UPDATE that changes nothing rewrites nothing, and one that renumbers a
 * row takes its week along. A sync that re-derives every row, or an UPDATE that lost its WHERE, gives
 * correct data for the written week and fails here at once (killed by resync-every-row).
 */
/** Another family, whose child has the first row's child's name (same week). */
const NEIGHBOUR = '0f0f0f0f-0000-4000-8000-00000000f0b2';

/**
 * The dataset plus the rows a sync that reaches too far would touch, around its first row (of its
 * first family): a sibling the same week (twice: one quarantined as duplicate_week), the same child
 * the next week, another family's child of the same name the same week.
 */
function withNeighbours(d: LegacyDataset): LegacyDataset {
  const r = d.rows.find((x) => x.user_id !== null && d.users.some((u) => u.id === x.user_id));
  if (!r) return d;
  let id = Math.max(...d.rows.map((x) => x.id));
  const habits = [{ name: '양치하기', times: ['green', 'none', 'red', 'none', 'none', 'yellow', 'none'] }];
  const row = (over: Partial<LegacyRow>): LegacyRow => {
    const week = over.week_start_date ?? r.week_start_date;
    return { ...r, json_null_columns: [], habits, reflection: null, id: ++id, week_start_date: week, week_period: weekPeriodLabel(week), ...over };
  };
  const sibling = `${r.child_name}의 동생`;
  return {
    ...d,
    users: [...d.users, { id: NEIGHBOUR, email: 'neighbour@example.com' }],
    rows: [
      ...d.rows,
      row({ child_name: sibling }),
      row({ child_name: sibling, theme: '중복' }),
      row({ week_start_date: addDaysIso(r.week_start_date, 7) }),
      row({ user_id: NEIGHBOUR }),
    ],
  };
}

export const writeLocality: PropertyDef<WriteLocalityCase> = {
  name: 'phase-1/write-locality',
  tags: ['phase-1'],
  description: "Each dual write or old client's write rewrites only the new-schema rows of the weeks it changed (owner, child, week), and leaves the new schema the legacy table's.",
  defaultRuns: 15,
  arbitrary: () =>
    fc.record(
      {
        dataset: legacyDatasetArbitrary({ mode: 'mixed', minRows: 4, maxRows: 10 }),
        writes: fc.array(intentArbitrary, { minLength: 1, maxLength: 4 }),
      },
      { noNullPrototype: true },
    ),
  setup: (ctx) => setupPhase1(ctx),
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    const c = ctx.client;
    const dataset = withNeighbours(input.dataset);
    await loadAndBackfill(ctx, dataset, [NEIGHBOUR]);
    const world = await readWorld(c, [NEIGHBOUR]);
    const state: ClientState = { client: 0, created: [], templates: [], next: 0 };
    // the first write goes to the first row, whose neighbours are all there; then the case's writes
    const first: Intent = { op: 'legacyUpdate', target: 0, change: { theme: '이웃 확인' } };
    for (const [i, intent] of [first, ...input.writes].entries()) {
      const write = await resolve(intent, world, state, c);
      const before = await readLegacyRows(c);
      const mark = await markXid(c);
      const done = await execute(c, 0, write, ctx.impl);
      if (done.outcome === undefined) throw new PropertyFailure(`write ${i + 1} failed: ${done.error}`, { write });
      remember(state, done);
      const written = await rowsWrittenSince(c, mark);
      const groups = changedGroups(before, await readLegacyRows(c));
      const beyond = beyondGroups(written, await rowsOfGroups(c, ctx.impl, groups));
      if (beyond.length > 0) {
        throw new PropertyFailure(
          `write ${i + 1} rewrote new-schema rows beyond the weeks it changed (first: ${beyond[0]!.table}: ${beyond[0]!.written} rows written, its ${groups.size} group(s) hold ${beyond[0]!.inGroups})`,
          { write, outcome: done.outcome, beyond, groups: [...groups].map((g) => JSON.parse(g) as unknown) },
        );
      }
    }
    // An UPDATE that changes nothing rewrites nothing; one that renumbers a row moves its week along.
    const { rows: ids } = await c.query<{ id: string }>('SELECT id::text FROM public.habit_tracker ORDER BY id LIMIT 1');
    if (ids[0]) {
      const id = Number(ids[0].id);
      const mark = await markXid(c);
      await c.query('UPDATE public.habit_tracker SET theme = theme WHERE id = $1', [id]);
      const written = await rowsWrittenSince(c, mark);
      if (Object.values(written).some((n) => n > 0)) throw new PropertyFailure('an UPDATE that changed nothing rewrote new-schema rows', { legacyId: id, written });
      await c.query('UPDATE public.habit_tracker SET id = id + 1000000 WHERE id = $1', [id]);
    }
    const consistency = await readConsistency(c, ctx.impl);
    if (!isConsistent(consistency)) throw new PropertyFailure(`after the writes the new schema is not the legacy table's: ${describeInconsistency(consistency)}`, { ...consistency });
  },
};
