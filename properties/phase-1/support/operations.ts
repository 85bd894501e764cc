/**
 * Operations of the phase-1 properties, in three forms:
 * - an Intent: JSON, generated and shrunk by fast-check, saved in regression fixtures; it names its
 *   target and values by index into the case's pools (families, child names, weeks, rows);
 * - a Write (model.ts): the concrete API request or raw legacy statement, resolved from the intent when
 *   the operation starts — as an app would, after reading the row it acts on;
 * - an Executed: what the database answered, with the write's number (observe.writeNumber) when it has one.
 */
import fc from 'fast-check';
import type pg from 'pg';
import type { Status } from '../../../src/migration/mapping-rules.ts';
import type { MigrationImplementation } from '../../../src/contract/implementation.ts';
import { NotProvidedError } from '../../../src/contract/implementation.ts';
import { DualWriteError } from '../../../src/contract/dual-write-error.ts';
import type { Outcome, RowValues, Write } from './model.ts';

const WEEK_OPS = ['addHabit', 'renameHabit', 'removeHabit', 'reorderHabits', 'setStatus', 'setTheme', 'setReward', 'setReflection', 'deleteWeek'] as const;

export type Intent =
  | { op: 'createWeek'; family: number; child: number; week: number; habits: string[]; fromTemplate: boolean }
  | { op: 'createTemplate'; family: number; name: string; habits: string[]; withChild: boolean }
  | { op: (typeof WEEK_OPS)[number]; target: number; habit: number; day: number; status: Status; text: string | null }
  | { op: 'legacyInsert'; family: number; child: number; week: number; habits: unknown; theme: string | null }
  | { op: 'legacyUpdate'; target: number; change: LegacyChange }
  | { op: 'legacyDelete'; target: number };

/** What an old client changes in a row: by value, or by index into the case's pools. */
export type LegacyChange =
  | { theme: string | null }
  | { habits: unknown }
  | { child: number }
  | { week: number }
  | { family: number };

/** What intents resolve against: the case's pools, fixed when the case starts. */
export interface World {
  /** Accounts that exist (the dataset's and an extra family without rows). */
  families: string[];
  /** Child names of every family, and two more: the same name in two families is the interesting case. */
  names: string[];
  /** Every week of the dataset, two more Mondays and a Wednesday. */
  weeks: string[];
  /** Legacy ids of the dataset. */
  initialIds: number[];
  /** Children the new schema has, by account: createTemplate may name only those. */
  children: Map<string, string[]>;
}

/** Per client: the rows and templates it created (its later operations may target them). */
export interface ClientState {
  client: number;
  created: number[];
  templates: string[];
  next: number;
}

/** An owner that is not an account (quarantine owner_unknown). */
export const UNKNOWN_OWNER = '00000000-0000-4000-8000-00000000dead';

const habitName = fc.constantFrom('숙제하기', '양치하기', '책 읽기', '아침 (7-8시) 운동', '');
const status = fc.constantFrom<Status>('green', 'yellow', 'red', 'none');
const text = fc.option(fc.constantFrom('우주', '바다', '놀이공원 가기', ''), { nil: null });
/** Legacy statuses as old clients write them: mostly valid, some null or upper case, rarely unknown (quarantine). */
const legacyStatus = fc.oneof(
  { weight: 8, arbitrary: status as fc.Arbitrary<string | null> },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant('GREEN') },
  { weight: 1, arbitrary: fc.constant('blue') },
);
const legacyHabits: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  {
    weight: 6,
    arbitrary: fc.array(fc.record({ name: habitName, times: fc.array(legacyStatus, { maxLength: 7 }) }, { noNullPrototype: true }), { maxLength: 3 }),
  },
);
const target = fc.nat({ max: 30 });
const pool = fc.nat({ max: 30 });

