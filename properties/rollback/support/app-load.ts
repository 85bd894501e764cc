/**
 * The app under load, as the zero-downtime properties run it: every write picks its path the way the
 * app does — the new schema once Phase 3 has switched (the retirement flag, read FOR SHARE in the
 * write's own transaction), else Phase 1's dual-write API while the app is deployed to use it, else a
 * plain legacy write — and opens and commits its own transaction.
 */
import type pg from 'pg';
import type { WriteContext, WriteFn } from '../../../src/check/write-load.ts';
import type { MigrationImplementation } from '../../../src/contract/implementation.ts';
import { addDaysIso, isoWeekday } from '../../../src/migration/mapping-rules.ts';
import { weekIdsOf, weeksOf } from '../../support/week-ids.ts';

export type AppMode = 'legacy' | 'api';

interface Target {
  legacyId: number;
  /** Its week in the new schema (absent before Phase 0). */
  weekId?: string;
  userId: string;
  childId: string;
  childName: string;
}

const STATUSES = ['green', 'yellow', 'red', 'none'] as const;

/** A Monday beyond any generated week: weeks the load creates never collide with the dataset's. */
const FIRST_MONDAY = (() => {
  let d = '2300-01-01';
  while (isoWeekday(d) !== 1) d = addDaysIso(d, 1);
  return d;
})();

export class AppLoad {
  /** Which legacy path the app is deployed with (the scenario flips it, like a deploy or a flag). */
  mode: AppMode = 'legacy';
  private created = 0;

  private constructor(
    private readonly targets: Target[],
    private readonly impl: MigrationImplementation,
  ) {}

  /**
   * Targets: the migrated weeks that have a habit (every write below has something to change), found
   * through the implementation (Observation.weekIds); before Phase 0, the legacy rows with a habit.
   */
  static async start(client: pg.ClientBase, impl: MigrationImplementation): Promise<AppLoad> {
    const targets = (await hasNewSchema(client)) ? await migratedTargets(client, impl) : await legacyTargets(client);
    if (targets.length === 0) throw new Error('the load needs at least one legacy row with a habit');
    return new AppLoad(targets, impl);
  }

  readonly write: WriteFn = async (client, ctx) => {
    const t = this.targets[Math.floor(ctx.random() * this.targets.length)]!;
    const roll = ctx.random();
    const day = Math.floor(ctx.random() * 7);
    const status = STATUSES[Math.floor(ctx.random() * 4)]!;
    const theme = `load ${ctx.worker}.${ctx.seq}`;
    await client.query('BEGIN');
    const path = await this.impl.observe.writePath(client);
    let label: string;
    if (path === 'new') label = await this.newSchema(client, t, roll, day, status, theme, ctx);
    else if (this.mode === 'api') label = await this.api(client, t, roll, day, status, theme, ctx);
    else label = await this.legacy(client, t, roll, theme, ctx);
    await client.query('COMMIT');
    return label;
  };

  private nextMonday(ctx: WriteContext): string {
    return addDaysIso(FIRST_MONDAY, 7 * (ctx.worker * 100_000 + this.created++));
  }

  private async newSchema(c: pg.ClientBase, t: Target, roll: number, day: number, status: string, theme: string, ctx: WriteContext): Promise<string> {
    if (roll < 0.6) {
      await c.query(
        `UPDATE public.habit_records r SET status = $2, updated_at = now()
           FROM public.weeks w JOIN public.habits h ON h.week_id = w.id AND h.display_order = 0
          WHERE w.id = $1 AND r.habit_id = h.id AND r.record_date = w.week_start_date + $3::int`,
        [t.weekId, status, day],
      );
      return 'new:set-status';
    }
    if (roll < 0.9) {
      await c.query('UPDATE public.weeks SET theme = $2, updated_at = now() WHERE id = $1', [t.weekId, theme]);
      return 'new:set-theme';
    }
    await c.query(
      `WITH w AS (INSERT INTO public.weeks (user_id, child_id, week_start_date, week_end_date, theme)
                  VALUES ($1, $2, $3::date, $3::date + 6, $4) RETURNING id, week_start_date),
            h AS (INSERT INTO public.habits (week_id, name, display_order) SELECT w.id, 'load', 0 FROM w RETURNING id)
       INSERT INTO public.habit_records (habit_id, record_date, status)
       SELECT h.id, w.week_start_date + d, 'none' FROM h, w, generate_series(0, 6) d`,
      [t.userId, t.childId, this.nextMonday(ctx), theme],
    );
    return 'new:create-week';
  }

  private async api(c: pg.ClientBase, t: Target, roll: number, day: number, status: string, theme: string, ctx: WriteContext): Promise<string> {
    const key = `load-${process.pid}-${ctx.worker}-${ctx.seq}-${this.created}`;
    const [op, request] =
      roll < 0.6
        ? ['setStatus', { legacyId: t.legacyId, habitIndex: 0, day, status }]
        : roll < 0.9
          ? ['setTheme', { legacyId: t.legacyId, theme }]
          : ['createWeek', { userId: t.userId, childName: t.childName, weekStartDate: this.nextMonday(ctx), theme, habits: ['load'] }];
    await this.impl.dualWrite.call(c, key, op as 'setStatus', request as never);
    return `api:${op}`;
  }

  private async legacy(c: pg.ClientBase, t: Target, roll: number, theme: string, ctx: WriteContext): Promise<string> {
    if (roll < 0.9) {
      await c.query('UPDATE public.habit_tracker SET theme = $2, updated_at = now() WHERE id = $1', [t.legacyId, theme]);
      return 'legacy:update';
    }
    await c.query(
      `INSERT INTO public.habit_tracker (user_id, child_name, week_start_date, theme, habits, reflection)
       VALUES ($1, $2, $3, $4, '[{"name": "load", "times": []}]', '{}')`,
      [t.userId, t.childName, this.nextMonday(ctx), theme],
    );
    return 'legacy:insert';
  }
}

async function hasNewSchema(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>(`SELECT to_regclass('public.weeks') IS NOT NULL AS ok`);
  return rows[0]?.ok === true;
}

/** The migrated weeks with a habit whose legacy row is still there, by legacy id. */
async function migratedTargets(client: pg.ClientBase, impl: MigrationImplementation): Promise<Target[]> {
  const weeks = (await weeksOf(client, await weekIdsOf(impl, client))).filter((w) => w.habits > 0);
  const { rows } = await client.query<{ id: string; user_id: string }>('SELECT id::text, user_id::text FROM public.habit_tracker');
  const owners = new Map(rows.map((r) => [Number(r.id), r.user_id]));
  return weeks
    .filter((w) => owners.has(w.legacyId))
    .map((w) => ({ legacyId: w.legacyId, weekId: w.id, userId: owners.get(w.legacyId)!, childId: w.childId, childName: w.childName }));
}

/** No new schema yet (before Phase 0): the legacy rows with a habit. */
async function legacyTargets(client: pg.ClientBase): Promise<Target[]> {
  const { rows } = await client.query<{ legacy_id: string; user_id: string; name: string }>(
    `SELECT id::text AS legacy_id, user_id::text, child_name AS name FROM public.habit_tracker
      WHERE user_id IS NOT NULL AND jsonb_typeof(habits) = 'array' AND jsonb_array_length(habits) > 0 ORDER BY id`,
  );
  return rows.map((r) => ({ legacyId: Number(r.legacy_id), userId: r.user_id, childId: '', childName: r.name }));
}
