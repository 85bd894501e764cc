/**
 * Changes the drift detector must see, one per compared field and column class: each scalar column of
 * the legacy shape (to another value and, for nullable text, to or from NULL), a habit's name, a status
 * on each weekday, a record's date, a record, a habit or a whole week gone, a habit too many. Each is
 * applied to the new schema alone, inside a transaction the caller rolls back.
 */
import type pg from 'pg';
import type { DriftRow } from '../../src/contract/observation.ts';

/** The migrated week a case aims at (and the habit, day within it). */
export interface DriftTarget {
  weekId: string;
  legacyId: number;
  childId: string;
  /** Habits of the week; the habit index is taken modulo this (habit changes need at least one). */
  habits: number;
  habit: number;
  day: number;
}

export interface DriftInjection {
  /** What was changed, for the failure message: `theme → NULL`, `habits[1].times[3]`… */
  what: string;
  needsHabit: boolean;
  apply(db: pg.ClientBase, t: DriftTarget): Promise<void>;
  /** Whether a drift row locates the change (its legacy row is checked by the caller). */
  locates(d: DriftRow, t: DriftTarget): boolean;
  /**
   * Whether a drift row is a consequence of the change (a report holds nothing else): of the target's
   * legacy row — or, when `wholeChild`, of any week of its child — and of a field the change touched.
   */
  explains(d: DriftRow, t: DriftTarget): boolean;
  /** The change is to the child: every week of it differs. */
  wholeChild?: boolean;
}

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;
/** An account no generated dataset has: a week moved to it changes user_id. */
const OTHER_OWNER = 'd71f0000-0000-4000-8000-00000000d71f';
const habitSql = (t: DriftTarget) => `(SELECT id FROM public.habits WHERE week_id = '${t.weekId}' ORDER BY display_order, id OFFSET ${t.habit % t.habits} LIMIT 1)`;
const field = (name: string) => (d: DriftRow) => d.field === name;
const dayField = (t: DriftTarget, day: number) => `habits[${t.habit % t.habits}].times[${day}]`;

/** A week column: set to `to` (SQL over the column's old value). */
function weekColumn(column: string, what: string, to: string): DriftInjection {
  return {
    what,
    needsHabit: false,
    apply: async (db, t) => void (await db.query(`UPDATE public.weeks SET ${column} = ${to} WHERE id = $1`, [t.weekId])),
    locates: field(column),
    explains: field(column),
  };
}

/** A nullable text column of weeks: changed in value (NULL becomes a value), or set to NULL (a value becomes NULL). */
function textColumn(column: string): DriftInjection[] {
  return [
    weekColumn(column, `${column} changed`, `CASE WHEN ${column} IS NULL THEN 'drift' ELSE ${column} || '·' END`),
    weekColumn(column, `${column} → NULL (or from NULL)`, `CASE WHEN ${column} IS NULL THEN '' ELSE NULL END`),
  ];
}

/**
 * theme changed on a week that has no habits (both sides emptied first, consistently): a row's hash
 * must not go blank when its set of habits is empty.
 */
const themeOfAWeekWithoutHabits: DriftInjection = {
  what: 'theme changed on a week without habits',
  needsHabit: false,
  async apply(db, t) {
    await db.query(`UPDATE public.habit_tracker SET habits = '[]'::jsonb WHERE id = $1`, [t.legacyId]);
    await db.query(`DELETE FROM public.habit_records WHERE habit_id IN (SELECT id FROM public.habits WHERE week_id = $1)`, [t.weekId]);
    await db.query(`DELETE FROM public.habits WHERE week_id = $1`, [t.weekId]);
    await db.query(`UPDATE public.weeks SET theme = CASE WHEN theme IS NULL THEN 'drift' ELSE theme || '·' END WHERE id = $1`, [t.weekId]);
  },
  locates: field('theme'),
  explains: field('theme'),
};