export function weekOpArbitrary(ops: ReadonlyArray<(typeof WEEK_OPS)[number]> = WEEK_OPS): fc.Arbitrary<Intent> {
  return fc.record(
    { op: fc.constantFrom(...ops), target, habit: fc.nat({ max: 7 }), day: fc.nat({ max: 6 }), status, text },
    { noNullPrototype: true },
  );
}

export const createWeekArbitrary: fc.Arbitrary<Intent> = fc.record(
  { op: fc.constant('createWeek' as const), family: pool, child: pool, week: pool, habits: fc.array(habitName, { maxLength: 2 }), fromTemplate: fc.boolean() },
  { noNullPrototype: true },
);
export const createTemplateArbitrary: fc.Arbitrary<Intent> = fc.record(
  { op: fc.constant('createTemplate' as const), family: pool, name: fc.constantFrom('평일', '주말', '방학'), habits: fc.array(habitName, { maxLength: 3 }), withChild: fc.boolean() },
  { noNullPrototype: true },
);

export const legacyWriteArbitrary: fc.Arbitrary<Intent> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record(
      { op: fc.constant('legacyInsert' as const), family: pool, child: pool, week: pool, habits: legacyHabits, theme: text },
      { noNullPrototype: true },
    ),
  },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        op: fc.constant('legacyUpdate' as const),
        target,
        change: fc.oneof(
          fc.record({ theme: text }, { noNullPrototype: true }),
          fc.record({ habits: legacyHabits }, { noNullPrototype: true }),
          fc.record({ child: pool }, { noNullPrototype: true }),
          fc.record({ week: pool }, { noNullPrototype: true }),
          fc.record({ family: pool }, { noNullPrototype: true }),
        ) as fc.Arbitrary<LegacyChange>,
      },
      { noNullPrototype: true },
    ),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('legacyDelete' as const), target }, { noNullPrototype: true }) },
);

/** Any operation: API calls of every kind and old clients' raw writes. */
export const intentArbitrary: fc.Arbitrary<Intent> = fc.oneof(
  { weight: 9, arbitrary: weekOpArbitrary() },
  { weight: 2, arbitrary: createWeekArbitrary },
  { weight: 1, arbitrary: createTemplateArbitrary },
  { weight: 6, arbitrary: legacyWriteArbitrary },
);

/** The case's pools, read once after the dataset is loaded and backfilled. */
export async function readWorld(client: pg.ClientBase, extraUsers: readonly string[]): Promise<World> {
  const { rows } = await client.query<{ id: string; user_id: string | null; child_name: string; week: string }>(
    'SELECT id::text, user_id::text, child_name, week_start_date::text AS week FROM public.habit_tracker ORDER BY id',
  );
  const { rows: users } = await client.query<{ id: string }>('SELECT id::text FROM auth.users ORDER BY id');
  const { rows: kids } = await client.query<{ user_id: string; name: string }>('SELECT user_id::text, name FROM public.children ORDER BY user_id, name');
  const children = new Map<string, string[]>();
  for (const k of kids) children.set(k.user_id, [...(children.get(k.user_id) ?? []), k.name]);
  return {
    families: [...new Set([...users.map((u) => u.id), ...extraUsers])],
    names: [...new Set([...rows.map((r) => r.child_name), '하늘', '새봄'])],
    weeks: [...new Set([...rows.map((r) => r.week), '2026-01-05', '2026-01-12', '2026-01-07'])],
    initialIds: rows.map((r) => Number(r.id)),
    children,
  };
}

const at = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

