/**
 * The in-memory model of Phase 1's writes: the legacy table and the templates as plain values, and
 * each API operation and raw legacy write applied to them sequentially. The properties apply what
 * ran, in write-number order (observe.writeNumber: the order in which conflicting writes took their locks), and compare the
 * model with the database: the same rows, the same responses, the same rejections.
 *
 * The model knows the mapping rules only through src/check/canonical.ts (the TS oracle), which
 * decides whether a week is migrated or quarantined — the API refuses quarantined weeks.
 */
import type pg from 'pg';
import type { LegacyRow } from '../../../src/contract/legacy-row.ts';
import { codePoints, expectedOutcomes } from '../../../src/check/canonical.ts';
import { isoWeekday, weekPeriodLabel, type Status } from '../../../src/migration/mapping-rules.ts';
import type { DualWriteOp, DualWriteRequests } from '../../../src/contract/dual-write.ts';
import type { DualWriteRejection } from '../../../src/contract/dual-write-error.ts';
import { jsonEqual } from '../../../src/check/round-trip.ts';

/** The legacy columns the model tracks (timestamps are the server's). */
export const MODEL_COLUMNS = ['user_id', 'child_name', 'week_period', 'week_start_date', 'theme', 'habits', 'reflection', 'reward'] as const;
export type ModelRow = Pick<LegacyRow, 'id' | (typeof MODEL_COLUMNS)[number]>;
export type RowValues = Omit<ModelRow, 'id'>;

export interface ModelTemplate {
  id: string;
  user_id: string;
  child_name: string | null;
  name: string;
  habits: string[];
}

/** One API request as sent. */
export type ApiCall = { [O in DualWriteOp]: { kind: 'api'; op: O; key: string; request: DualWriteRequests[O] } }[DualWriteOp];

/** One raw legacy write as an old client sends it. */
export type RawWrite =
  | { kind: 'raw'; op: 'insert'; values: RowValues }
  | { kind: 'raw'; op: 'update'; id: number; set: Partial<RowValues> }
  | { kind: 'raw'; op: 'delete'; id: number };

export type Write = ApiCall | RawWrite;

/** What a write did in the database. */
export type Outcome =
  | { ok: true; response: Record<string, unknown>; replayed: boolean }
  | { ok: false; rejection: DualWriteRejection }
  | { ok: true; rowCount: number; id?: number };

export type Prediction = { ok: true; response?: Record<string, unknown> } | { ok: false; rejection: DualWriteRejection };

const NONE7 = (): Status[] => Array(7).fill('none') as Status[];
const asArray = (h: unknown): unknown[] => (Array.isArray(h) ? h : []);
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const EPOCH = '1970-01-01T00:00:00Z';

function canonicalTimes(times: unknown): Status[] {
  const arr = asArray(times);
  return Array.from({ length: 7 }, (_, i) => (typeof arr[i] === 'string' ? asciiLower(arr[i] as string) : 'none') as Status);
}

export class LegacyModel {
  readonly rows = new Map<number, ModelRow>();
  readonly templates = new Map<string, ModelTemplate>();

  constructor(
    rows: readonly ModelRow[],
    readonly users: ReadonlySet<string>,
    /** `${user_id}/${name}` of every child the new schema has (createTemplate may name only those). */
    readonly children: ReadonlySet<string>,
  ) {
    for (const r of rows) this.rows.set(r.id, pick(r));
  }

  /** The model of what the database holds now. */
  static async read(client: pg.ClientBase): Promise<LegacyModel> {
    const rows = await readModelRows(client);
    const { rows: users } = await client.query<{ id: string }>('SELECT id::text FROM auth.users');
    const { rows: kids } = await client.query<{ k: string }>(`SELECT user_id || '/' || name AS k FROM public.children`);
    const m = new LegacyModel(rows, new Set(users.map((u) => u.id)), new Set(kids.map((k) => k.k)));
    for (const t of await readTemplates(client)) m.templates.set(t.id, t);
    return m;
  }

  clone(): LegacyModel {
    const m = new LegacyModel([...this.rows.values()].map((r) => structuredClone(r)), this.users, this.children);
    for (const t of this.templates.values()) m.templates.set(t.id, structuredClone(t));
    return m;
  }

