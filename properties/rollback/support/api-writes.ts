/**
 * The app's writes through Phase 1's dual-write API (the implementation's), applied to the
 * legacy model exactly as the API changes the legacy row: the columns it names, a habit's times in
 * canonical form once it gets a status, and a server-side timestamp the model does not compare.
 */
import fc from 'fast-check';
import type pg from 'pg';
import type { LegacyRow, Status } from '../../../src/generate/dataset.ts';
import { bindDualWrite, type DualWriteApi } from '../../../src/contract/dual-write.ts';
import type { MigrationImplementation } from '../../../src/contract/implementation.ts';
import { addDaysIso, isoWeekday, weekPeriodLabel } from '../../../src/migration/mapping-rules.ts';
import type { LegacyModel } from './legacy-model.ts';
import { weekIdsOf } from '../../support/week-ids.ts';

export type ApiOp =
  | { kind: 'setStatus'; week: number; habit: number; day: number; status: Status }
  | { kind: 'setTheme'; week: number; theme: string | null }
  | { kind: 'setReward'; week: number; reward: string | null }
  | { kind: 'setReflection'; week: number; note: string | null }
  | { kind: 'addHabit'; week: number; name: string }
  | { kind: 'renameHabit'; week: number; habit: number; name: string }
  | { kind: 'removeHabit'; week: number; habit: number }
  | { kind: 'createWeek'; user: number; child: string; weekNo: number; theme: string | null; habits: string[] }
  | { kind: 'deleteWeek'; week: number };

const text = fc.oneof(fc.constantFrom('독서', '양치하기', '아침 (6-9시) 운동', 'Lesen'), fc.string({ minLength: 1, maxLength: 8 }));
const status = fc.constantFrom<Status>('green', 'yellow', 'red', 'none');

export function apiOpArbitrary(): fc.Arbitrary<ApiOp> {
  const idx = fc.nat({ max: 50 });
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('setStatus' as const), week: idx, habit: fc.nat({ max: 5 }), day: fc.nat({ max: 6 }), status }) },
    fc.record({ kind: fc.constant('setTheme' as const), week: idx, theme: fc.option(text) }),
    fc.record({ kind: fc.constant('setReward' as const), week: idx, reward: fc.option(text) }),
    fc.record({ kind: fc.constant('setReflection' as const), week: idx, note: fc.option(text) }),
    fc.record({ kind: fc.constant('addHabit' as const), week: idx, name: text }),
    fc.record({ kind: fc.constant('renameHabit' as const), week: idx, habit: fc.nat({ max: 5 }), name: text }),
    fc.record({ kind: fc.constant('removeHabit' as const), week: idx, habit: fc.nat({ max: 5 }) }),
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('createWeek' as const), user: idx, child: fc.constantFrom('하윤', '도윤', 'Noah'), weekNo: fc.nat({ max: 20 }), theme: fc.option(text), habits: fc.array(text, { maxLength: 3 }) }) },
    fc.record({ kind: fc.constant('deleteWeek' as const), week: idx }),
  );
}

/** A Monday beyond the generated weeks (and the legacy writes' 2090s). */
const CREATED_FROM = (() => {
  let d = '2095-01-01';
  while (isoWeekday(d) !== 1) d = addDaysIso(d, 1);
  return d;
})();
type Habit = { name: unknown; times?: unknown };

function canonicalTimes(times: unknown): Status[] {
  const arr = Array.isArray(times) ? times : [];
  return Array.from({ length: 7 }, (_, i) => (typeof arr[i] === 'string' ? (arr[i] as string).replace(/[A-Z]/g, (ch) => ch.toLowerCase()) : 'none') as Status);
}

/** Runs API requests (one transaction each, as the API does) and keeps the model in step. */
export class ApiApp {
  private seq = 0;
  private constructor(
    private readonly model: LegacyModel,
    private readonly weeks: number[],
    private readonly users: string[],
    private readonly tag: string,
    private readonly impl: MigrationImplementation,
  ) {}

  /** The weeks it can address: those the new schema has now (the API refuses quarantined rows). */
  static async start(client: pg.ClientBase, model: LegacyModel, tag: string, impl: MigrationImplementation): Promise<ApiApp> {
    const weeks = [...(await weekIdsOf(impl, client)).keys()];
    const u = await client.query<{ id: string }>('SELECT id::text FROM auth.users ORDER BY id');
    return new ApiApp(model, weeks, u.rows.map((r) => r.id), tag, impl);
  }