/** The concrete write of an intent, now. Week operations read the target's habit count first. */
export async function resolve(intent: Intent, world: World, state: ClientState, client: pg.ClientBase): Promise<Write> {
  const key = `c${state.client}-${state.next++}`;
  const owner = (i: number) => (i % (world.families.length + 1) === world.families.length ? UNKNOWN_OWNER : at(world.families, i));
  const targets = [...world.initialIds, ...state.created];
  const targetId = (i: number) => (targets.length === 0 ? 1 : at(targets, i));
  switch (intent.op) {
    case 'createWeek': {
      const template = intent.fromTemplate && state.templates.length > 0 ? at(state.templates, intent.child) : undefined;
      return {
        kind: 'api',
        op: 'createWeek',
        key,
        request: {
          userId: owner(intent.family),
          childName: at(world.names, intent.child),
          weekStartDate: at(world.weeks, intent.week),
          ...(template ? { templateId: template } : { habits: intent.habits }),
        },
      };
    }
    case 'createTemplate': {
      const userId = owner(intent.family);
      const kids = world.children.get(userId) ?? [];
      return {
        kind: 'api',
        op: 'createTemplate',
        key,
        request: { userId, name: intent.name, habits: intent.habits, childName: intent.withChild && kids.length > 0 ? at(kids, intent.family) : null },
      };
    }
    case 'legacyInsert':
      return {
        kind: 'raw',
        op: 'insert',
        values: {
          user_id: intent.family % (world.families.length + 2) === world.families.length + 1 ? null : owner(intent.family),
          child_name: at(world.names, intent.child),
          week_period: null,
          week_start_date: at(world.weeks, intent.week),
          theme: intent.theme,
          habits: intent.habits,
          reflection: null,
          reward: null,
        },
      };
    case 'legacyUpdate': {
      const c = intent.change;
      const set: Partial<RowValues> =
        'theme' in c ? { theme: c.theme }
        : 'habits' in c ? { habits: c.habits }
        : 'child' in c ? { child_name: at(world.names, c.child) }
        : 'week' in c ? { week_start_date: at(world.weeks, c.week) }
        : { user_id: owner(c.family) };
      return { kind: 'raw', op: 'update', id: targetId(intent.target), set };
    }
    case 'legacyDelete':
      return { kind: 'raw', op: 'delete', id: targetId(intent.target) };
    default: {
      const legacyId = targetId(intent.target);
      const n = await habitCount(client, legacyId);
      const habitIndex = n > 0 ? intent.habit % n : intent.habit % 2;
      const reflection = intent.text === null ? null : { 느낀점: intent.text };
      const rotate = (k: number) => Array.from({ length: n }, (_, i) => (i + k) % n);
      switch (intent.op) {
        case 'addHabit': return { kind: 'api', op: 'addHabit', key, request: { legacyId, name: intent.text ?? '' } };
        case 'renameHabit': return { kind: 'api', op: 'renameHabit', key, request: { legacyId, habitIndex, name: intent.text ?? '' } };
        case 'removeHabit': return { kind: 'api', op: 'removeHabit', key, request: { legacyId, habitIndex } };
        case 'reorderHabits': return { kind: 'api', op: 'reorderHabits', key, request: { legacyId, order: rotate(intent.habit + 1) } };
        case 'setStatus': return { kind: 'api', op: 'setStatus', key, request: { legacyId, habitIndex, day: intent.day, status: intent.status } };
        case 'setTheme': return { kind: 'api', op: 'setTheme', key, request: { legacyId, theme: intent.text } };
        case 'setReward': return { kind: 'api', op: 'setReward', key, request: { legacyId, reward: intent.text } };
        case 'setReflection': return { kind: 'api', op: 'setReflection', key, request: { legacyId, reflection } };
        case 'deleteWeek': return { kind: 'api', op: 'deleteWeek', key, request: { legacyId } };
      }
    }
  }
}