  /** Whether the mapping rules migrate the row, given every other row (duplicates: the lowest id wins). */
  migrates(id: number): boolean {
    const rows = [...this.rows.values()].map((r) => ({ ...r, created_at: EPOCH, updated_at: EPOCH }) as LegacyRow);
    return expectedOutcomes(rows, this.users).get(id)?.kind === 'migrate';
  }

  /**
   * Applies one write; returns what the database must have answered. `actual` supplies what the
   * model cannot know: the id a new legacy row got.
   */
  apply(w: Write, actual: Outcome): Prediction {
    return w.kind === 'raw' ? this.applyRaw(w, actual) : this.applyApi(w, actual);
  }

  private applyRaw(w: RawWrite, actual: Outcome): Prediction {
    if (w.op === 'insert') {
      const id = 'id' in actual ? actual.id : undefined;
      if (id !== undefined) this.rows.set(id, { id, ...structuredClone(w.values) });
      return { ok: true, response: { rowCount: 1 } };
    }
    const row = this.rows.get(w.id);
    if (!row) return { ok: true, response: { rowCount: 0 } };
    if (w.op === 'delete') this.rows.delete(w.id);
    else Object.assign(row, structuredClone(w.set));
    return { ok: true, response: { rowCount: 1 } };
  }

  private applyApi(call: ApiCall, actual: Outcome): Prediction {
    const reject = (rejection: DualWriteRejection): Prediction => ({ ok: false, rejection });
    switch (call.op) {
      case 'createTemplate': {
        const r = call.request;
        if (!this.users.has(r.userId) || r.name.length < 1) return reject('invalid_request');
        if (r.childName != null && !this.children.has(`${r.userId}/${r.childName}`)) return reject('invalid_request');
        // the id is the implementation's to choose: the model takes the one it answered with
        const answered = actual.ok && 'response' in actual ? actual.response.templateId : undefined;
        const id = typeof answered === 'string' ? answered : `template:${call.key}`;
        this.templates.set(id, { id, user_id: r.userId, child_name: r.childName ?? null, name: r.name, habits: [...r.habits] });
        return { ok: true, response: { templateId: id } };
      }
      case 'createWeek': {
        const r = call.request;
        const len = codePoints(r.childName);
        if (!this.users.has(r.userId) || len < 1 || len > 100 || isoWeekday(r.weekStartDate) !== 1) return reject('invalid_request');
        let names = r.habits ?? [];
        if (r.templateId !== undefined) {
          const t = this.templates.get(r.templateId);
          if (!t || t.user_id !== r.userId) return reject('invalid_request');
          names = t.habits;
        }
        const existing = [...this.rows.values()]
          .filter((x) => x.user_id === r.userId && x.child_name === r.childName && x.week_start_date === r.weekStartDate)
          .map((x) => x.id)
          .sort((a, b) => a - b)[0];
        if (existing !== undefined) return { ok: true, response: { created: false, legacyId: existing } };
        const id = actual.ok && 'response' in actual ? Number(actual.response.legacyId) : undefined;
        if (id !== undefined) {
          this.rows.set(id, {
            id,
            user_id: r.userId,
            child_name: r.childName,
            week_period: weekPeriodLabel(r.weekStartDate),
            week_start_date: r.weekStartDate,
            theme: r.theme ?? null,
            habits: names.map((name) => ({ name, times: NONE7() })),
            reflection: r.reflection ?? null,
            reward: r.reward ?? null,
          });
        }
        return { ok: true, response: { created: true } };
      }
      default:
        return this.applyWeekOp(call);
    }
  }