export const DRIFT_INJECTIONS: readonly DriftInjection[] = [
  themeOfAWeekWithoutHabits,
  {
    what: 'user_id (the child moved to another account)',
    needsHabit: false,
    async apply(db, t) {
      await db.query(`INSERT INTO auth.users (id, email) VALUES ($1, 'drift@example.com') ON CONFLICT DO NOTHING`, [OTHER_OWNER]);
      await db.query(`UPDATE public.children SET user_id = $1 WHERE id = $2`, [OTHER_OWNER, t.childId]);
    },
    locates: field('user_id'),
    explains: field('user_id'),
    wholeChild: true,
  },
  {
    what: 'child_name',
    needsHabit: false,
    // at most 100 characters (check_name_length): a long name gives up its tail for the mark
    apply: async (db, t) => void (await db.query(`UPDATE public.children SET name = left(name, 92) || ' (drift)' WHERE id = $1`, [t.childId])),
    locates: field('child_name'),
    explains: field('child_name'),
    wholeChild: true,
  },
  {
    what: 'week_start_date (the week and its records moved to a free Monday)',
    needsHabit: false,
    async apply(db, t) {
      // the nearest later Monday the child has no week on: the week still looks consistent in itself
      await db.query(
        `WITH k AS (SELECT min(k.n) * 7 AS days FROM public.weeks w, generate_series(1, 1000) AS k(n)
                     WHERE w.id = $1 AND NOT EXISTS (SELECT 1 FROM public.weeks o WHERE o.child_id = w.child_id AND o.week_start_date = w.week_start_date + k.n * 7))
         , r AS (UPDATE public.habit_records r SET record_date = r.record_date + k.days FROM k, public.habits h WHERE h.id = r.habit_id AND h.week_id = $1)
         UPDATE public.weeks SET week_start_date = week_start_date + k.days, week_end_date = week_end_date + k.days FROM k WHERE id = $1`,
        [t.weekId],
      );
    },
    locates: field('week_start_date'),
    // the records moved with it: on their days of the new week they read as before
    explains: field('week_start_date'),
  },
  ...textColumn('theme'),
  ...textColumn('reward'),
  weekColumn('reflection', 'reflection', `CASE WHEN reflection = '{"drift": true}'::jsonb THEN '{}'::jsonb ELSE '{"drift": true}'::jsonb END`),
  weekColumn('created_at', 'created_at (+1 µs)', `created_at + interval '1 microsecond'`),
  weekColumn('updated_at', 'updated_at (+1 µs)', `updated_at + interval '1 microsecond'`),
  {
    what: 'a habit name',
    needsHabit: true,
    apply: async (db, t) => void (await db.query(`UPDATE public.habits SET name = name || '·' WHERE id = ${habitSql(t)}`)),
    locates: (d, t) => d.field === `habits[${t.habit % t.habits}].name`,
    explains: (d, t) => d.field === `habits[${t.habit % t.habits}].name`,
  },
  ...WEEKDAYS.map(
    (day): DriftInjection => ({
      what: `a status on weekday ${day}`,
      needsHabit: true,
      apply: async (db, t) =>
        void (await db.query(
          `UPDATE public.habit_records r SET status = CASE r.status WHEN 'green' THEN 'red' ELSE 'green' END
            FROM public.weeks w WHERE w.id = $1 AND r.habit_id = ${habitSql(t)} AND r.record_date = w.week_start_date + $2::int`,
          [t.weekId, day],
        )),
      locates: (d, t) => d.field === dayField(t, day),
      explains: (d, t) => d.field === dayField(t, day),
    }),
  ),
  {
    what: 'a record date (moved out of its week)',
    needsHabit: true,
    apply: async (db, t) =>
      void (await db.query(
        `UPDATE public.habit_records r SET record_date = r.record_date + 7
          FROM public.weeks w WHERE w.id = $1 AND r.habit_id = ${habitSql(t)} AND r.record_date = w.week_start_date + $2::int`,
        [t.weekId, t.day],
      )),
    locates: (d, t) => d.field === dayField(t, t.day) || (d.kind === 'record_outside_week' && d.habit_index === t.habit % t.habits),
    explains: (d, t) => d.field === dayField(t, t.day) || (d.kind === 'record_outside_week' && d.habit_index === t.habit % t.habits && d.day === t.day + 7),
  },
  {
    what: 'a record deleted',
    needsHabit: true,
    apply: async (db, t) =>
      void (await db.query(
        `DELETE FROM public.habit_records r USING public.weeks w WHERE w.id = $1 AND r.habit_id = ${habitSql(t)} AND r.record_date = w.week_start_date + $2::int`,
        [t.weekId, t.day],
      )),
    locates: (d, t) => d.field === dayField(t, t.day),
    explains: (d, t) => d.field === dayField(t, t.day),
  },
  {
    what: 'a habit deleted',
    needsHabit: true,
    apply: async (db, t) => void (await db.query(`DELETE FROM public.habits WHERE id = ${habitSql(t)}`)),
    // the habits after it move up one place: the last index goes missing, and the deleted one differs
    locates: (d, t) => d.kind === 'missing_habit' || d.field === `habits[${t.habit % t.habits}].name`,
    // …and every habit from the deleted one on differs in name or statuses
    explains: (d, t) => d.habit_index !== null && d.habit_index >= t.habit % t.habits && d.habit_index < t.habits && /^habits\[\d+\]\.(name|times\[\d\])$/.test(d.field),
  },
  {
    what: 'a habit added',
    needsHabit: false,
    apply: async (db, t) => void (await db.query(`INSERT INTO public.habits (week_id, name, display_order) VALUES ($1, 'drift', $2)`, [t.weekId, t.habits])),
    locates: (d, t) => d.kind === 'extra_habit' && d.habit_index === t.habits,
    explains: (d, t) => d.kind === 'extra_habit' && d.habit_index === t.habits,
  },
  {
    what: 'the week deleted',
    needsHabit: false,
    apply: async (db, t) => void (await db.query('DELETE FROM public.weeks WHERE id = $1', [t.weekId])),
    locates: (d) => d.kind === 'missing_in_new',
    explains: (d) => d.kind === 'missing_in_new' && d.field === 'row',
  },
];
