/**
 * Generated histories of writes as the legacy app makes them: whole-row updates of habit_tracker
 * (a status tapped, a habit renamed, added or removed, theme/reflection/reward edited), new weeks,
 * deleted weeks. Ops point at rows by index (modulo the rows present when they run), so any shrunk
 * history still applies.
 */
import fc from 'fast-check';
import type pg from 'pg';
import type { Status } from '../../../src/generate/dataset.ts';
import { statusArbitrary, habitArbitrary, type HabitSpec } from '../../../src/generate/dataset-spec.ts';
import { reflectionArbitrary, rewardArbitrary, themeArbitrary } from '../../../src/generate/faker-arbitrary.ts';
import { HABIT_ACTIVITIES, HABIT_PREFIXES, habitName } from '../../../src/generate/vocabulary.ts';
import { addDaysIso, weekPeriodLabel } from '../../../src/migration/mapping-rules.ts';
import { withClaims } from '../../../src/db/as-user.ts';

export type LegacyWrite =
  | { op: 'set-status'; row: number; habit: number; day: number; status: Status | null }
  | { op: 'rename-habit'; row: number; habit: number; name: string }
  | { op: 'add-habit'; row: number; habit: HabitSpec }
  | { op: 'remove-habit'; row: number; habit: number }
  | { op: 'set-theme'; row: number; theme: string | null }
  | { op: 'set-reflection'; row: number; reflection: Record<string, string> | null }
  | { op: 'set-reward'; row: number; reward: string | null }
  | { op: 'insert-week'; row: number; weeksAhead: number; habits: HabitSpec[] }
  | { op: 'delete-week'; row: number };

const opts = { noNullPrototype: true } as const;
const row = fc.nat({ max: 63 });
const index = fc.nat({ max: 15 });
const name = fc.tuple(fc.constantFrom(...HABIT_PREFIXES), fc.constantFrom(...HABIT_ACTIVITIES)).map(([p, a]) => habitName(p, a));

export function legacyWriteArbitrary(): fc.Arbitrary<LegacyWrite> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('set-status' as const), row, habit: index, day: fc.nat({ max: 6 }), status: statusArbitrary() }, opts) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('rename-habit' as const), row, habit: index, name }, opts) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('add-habit' as const), row, habit: habitArbitrary() }, opts) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('remove-habit' as const), row, habit: index }, opts) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('set-theme' as const), row, theme: fc.option(themeArbitrary(), { nil: null }) }, opts) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('set-reflection' as const), row, reflection: fc.option(reflectionArbitrary(), { nil: null }) }, opts) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('set-reward' as const), row, reward: fc.option(rewardArbitrary(), { nil: null }) }, opts) },
    {
      weight: 2,
      arbitrary: fc.record(
        { op: fc.constant('insert-week' as const), row, weeksAhead: fc.integer({ min: 1, max: 3 }), habits: fc.array(habitArbitrary(), { minLength: 1, maxLength: 4 }) },
        opts,
      ),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('delete-week' as const), row }, opts) },
  );
}

interface Row {
  id: string;
  user_id: string | null;
  child_name: string;
  week_start_date: string;
  habits: unknown;
  created_at: string;
  updated_at: string;
}

/**
 * Applies the writes to habit_tracker as the legacy app would: read the row, change it in the app,
 * write the whole column back, bump updated_at (deterministically: +1 minute). asOwner: each write
 * runs as the row's owner (authenticated, under RLS), as the browser app's Supabase client sends it.
 * Writes that find nothing to change (no rows, no habits) are skipped. Returns how many were applied.
 */
export async function applyLegacyWrites(client: pg.ClientBase, writes: readonly LegacyWrite[], opts: { asOwner?: boolean } = {}): Promise<number> {
  let applied = 0;
  for (const w of writes) {
    const { rows } = await client.query<Row>(
      `SELECT id::text, user_id::text, child_name, to_char(week_start_date, 'YYYY-MM-DD') AS week_start_date, habits,
              created_at::text, updated_at::text
         FROM public.habit_tracker ORDER BY id`,
    );
    if (rows.length === 0) continue;
    const r = rows[w.row % rows.length]!;
    // the legacy app writes as the signed-in parent who owns the row (a row without owner: as the server)
    const ok = opts.asOwner && r.user_id !== null
      ? await withClaims(client, { sub: r.user_id, role: 'authenticated' }, 'authenticated', (c) => applyOne(c, w, r))
      : await applyOne(client, w, r);
    if (ok) applied++;
  }
  return applied;
}

async function applyOne(client: pg.ClientBase, w: LegacyWrite, r: Row): Promise<boolean> {
  const habits = Array.isArray(r.habits) ? (structuredClone(r.habits) as Array<Record<string, unknown>>) : null;
  const setHabits = async (h: unknown[]) => {
    await client.query(`UPDATE public.habit_tracker SET habits = $2::jsonb, updated_at = updated_at + interval '1 minute' WHERE id = $1`, [r.id, JSON.stringify(h)]);
    return true;
  };
  const setColumn = async (col: 'theme' | 'reward' | 'reflection', v: unknown) => {
    const value = col === 'reflection' && v !== null ? JSON.stringify(v) : v;
    await client.query(`UPDATE public.habit_tracker SET ${col} = $2, updated_at = updated_at + interval '1 minute' WHERE id = $1`, [r.id, value]);
    return true;
  };
  switch (w.op) {
    case 'set-status': {
      const h = habits?.[w.habit % Math.max(1, habits.length)];
      if (!h || typeof h !== 'object') return false;
      const times = Array.isArray(h.times) ? [...(h.times as unknown[])] : [];
      while (times.length < 7) times.push(null);
      times[w.day] = w.status;
      h.times = times;
      return setHabits(habits!);
    }
    case 'rename-habit': {
      const h = habits?.[w.habit % Math.max(1, habits.length)];
      if (!h || typeof h !== 'object') return false;
      h.name = w.name;
      return setHabits(habits!);
    }
    case 'add-habit':
      return setHabits([...(habits ?? []), { name: w.habit.name, times: w.habit.times }]);
    case 'remove-habit':
      if (!habits || habits.length === 0) return false;
      habits.splice(w.habit % habits.length, 1);
      return setHabits(habits);
    case 'set-theme':
      return setColumn('theme', w.theme);
    case 'set-reward':
      return setColumn('reward', w.reward);
    case 'set-reflection':
      return setColumn('reflection', w.reflection);
    case 'delete-week':
      await client.query('DELETE FROM public.habit_tracker WHERE id = $1', [r.id]);
      return true;
    case 'insert-week': {
      // the child's next free Monday(s): never a duplicate of an existing week
      const { rows } = await client.query<{ last: string }>(
        `SELECT to_char(max(week_start_date), 'YYYY-MM-DD') AS last FROM public.habit_tracker
          WHERE user_id IS NOT DISTINCT FROM $1::uuid AND child_name = $2`,
        [r.user_id, r.child_name],
      );
      const start = addDaysIso(rows[0]!.last, 7 * w.weeksAhead);
      await client.query(
        `INSERT INTO public.habit_tracker (user_id, child_name, week_period, week_start_date, theme, habits, reflection, reward, created_at, updated_at)
         VALUES ($1, $2, $3, $4, NULL, $5::jsonb, '{}'::jsonb, NULL, $6::timestamptz + interval '7 days', $6::timestamptz + interval '7 days')`,
        [r.user_id, r.child_name, weekPeriodLabel(start), start, JSON.stringify(w.habits.map((h) => ({ name: h.name, times: h.times }))), r.created_at],
      );
      return true;
    }
  }
}