  private applyWeekOp(call: Exclude<ApiCall, { op: 'createWeek' | 'createTemplate' }>): Prediction {
    const id = call.request.legacyId;
    const row = this.rows.get(id);
    if (!row) return { ok: false, rejection: 'week_not_found' };
    if (!this.migrates(id)) return { ok: false, rejection: 'week_quarantined' };
    const habits = asArray(row.habits) as Array<Record<string, unknown>>;
    const index = (i: number): Prediction | undefined => (i >= habits.length ? { ok: false, rejection: 'habit_not_found' } : undefined);
    switch (call.op) {
      case 'addHabit':
        row.habits = [...habits, { name: call.request.name, times: NONE7() }];
        return { ok: true, response: { legacyId: id, habitIndex: habits.length } };
      case 'renameHabit': {
        const bad = index(call.request.habitIndex);
        if (bad) return bad;
        row.habits = habits.map((h, i) => (i === call.request.habitIndex ? { ...h, name: call.request.name } : h));
        break;
      }
      case 'removeHabit': {
        const bad = index(call.request.habitIndex);
        if (bad) return bad;
        row.habits = habits.filter((_, i) => i !== call.request.habitIndex);
        break;
      }
      case 'reorderHabits': {
        const o = call.request.order;
        const perm = o.length === habits.length && new Set(o).size === o.length && o.every((i) => Number.isInteger(i) && i >= 0 && i < habits.length);
        if (!perm) return { ok: false, rejection: 'invalid_request' };
        row.habits = o.map((i) => habits[i]);
        break;
      }
      case 'setStatus': {
        const bad = index(call.request.habitIndex);
        if (bad) return bad;
        const h = habits[call.request.habitIndex]!;
        const times = canonicalTimes(h.times);
        times[call.request.day] = call.request.status;
        row.habits = habits.map((x, i) => (i === call.request.habitIndex ? { ...x, times } : x));
        break;
      }
      case 'setTheme':
        row.theme = call.request.theme;
        break;
      case 'setReward':
        row.reward = call.request.reward;
        break;
      case 'setReflection':
        row.reflection = call.request.reflection;
        break;
      case 'deleteWeek':
        this.rows.delete(id);
        break;
    }
    return { ok: true, response: { legacyId: id } };
  }
}

function pick(r: ModelRow): ModelRow {
  return {
    id: r.id,
    user_id: r.user_id,
    child_name: r.child_name,
    week_period: r.week_period,
    week_start_date: r.week_start_date,
    theme: r.theme,
    habits: r.habits ?? null,
    reflection: r.reflection ?? null,
    reward: r.reward,
  };
}

export async function readModelRows(client: pg.ClientBase): Promise<ModelRow[]> {
  const { rows } = await client.query<Omit<ModelRow, 'id'> & { id: string }>(
    `SELECT id::text, user_id::text, child_name, week_period, week_start_date::text, theme, habits, reflection, reward
       FROM public.habit_tracker ORDER BY id`,
  );
  return rows.map((r) => pick({ ...r, id: Number(r.id) }));
}

export async function readTemplates(client: pg.ClientBase): Promise<ModelTemplate[]> {
  const { rows } = await client.query<{ id: string; user_id: string; child_name: string | null; name: string; habits: Array<{ name: string }> }>(
    `SELECT t.id::text, t.user_id::text, c.name AS child_name, t.name, t.habits
       FROM public.habit_templates t LEFT JOIN public.children c ON c.id = t.child_id ORDER BY t.id`,
  );
  return rows.map((r) => ({ ...r, habits: r.habits.map((h) => h.name) }));
}

/** Differences between the model and the database's legacy rows and templates (empty when equal). */
export async function modelDiffs(client: pg.ClientBase, model: LegacyModel): Promise<Array<Record<string, unknown>>> {
  const diffs: Array<Record<string, unknown>> = [];
  const actual = new Map((await readModelRows(client)).map((r) => [r.id, r]));
  for (const id of new Set([...model.rows.keys(), ...actual.keys()])) {
    const m = model.rows.get(id);
    const a = actual.get(id);
    if (!m || !a) {
      diffs.push({ legacy_id: id, field: 'row', model: m ? 'present' : 'absent', database: a ? 'present' : 'absent' });
      continue;
    }
    for (const f of MODEL_COLUMNS) if (!jsonEqual(m[f], a[f])) diffs.push({ legacy_id: id, field: f, model: m[f], database: a[f] });
  }
  const templates = await readTemplates(client);
  const want = [...model.templates.values()].sort((x, y) => x.id.localeCompare(y.id));
  if (!jsonEqual(want, templates)) diffs.push({ field: 'habit_templates', model: want, database: templates });
  return diffs;
}
