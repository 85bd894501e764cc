/**
 * The generated structure of a dataset, before it becomes rows: families with children, and a flat
 * list of row specs that point into them by index. Rows are an array so fast-check's shrinking removes
 * them one by one; everything derived (ids, weeks, users) is computed afterwards by `buildDataset`.
 */
import fc from 'fast-check';
import type { Injection } from './anomaly/define.ts';
import { valuesOnly } from './draw-only.ts';
import { nearDuplicateKey } from './anomaly/inspect.ts';
import type { Status } from './dataset.ts';
import { koreanChildNameArbitrary, reflectionArbitrary, rewardArbitrary, themeArbitrary } from './faker-arbitrary.ts';
import { DAY_MS } from './utc-timestamp.ts';
import { HABIT_ACTIVITIES, HABIT_PREFIXES, habitName } from './vocabulary.ts';

export interface ChildSpec {
  name: string;
  /** Week of the child's first row, counted from Monday 2024-01-01. */
  startWeek: number;
}

export interface FamilySpec {
  userId: string;
  children: ChildSpec[];
}

export interface HabitSpec {
  name: string;
  times: (Status | null)[];
}

export interface RowSpec {
  /** Index into the families (mod their number): shrinking families keeps every row valid. */
  family: number;
  /** Index into the family's children (mod their number). */
  child: number;
  habits: HabitSpec[];
  theme: string | null;
  reward: string | null;
  reflection: Record<string, string>;
  /** created_at = week start 00:00Z + createdMs; updated_at = created_at + updatedMs. */
  createdMs: number;
  updatedMs: number;
  /** Ids skipped before this row (ids ascend, with occasional gaps). */
  idGap: number;
  injections: Injection[];
}

export interface DatasetSpec {
  families: FamilySpec[];
  rows: RowSpec[];
}

/** Statuses as the app stores them: mostly set, some none, a few null; shrinks toward green. */
export function statusArbitrary(): fc.Arbitrary<Status | null> {
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 5, arbitrary: fc.constant<Status | null>('green') },
    { weight: 2, arbitrary: fc.constant<Status | null>('yellow') },
    { weight: 1, arbitrary: fc.constant<Status | null>('red') },
    { weight: 2, arbitrary: fc.constant<Status | null>('none') },
    { weight: 1, arbitrary: fc.constant<Status | null>(null) },
  );
}

export function habitArbitrary(): fc.Arbitrary<HabitSpec> {
  return fc
    .tuple(
      fc.constantFrom(...HABIT_PREFIXES),
      fc.constantFrom(...HABIT_ACTIVITIES),
      fc.array(statusArbitrary(), { minLength: 7, maxLength: 7 }),
    )
    .map(([prefix, activity, times]) => ({ name: habitName(prefix, activity), times }));
}

/** `shrinkable: false`: the same draws, each family kept as its bare value (no shrink context). */
export function familiesArbitrary(maxFamilies: number, { shrinkable = true }: { shrinkable?: boolean } = {}): fc.Arbitrary<FamilySpec[]> {
  const child = fc
    .tuple(koreanChildNameArbitrary(), fc.integer({ min: 0, max: 156 }))
    .map(([name, startWeek]) => ({ name, startWeek }));
  // Children of one family never share a near-duplicate key: realistic data has no near duplicates.
  const children = fc.uniqueArray(child, { minLength: 1, maxLength: 3, size: 'max', selector: (c) => nearDuplicateKey(c.name) });
  const family = fc.tuple(fc.uuid({ version: 4 }), children).map(([userId, kids]) => ({ userId, children: kids }));
  return fc.uniqueArray(shrinkable ? family : valuesOnly(family), { minLength: 1, maxLength: maxFamilies, size: 'max', selector: (f) => f.userId });
}

export function rowSpecArbitrary(maxFamilies: number, injections: fc.Arbitrary<Injection[]>): fc.Arbitrary<RowSpec> {
  return fc.record(
    {
      family: fc.nat({ max: maxFamilies - 1 }),
      child: fc.nat({ max: 2 }),
      habits: fc.uniqueArray(habitArbitrary(), { minLength: 1, maxLength: 8, size: 'max', selector: (h) => h.name }),
      theme: fc.option(themeArbitrary(), { nil: null, freq: 5 }),
      reward: fc.option(rewardArbitrary(), { nil: null, freq: 4 }),
      reflection: reflectionArbitrary(),
      createdMs: fc.integer({ min: 0, max: 3 * DAY_MS - 1 }),
      updatedMs: fc.integer({ min: 0, max: 7 * DAY_MS - 1 }),
      idGap: fc.oneof(
        { withCrossShrink: true },
        { weight: 9, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) },
      ),
      injections,
    },
    { noNullPrototype: true },
  );
}