  private pick(i: number): number | undefined {
    const live = this.weeks.filter((id) => this.model.rows.has(id));
    return live.length ? live[i % live.length] : undefined;
  }

  /** The row about to change, as an exact row whose timestamp the server sets. */
  private row(id: number): LegacyRow {
    const m = this.model.rows.get(id)!;
    m.stampsUnknown = true;
    return m.row as LegacyRow;
  }

  async run(client: pg.ClientBase, op: ApiOp): Promise<boolean> {
    const api = bindDualWrite(this.impl.dualWrite, client);
    const key = `${this.tag}-${this.seq++}`;
    try {
      return await this.apply(api, key, op);
    } catch (err) {
      throw Object.assign(err as Error, { op });
    }
  }

  private async apply(api: DualWriteApi, key: string, op: ApiOp): Promise<boolean> {
    if (op.kind === 'createWeek') {
      if (this.users.length === 0) return false;
      const userId = this.users[op.user % this.users.length]!;
      const taken = new Set([...this.model.rows.values()].filter((m) => m.row.user_id === userId && m.row.child_name === op.child).map((m) => m.row.week_start_date));
      let n = op.weekNo;
      while (taken.has(addDaysIso(CREATED_FROM, 7 * n))) n++;
      const start = addDaysIso(CREATED_FROM, 7 * n);
      const { response } = await api.createWeek(key, { userId, childName: op.child, weekStartDate: start, theme: op.theme, habits: op.habits });
      this.model.rows.set(response.legacyId, {
        exact: true,
        stampsUnknown: true,
        row: {
          id: response.legacyId,
          user_id: userId,
          child_name: op.child,
          week_period: weekPeriodLabel(start),
          week_start_date: start,
          theme: op.theme,
          habits: op.habits.map((name) => ({ name, times: Array<Status>(7).fill('none') })),
          reflection: null,
          reward: null,
          created_at: '',
          updated_at: '',
        },
      });
      this.weeks.push(response.legacyId);
      return true;
    }
    const legacyId = this.pick(op.week);
    if (legacyId === undefined) return false;
    const habits = () => {
      const r = this.model.rows.get(legacyId)!.row;
      return (Array.isArray(r.habits) ? r.habits : []) as Habit[];
    };
    switch (op.kind) {
      case 'setStatus': {
        const hs = habits();
        if (hs.length === 0) return false;
        const habitIndex = op.habit % hs.length;
        await api.setStatus(key, { legacyId, habitIndex, day: op.day, status: op.status });
        const row = this.row(legacyId);
        const next = structuredClone(hs);
        const times = canonicalTimes(next[habitIndex]!.times);
        times[op.day] = op.status;
        next[habitIndex]!.times = times;
        row.habits = next;
        return true;
      }
      case 'setTheme':
        await api.setTheme(key, { legacyId, theme: op.theme });
        this.row(legacyId).theme = op.theme;
        return true;
      case 'setReward':
        await api.setReward(key, { legacyId, reward: op.reward });
        this.row(legacyId).reward = op.reward;
        return true;
      case 'setReflection': {
        const reflection = op.note === null ? null : { note: op.note };
        await api.setReflection(key, { legacyId, reflection });
        this.row(legacyId).reflection = reflection;
        return true;
      }
      case 'addHabit': {
        const hs = habits();
        await api.addHabit(key, { legacyId, name: op.name });
        this.row(legacyId).habits = [...structuredClone(hs), { name: op.name, times: Array<Status>(7).fill('none') }];
        return true;
      }
      case 'renameHabit': {
        const hs = habits();
        if (hs.length === 0) return false;
        const habitIndex = op.habit % hs.length;
        await api.renameHabit(key, { legacyId, habitIndex, name: op.name });
        const next = structuredClone(hs);
        next[habitIndex]!.name = op.name;
        this.row(legacyId).habits = next;
        return true;
      }
      case 'removeHabit': {
        const hs = habits();
        if (hs.length === 0) return false;
        const habitIndex = op.habit % hs.length;
        await api.removeHabit(key, { legacyId, habitIndex });
        this.row(legacyId).habits = structuredClone(hs).filter((_, i) => i !== habitIndex);
        return true;
      }
      case 'deleteWeek':
        await api.deleteWeek(key, { legacyId });
        this.model.rows.delete(legacyId);
        return true;
    }
  }
}
