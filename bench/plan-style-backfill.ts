/**
 * The reference: the plan's Phase 0 backfill script (../shared/seed/MIGRATION_PLAN_v2.md, Step 2,
 * scripts/backfill.js) reproduced loop for loop with node-postgres instead of supabase-js — each
 * supabase call is one statement, i.e. one round trip:
 *
 *   backfillChildren      1 select of every legacy row; dedupe in memory; 1 upsert per 1000 children
 *   backfillWeeks         per page of 1000: 1 select; per row 1 child lookup; 1 multi-row insert
 *   backfillHabits        1 select of every week; per week 1 legacy lookup + 1 multi-row habits insert
 *   backfillHabitRecords  1 select of every habit; per habit 1 week lookup + 1 legacy lookup + 1 insert
 *
 * So ~3 + 3 × (habits per row) statements per legacy row. What is changed, and why (none of it
 * changes the number or kind of round trips):
 * - children are keyed by (user_id, name), not by name: the plan's key merges two families' children
 *   of the same name, after which its own weeks upsert breaks unique_child_week and the run stops.
 *   The upsert's conflict target is therefore (user_id, name) (children_user_name_key);
 * - the plan's `.eq('child_id', …)` on habit_tracker (a column it does not have; its comment says
 *   "actually joined by child_name") is the join children ⋈ habit_tracker on (user_id, name);
 * - its `Promise.all(batch.map(...))` lookups go one after another: a pg client runs one query at a
 *   time (supabase-js would send them concurrently over HTTP — more connections, same statement count);
 * - dates are computed with calendar arithmetic (addDaysIso), not JS milliseconds (the plan's
 *   time-zone bug is a defect of the catalogue, not a cost).
 * The plan's records are written for the days present in `times` only (its defect
 * records-only-for-present-times) — kept, it is the plan's loop.
 */
import type pg from 'pg';
import { addDaysIso } from '../src/migration/mapping-rules.ts';

export interface PlanStyleResult {
  roundTrips: number;
  ms: number;
  /** Per function of the plan's script. */
  steps: Array<{ name: string; roundTrips: number; ms: number }>;
  rows: number;
}

const BATCH_SIZE = 1000;
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

interface LegacyHabit {
  name?: unknown;
  times?: unknown;
}