/** Habits of a legacy row as the app reads them (0 when habits is not an array, or the row is gone). */
export async function habitCount(client: pg.ClientBase, legacyId: number): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT CASE WHEN jsonb_typeof(habits) = 'array' THEN jsonb_array_length(habits) ELSE 0 END AS n FROM public.habit_tracker WHERE id = $1`,
    [legacyId],
  );
  return rows[0]?.n ?? 0;
}

/** What a client's later operations may target: the legacy rows and templates its writes created. */
export function remember(state: ClientState, e: Executed): void {
  if (!e.outcome?.ok) return;
  if ('rowCount' in e.outcome && e.outcome.id !== undefined) state.created.push(e.outcome.id);
  if ('response' in e.outcome) {
    const r = e.outcome.response;
    if (e.write.kind === 'api' && e.write.op === 'createWeek') state.created.push(Number(r.legacyId));
    if (e.write.kind === 'api' && e.write.op === 'createTemplate') state.templates.push(String(r.templateId));
  }
}

export interface Executed {
  client: number;
  write: Write;
  /** undefined: the write failed with an error that is neither a rejection nor expected. */
  outcome: Outcome | undefined;
  /** The write's number in the implementation's write order, when it took one. */
  seq: number | undefined;
  error?: string;
}

const JSONB_COLUMNS = new Set(['habits', 'reflection']);
const jsonParam = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** Runs one write on the client's own connection and records what happened. Never throws. */
export async function execute(client: pg.ClientBase, clientIndex: number, write: Write, impl: MigrationImplementation): Promise<Executed> {
  const base = { client: clientIndex, write };
  try {
    if (write.kind === 'api') {
      const r = await impl.dualWrite.call(client, write.key, write.op, write.request as never);
      const response = r.response as unknown as Record<string, unknown>;
      return { ...base, outcome: { ok: true, response, replayed: r.replayed }, seq: Number(response.opSeq) };
    }
    return await rawWrite(client, base, write, impl);
  } catch (err) {
    if (err instanceof DualWriteError) return { ...base, outcome: { ok: false, rejection: err.code }, seq: err.opSeq };
    const e = err as { message?: string; code?: string };
    return { ...base, outcome: undefined, seq: undefined, error: `${e.message ?? String(err)}${e.code ? ` (SQLSTATE ${e.code})` : ''}` };
  }
}

/**
 * An old client's write: one plain statement through the trigger. The write number is taken in the
 * same transaction right after it — while it still holds the row lock and the trigger's group locks.
 */
async function rawWrite(client: pg.ClientBase, base: { client: number; write: Write }, write: Extract<Write, { kind: 'raw' }>, impl: MigrationImplementation): Promise<Executed> {
  await client.query('BEGIN');
  try {
    let id: number | undefined;
    let rowCount: number;
    if (write.op === 'insert') {
      const cols = Object.keys(write.values) as Array<keyof RowValues>;
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO public.habit_tracker (${cols.join(', ')}) VALUES (${cols.map((c, i) => `$${i + 1}${JSONB_COLUMNS.has(c) ? '::jsonb' : ''}`).join(', ')}) RETURNING id::text`,
        cols.map((c) => (JSONB_COLUMNS.has(c) ? jsonParam(write.values[c]) : write.values[c])),
      );
      id = Number(rows[0]!.id);
      rowCount = 1;
    } else if (write.op === 'update') {
      const cols = Object.keys(write.set) as Array<keyof RowValues>;
      const r = await client.query(
        `UPDATE public.habit_tracker SET ${cols.map((c, i) => `${c} = $${i + 2}${JSONB_COLUMNS.has(c) ? '::jsonb' : ''}`).join(', ')}, updated_at = now() WHERE id = $1`,
        [write.id, ...cols.map((c) => (JSONB_COLUMNS.has(c) ? jsonParam(write.set[c]) : write.set[c]))],
      );
      rowCount = r.rowCount ?? 0;
    } else {
      rowCount = (await client.query('DELETE FROM public.habit_tracker WHERE id = $1', [write.id])).rowCount ?? 0;
    }
    if (!impl.observe.writeNumber) throw new NotProvidedError(impl.name, 'a write order (observe.writeNumber)');
    const seq = await impl.observe.writeNumber(client);
    await client.query('COMMIT');
    return { ...base, outcome: { ok: true, rowCount, ...(id === undefined ? {} : { id }) }, seq };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
