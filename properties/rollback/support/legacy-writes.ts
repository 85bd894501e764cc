/**
 * The app's writes on the legacy path (before Phase 3, and again after a rollback): INSERT, UPDATE and
 * DELETE of habit_tracker rows with explicit values, so the model knows every column exactly.
 */
import fc from 'fast-check';
import type pg from 'pg';
import type { LegacyRow, Status } from '../../../src/generate/dataset.ts';
import { addDaysIso, weekPeriodLabel } from '../../../src/migration/mapping-rules.ts';
import { canonicalTimestamp } from '../../../src/check/canonical.ts';
import type { LegacyModel } from './legacy-model.ts';

export type LegacyOp =
  | { kind: 'insert'; user: number; child: string; weekNo: number; theme: string | null; habits: Array<{ name: string; times: Status[] }> }
  | { kind: 'theme'; row: number; theme: string | null; reward: string | null }
  | { kind: 'habits'; row: number; habits: Array<{ name: string; times: Status[] }> }
  | { kind: 'delete'; row: number };

const text = fc.oneof(fc.constantFrom('독서', '양치하기', '아침 (6-9시) 운동', '숙제 ✏️'), fc.string({ minLength: 1, maxLength: 8 }));
const habits = fc.array(
  fc.record({ name: text, times: fc.array(fc.constantFrom<Status>('green', 'yellow', 'red', 'none'), { minLength: 7, maxLength: 7 }) }),
  { maxLength: 3 },
);

export function legacyOpArbitrary(): fc.Arbitrary<LegacyOp> {
  const idx = fc.nat({ max: 50 });
  return fc.oneof(
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), user: idx, child: fc.constantFrom('지우', '민준', '서연', 'Mia'), weekNo: fc.nat({ max: 30 }), theme: fc.option(text), habits }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('theme' as const), row: idx, theme: fc.option(text), reward: fc.option(text) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('habits' as const), row: idx, habits }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), row: idx }) },
  );
}

/** A Monday no generated row uses (2090-01-02 was a Monday). */
const INSERTED_WEEKS_FROM = '2090-01-02';
const STAMP = '2025-10-13T09:00:00.000000Z';

/** Runs legacy-path operations (each its own transaction) and keeps the model in step. */
export class LegacyApp {
  private constructor(
    private readonly model: LegacyModel,
    private readonly users: string[],
  ) {}

  static async start(client: pg.ClientBase, model: LegacyModel): Promise<LegacyApp> {
    const { rows } = await client.query<{ id: string }>('SELECT id::text FROM auth.users ORDER BY id');
    return new LegacyApp(model, rows.map((r) => r.id));
  }

  async run(client: pg.ClientBase, op: LegacyOp): Promise<boolean> {
    await client.query('BEGIN');
    try {
      const done = await this.apply(client, op);
      await client.query('COMMIT');
      return done;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw Object.assign(err as Error, { op });
    }
  }

  private pick(i: number): number | undefined {
    const ids = this.model.ids();
    return ids.length ? ids[i % ids.length] : undefined;
  }

  private async apply(c: pg.ClientBase, op: LegacyOp): Promise<boolean> {
    switch (op.kind) {
      case 'insert': {
        if (this.users.length === 0) return false;
        const user = this.users[op.user % this.users.length]!;
        const start = addDaysIso(INSERTED_WEEKS_FROM, 7 * op.weekNo);
        const row: Omit<LegacyRow, 'id'> = {
          user_id: user,
          child_name: op.child,
          week_period: weekPeriodLabel(start),
          week_start_date: start,
          theme: op.theme,
          habits: op.habits,
          reflection: {},
          reward: null,
          created_at: STAMP,
          updated_at: STAMP,
        };
        const { rows } = await c.query<{ id: string }>(
          `INSERT INTO public.habit_tracker (user_id, child_name, week_period, week_start_date, theme, habits, reflection, reward, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10) RETURNING id`,
          [row.user_id, row.child_name, row.week_period, row.week_start_date, row.theme, JSON.stringify(row.habits), JSON.stringify(row.reflection), row.reward, row.created_at, row.updated_at],
        );
        const id = Number(rows[0]!.id);
        this.model.rows.set(id, { exact: true, row: { id, ...row } });
        return true;
      }
      case 'theme': {
        const id = this.pick(op.row);
        if (id === undefined) return false;
        await c.query('UPDATE public.habit_tracker SET theme = $2, reward = $3, updated_at = $4 WHERE id = $1', [id, op.theme, op.reward, STAMP]);
        this.exactRow(id, { theme: op.theme, reward: op.reward, updated_at: canonicalTimestamp(STAMP) });
        return true;
      }
      case 'habits': {
        const id = this.pick(op.row);
        if (id === undefined) return false;
        await c.query('UPDATE public.habit_tracker SET habits = $2::jsonb, updated_at = $3 WHERE id = $1', [id, JSON.stringify(op.habits), STAMP]);
        this.exactRow(id, { habits: op.habits, updated_at: canonicalTimestamp(STAMP) });
        return true;
      }
      case 'delete': {
        const id = this.pick(op.row);
        if (id === undefined) return false;
        await c.query('DELETE FROM public.habit_tracker WHERE id = $1', [id]);
        this.model.rows.delete(id);
        return true;
      }
    }
  }

  /** A legacy write lands exactly as written: the row stays (or becomes again) an exact row. */
  private exactRow(id: number, patch: Partial<LegacyRow>): void {
    const m = this.model.rows.get(id)!;
    Object.assign(m.row, patch);
  }
}