export async function runPlanStyleBackfill(client: pg.ClientBase): Promise<PlanStyleResult> {
  let roundTrips = 0;
  const q = <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => {
    roundTrips++;
    return client.query<R>(sql, params);
  };
  const steps: PlanStyleResult['steps'] = [];
  const step = async (name: string, fn: () => Promise<void>) => {
    const before = roundTrips;
    const t = performance.now();
    await fn();
    steps.push({ name, roundTrips: roundTrips - before, ms: performance.now() - t });
  };
  const started = performance.now();
  let rows = 0;

  // The legacy lookup both habit functions do per week / per habit.
  const legacyHabits = async (childId: string, weekStart: string): Promise<LegacyHabit[] | null> => {
    const { rows: r } = await q<{ habits: unknown }>(
      `SELECT h.habits FROM public.habit_tracker h JOIN public.children c ON c.user_id = h.user_id AND c.name = h.child_name
        WHERE c.id = $1 AND h.week_start_date = $2 LIMIT 1`,
      [childId, weekStart],
    );
    const habits = r[0]?.habits;
    return Array.isArray(habits) ? (habits as LegacyHabit[]) : null;
  };

  await step('backfillChildren', async () => {
    const { rows: old } = await q<{ child_name: string; user_id: string | null; created_at: string }>(
      'SELECT child_name, user_id, created_at FROM public.habit_tracker ORDER BY id',
    );
    const unique = new Map<string, { user_id: string; name: string; created_at: string }>();
    for (const row of old) {
      const key = `${row.user_id}\u0000${row.child_name}`;
      if (!unique.has(key)) unique.set(key, { user_id: row.user_id ?? ZERO_UUID, name: row.child_name, created_at: row.created_at });
    }
    const all = [...unique.values()];
    for (let i = 0; i < all.length; i += BATCH_SIZE) {
      await q(
        `INSERT INTO public.children (user_id, name, created_at)
         SELECT c.user_id, c.name, c.created_at FROM jsonb_to_recordset($1::jsonb) AS c(user_id uuid, name text, created_at timestamptz)
         ON CONFLICT (user_id, name) DO NOTHING`,
        [JSON.stringify(all.slice(i, i + BATCH_SIZE))],
      );
    }
  });

  await step('backfillWeeks', async () => {
    let lastId = '0';
    for (;;) {
      const { rows: batch } = await q<{
        id: string; user_id: string | null; child_name: string; week_start_date: string; theme: string | null;
        reflection: unknown; reward: string | null; created_at: string;
      }>('SELECT * FROM public.habit_tracker WHERE id > $1 ORDER BY id LIMIT $2', [lastId, BATCH_SIZE]);
      if (batch.length === 0) break;
      const weeks = [];
      for (const row of batch) {
        const { rows: child } = await q<{ id: string }>('SELECT id FROM public.children WHERE user_id = $1 AND name = $2', [row.user_id ?? ZERO_UUID, row.child_name]);
        weeks.push({
          user_id: row.user_id ?? ZERO_UUID,
          child_id: child[0]?.id,
          week_start_date: row.week_start_date,
          week_end_date: addDaysIso(row.week_start_date, 6),
          theme: row.theme,
          reflection: row.reflection,
          reward: row.reward,
          created_at: row.created_at,
        });
      }
      await q(
        `INSERT INTO public.weeks (user_id, child_id, week_start_date, week_end_date, theme, reflection, reward, created_at)
         SELECT w.user_id, w.child_id, w.week_start_date, w.week_end_date, w.theme, w.reflection, w.reward, w.created_at
           FROM jsonb_to_recordset($1::jsonb) AS w(user_id uuid, child_id uuid, week_start_date date, week_end_date date, theme text,
                reflection jsonb, reward text, created_at timestamptz)`,
        [JSON.stringify(weeks)],
      );
      rows += batch.length;
      lastId = batch[batch.length - 1]!.id;
    }
  });

  await step('backfillHabits', async () => {
    const { rows: weeks } = await q<{ id: string; child_id: string; week_start_date: string }>(
      'SELECT id, child_id, week_start_date FROM public.weeks ORDER BY id',
    );
    for (const week of weeks) {
      const habits = await legacyHabits(week.child_id, week.week_start_date);
      if (!habits || habits.length === 0) continue;
      const values = habits.map((h, i) => {
        const name = String(h.name);
        return { week_id: week.id, name, time_period: /^([^)]+\))/.exec(name)?.[1] ?? null, display_order: i };
      });
      await q(
        `INSERT INTO public.habits (week_id, name, time_period, display_order)
         SELECT h.week_id, h.name, h.time_period, h.display_order
           FROM jsonb_to_recordset($1::jsonb) AS h(week_id uuid, name text, time_period text, display_order int)`,
        [JSON.stringify(values)],
      );
    }
  });

  await step('backfillHabitRecords', async () => {
    const { rows: habits } = await q<{ id: string; week_id: string; display_order: number }>(
      'SELECT id, week_id, display_order FROM public.habits ORDER BY id',
    );
    for (const habit of habits) {
      const { rows: w } = await q<{ week_start_date: string; child_id: string }>(
        'SELECT week_start_date, child_id FROM public.weeks WHERE id = $1',
        [habit.week_id],
      );
      const week = w[0]!;
      const old = await legacyHabits(week.child_id, week.week_start_date);
      const times = old?.[habit.display_order]?.times;
      if (!Array.isArray(times)) continue;
      const records = times.map((status: unknown, day: number) => ({
        habit_id: habit.id,
        record_date: addDaysIso(week.week_start_date, day),
        status: (status as string | null) || 'none',
      }));
      await q(
        `INSERT INTO public.habit_records (habit_id, record_date, status)
         SELECT r.habit_id, r.record_date, r.status FROM jsonb_to_recordset($1::jsonb) AS r(habit_id uuid, record_date date, status text)`,
        [JSON.stringify(records)],
      );
    }
  });

  return { roundTrips, ms: performance.now() - started, steps, rows };
}
