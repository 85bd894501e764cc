import fc from 'fast-check';
import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { REQUEST_LIMITS as L } from '../../src/contract/request-limits.ts';
import type { DualWriteRejection } from '../../src/contract/dual-write-error.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { loadAndBackfill, setupPhase1 } from './support/phase-1-case.ts';
import { execute, habitCount, type Executed } from './support/operations.ts';
import { LegacyModel, modelDiffs, type ApiCall } from './support/model.ts';
import { replayInModel } from './support/replay.ts';
import { describeInconsistency, isConsistent, readConsistency } from './support/consistency.ts';

export interface RequestValidationCase {
  dataset: LegacyDataset;
  /** The probes, in the order they are sent (a permutation of PROBES' indexes). */
  order: number[];
  /** The character long texts are made of (one code point; one or two UTF-16 units). */
  char: string;
}

/** The account the probes write as (the dataset may have none). */
const OWNER = '0f0f0f0f-0000-4000-8000-00000000f0a1';
const GHOST = '0f0f0f0f-0000-4000-8000-00000000dead';
/** Another family, with a template of its own. */
const OTHER = '0f0f0f0f-0000-4000-8000-00000000f0a2';

interface ProbeContext {
  /** The week every week probe aims at (created by the case), and its habits now. */
  legacyId: number;
  habits: number;
  text: (n: number) => string;
  /** A template of the probes' account, and one of another family. */
  ownTemplate: string;
  otherTemplate: string;
}
type Expect = 'ok' | DualWriteRejection;
interface Probe {
  name: string;
  make: (c: ProbeContext) => { op: string; request: unknown; key?: string; expect: Expect };
}

const week = (op: string, fields: (c: ProbeContext) => Record<string, unknown>, expect: Expect | ((c: ProbeContext) => Expect)) =>
  (c: ProbeContext) => ({ op, request: { legacyId: c.legacyId, ...fields(c) }, expect: typeof expect === 'function' ? expect(c) : expect });
const newWeek = (fields: (c: ProbeContext) => Record<string, unknown>, expect: Expect) =>
  (c: ProbeContext) => ({ op: 'createWeek', request: { userId: OWNER, childName: '검증', weekStartDate: '2026-01-12', habits: [], ...fields(c) }, expect });
const template = (fields: (c: ProbeContext) => Record<string, unknown>, expect: Expect) =>
  (c: ProbeContext) => ({ op: 'createTemplate', request: { userId: OWNER, name: '평일', habits: [], ...fields(c) }, expect });
const perm = (n: number) => Array.from({ length: n }, (_, i) => n - 1 - i);

/**
 * Requests at the edges of what the API takes (REQUEST_LIMITS): every operation with values just
 * inside each limit (answered as the model says) and just outside it (refused with the right code).
 */
const PROBES: readonly Probe[] = [
  { name: 'addHabit name at the limit', make: week('addHabit', (c) => ({ name: c.text(L.habitName) }), 'ok') },
  { name: 'addHabit name past the limit', make: week('addHabit', (c) => ({ name: c.text(L.habitName + 1) }), 'invalid_request') },
  { name: 'addHabit without a name', make: week('addHabit', () => ({}), 'invalid_request') },
  { name: 'addHabit name not a string', make: week('addHabit', () => ({ name: 7 }), 'invalid_request') },
  { name: 'renameHabit the last habit, empty name', make: week('renameHabit', (c) => ({ habitIndex: c.habits - 1, name: '' }), 'ok') },
  { name: 'renameHabit one past the last', make: week('renameHabit', (c) => ({ habitIndex: c.habits, name: 'x' }), 'habit_not_found') },
  { name: 'renameHabit index -1', make: week('renameHabit', () => ({ habitIndex: -1, name: 'x' }), 'invalid_request') },
  { name: 'renameHabit index 0.5', make: week('renameHabit', () => ({ habitIndex: 0.5, name: 'x' }), 'invalid_request') },
  { name: 'renameHabit index as text', make: week('renameHabit', () => ({ habitIndex: '0', name: 'x' }), 'invalid_request') },
  { name: 'renameHabit index past its bound', make: week('renameHabit', () => ({ habitIndex: L.habitIndex + 1, name: 'x' }), 'invalid_request') },
  { name: 'renameHabit index at its bound', make: week('renameHabit', () => ({ habitIndex: L.habitIndex, name: 'x' }), 'habit_not_found') },
  { name: 'setStatus Sunday', make: week('setStatus', () => ({ habitIndex: 0, day: 6, status: 'red' }), 'ok') },
  { name: 'setStatus Monday', make: week('setStatus', (c) => ({ habitIndex: c.habits - 1, day: 0, status: 'yellow' }), 'ok') },
  { name: 'setStatus day 7', make: week('setStatus', () => ({ habitIndex: 0, day: 7, status: 'red' }), 'invalid_request') },
  { name: 'setStatus day -1', make: week('setStatus', () => ({ habitIndex: 0, day: -1, status: 'red' }), 'invalid_request') },
  { name: 'setStatus day 2.5', make: week('setStatus', () => ({ habitIndex: 0, day: 2.5, status: 'red' }), 'invalid_request') },
  { name: 'setStatus unknown status', make: week('setStatus', () => ({ habitIndex: 0, day: 1, status: 'blue' }), 'invalid_request') },
  { name: 'setStatus status in capitals', make: week('setStatus', () => ({ habitIndex: 0, day: 1, status: 'GREEN' }), 'invalid_request') },
  { name: 'setStatus without a status', make: week('setStatus', () => ({ habitIndex: 0, day: 1 }), 'invalid_request') },
  { name: 'setStatus one past the last habit', make: week('setStatus', (c) => ({ habitIndex: c.habits, day: 1, status: 'red' }), 'habit_not_found') },
  { name: 'reorderHabits reversed', make: week('reorderHabits', (c) => ({ order: perm(c.habits) }), 'ok') },
  { name: 'reorderHabits one short', make: week('reorderHabits', (c) => ({ order: perm(c.habits).slice(1) }), 'invalid_request') },
  { name: 'reorderHabits one too many', make: week('reorderHabits', (c) => ({ order: [...perm(c.habits), c.habits] }), 'invalid_request') },
  { name: 'reorderHabits a repeated index', make: week('reorderHabits', (c) => ({ order: [0, ...perm(c.habits).slice(1).map(() => 0)] }), 'invalid_request') },
  { name: 'reorderHabits an index out of range', make: week('reorderHabits', (c) => ({ order: [...perm(c.habits).slice(1), c.habits] }), 'invalid_request') },
  { name: 'reorderHabits a negative index', make: week('reorderHabits', (c) => ({ order: [...perm(c.habits).slice(1), -1] }), 'invalid_request') },
  { name: 'reorderHabits a fraction', make: week('reorderHabits', (c) => ({ order: [...perm(c.habits).slice(1), 0.5] }), 'invalid_request') },
  { name: 'reorderHabits indexes as text', make: week('reorderHabits', (c) => ({ order: perm(c.habits).map(String) }), 'invalid_request') },
  { name: 'reorderHabits not an array', make: week('reorderHabits', () => ({ order: { 0: 0 } }), 'invalid_request') },
  { name: 'reorderHabits without an order', make: week('reorderHabits', () => ({}), 'invalid_request') },
  { name: 'removeHabit the last habit', make: week('removeHabit', (c) => ({ habitIndex: c.habits - 1 }), (c) => (c.habits > 1 ? 'ok' : 'habit_not_found')) },
  { name: 'removeHabit one past the last', make: week('removeHabit', (c) => ({ habitIndex: c.habits }), 'habit_not_found') },
  { name: 'setTheme at the limit', make: week('setTheme', (c) => ({ theme: c.text(L.freeText) }), 'ok') },
  { name: 'setTheme past the limit', make: week('setTheme', (c) => ({ theme: c.text(L.freeText + 1) }), 'invalid_request') },
  { name: 'setTheme not a string', make: week('setTheme', () => ({ theme: 1 }), 'invalid_request') },
  { name: 'setReward at the limit', make: week('setReward', (c) => ({ reward: c.text(L.freeText) }), 'ok') },
  { name: 'setReward past the limit', make: week('setReward', (c) => ({ reward: c.text(L.freeText + 1) }), 'invalid_request') },
  { name: 'setReward null', make: week('setReward', () => ({ reward: null }), 'ok') },
  { name: 'setReflection empty object', make: week('setReflection', () => ({ reflection: {} }), 'ok') },
  { name: 'setReflection an array', make: week('setReflection', () => ({ reflection: [] }), 'invalid_request') },
  { name: 'setReflection a string', make: week('setReflection', () => ({ reflection: '좋아요' }), 'invalid_request') },
  { name: 'week op on legacy id 0', make: (c) => ({ ...week('setTheme', () => ({ theme: 'x' }), 'invalid_request')(c), request: { legacyId: 0, theme: 'x' } }) },
  { name: 'week op on legacy id 1.5', make: (c) => ({ ...week('setTheme', () => ({ theme: 'x' }), 'invalid_request')(c), request: { legacyId: 1.5, theme: 'x' } }) },
  { name: 'week op without legacy id', make: () => ({ op: 'setTheme', request: { theme: 'x' }, expect: 'invalid_request' }) },
  { name: 'week op on a week that is not there', make: () => ({ op: 'setTheme', request: { legacyId: 987654321, theme: 'x' }, expect: 'week_not_found' }) },
  { name: 'createWeek habits at the limit', make: newWeek((c) => ({ weekStartDate: '2026-01-19', habits: Array.from({ length: L.habitsPerRequest }, (_, i) => (i === 0 ? c.text(L.habitName) : `습관 ${i}`)) }), 'ok') },
  { name: 'createWeek habits past the limit', make: newWeek(() => ({ habits: Array.from({ length: L.habitsPerRequest + 1 }, () => 'x') }), 'invalid_request') },
  { name: 'createWeek a habit name past the limit', make: newWeek((c) => ({ habits: [c.text(L.habitName + 1)] }), 'invalid_request') },
  { name: 'createWeek a habit name not a string', make: newWeek(() => ({ habits: ['x', 3] }), 'invalid_request') },
  { name: 'createWeek habits not an array', make: newWeek(() => ({ habits: 'x' }), 'invalid_request') },
  { name: 'createWeek child name at the limit', make: newWeek((c) => ({ childName: c.text(L.childName), weekStartDate: '2026-01-26' }), 'ok') },
  { name: 'createWeek child name of one character', make: newWeek((c) => ({ childName: c.text(1), weekStartDate: '2026-02-23' }), 'ok') },
  { name: 'createWeek child name past the limit', make: newWeek((c) => ({ childName: c.text(L.childName + 1) }), 'invalid_request') },
  { name: 'createWeek empty child name', make: newWeek(() => ({ childName: '' }), 'invalid_request') },
  { name: 'createWeek on a Wednesday', make: newWeek(() => ({ weekStartDate: '2026-01-07' }), 'invalid_request') },
  { name: 'createWeek on no calendar date', make: newWeek(() => ({ weekStartDate: '2026-02-30' }), 'invalid_request') },
  { name: 'createWeek a date in another format', make: newWeek(() => ({ weekStartDate: '2026/01/12' }), 'invalid_request') },
  { name: 'createWeek a user id that is no uuid', make: newWeek(() => ({ userId: 'parent-1' }), 'invalid_request') },
  { name: 'createWeek a user id with no account', make: newWeek(() => ({ userId: GHOST }), 'invalid_request') },
  { name: 'createWeek reflection an array', make: newWeek(() => ({ reflection: [1] }), 'invalid_request') },
  { name: 'createWeek a template of nobody', make: newWeek(() => ({ templateId: GHOST }), 'invalid_request') },
  { name: 'createTemplate name at the limit', make: template((c) => ({ name: c.text(L.templateName) }), 'ok') },
  { name: 'createTemplate name of one character', make: template((c) => ({ name: c.text(1) }), 'ok') },
  { name: 'createTemplate name past the limit', make: template((c) => ({ name: c.text(L.templateName + 1) }), 'invalid_request') },
  { name: 'createTemplate empty name', make: template(() => ({ name: '' }), 'invalid_request') },
  { name: 'createTemplate isDefault as text', make: template(() => ({ isDefault: 'yes' }), 'invalid_request') },
  { name: 'createTemplate description past the limit', make: template((c) => ({ description: c.text(L.freeText + 1) }), 'invalid_request') },
  { name: 'createTemplate for a child the new schema lacks', make: template(() => ({ childName: '없는 아이' }), 'invalid_request') },
  { name: 'an empty idempotency key', make: (c) => ({ ...week('setTheme', () => ({ theme: 'x' }), 'invalid_request')(c), key: '' }) },
  { name: 'an idempotency key past the limit', make: (c) => ({ ...week('setTheme', () => ({ theme: 'x' }), 'invalid_request')(c), key: 'k'.repeat(L.keyLength + 1) }) },
  { name: 'an idempotency key at the limit', make: (c) => ({ ...week('setTheme', () => ({ theme: 'y' }), 'ok')(c), key: 'k'.repeat(L.keyLength) }) },
  { name: 'an unknown operation', make: (c) => ({ op: 'dropWeek', request: { legacyId: c.legacyId }, expect: 'invalid_request' }) },
  { name: 'an unknown operation on a week that is not there', make: () => ({ op: 'dropWeek', request: { legacyId: 987654321 }, expect: 'invalid_request' }) },
  { name: 'setReflection null', make: week('setReflection', () => ({ reflection: null }), 'ok') },
  { name: 'createWeek with a reflection', make: newWeek(() => ({ weekStartDate: '2026-02-02', reflection: { 느낀점: '좋아요' } }), 'ok') },
  { name: 'createWeek from a template of its own', make: newWeek((c) => ({ weekStartDate: '2026-02-09', templateId: c.ownTemplate, habits: undefined }), 'ok') },
  { name: "createWeek from another family's template", make: newWeek((c) => ({ weekStartDate: '2026-02-16', templateId: c.otherTemplate, habits: undefined }), 'invalid_request') },
  { name: "createWeek for a sibling on the probe week's Monday", make: newWeek(() => ({ childName: '검증의 동생', weekStartDate: '2026-01-05' }), 'ok') },
  { name: 'createWeek for the probe week again', make: newWeek(() => ({ weekStartDate: '2026-01-05', habits: ['다른 습관'] }), 'ok') },
  { name: 'a request that is no object', make: () => ({ op: 'setTheme', request: ['x'], expect: 'invalid_request' }) },
];

/**
 * The API at the edges of what it takes: each probe of PROBES — every operation just inside and just
 * outside each limit of REQUEST_LIMITS, malformed fields, unknown operations and keys — sent in a
 * random order to a week with habits. A request inside the limits is answered as the model says; one
 * outside is refused with its code (invalid_request, habit_not_found, week_not_found); at the end the
 * legacy table is the model's (refusals wrote nothing) and the new schema the legacy table's.
 */
export const requestValidation: PropertyDef<RequestValidationCase> = {
  name: 'phase-1/request-validation',
  tags: ['phase-1'],
  description: 'Requests just inside every limit of the API are answered as the model says; just outside, malformed or unknown, they are refused with their code and write nothing.',
  defaultRuns: 4,
  arbitrary: () =>
    fc.record(
      {
        dataset: legacyDatasetArbitrary({ mode: 'realistic', minRows: 1, maxRows: 4 }),
        order: fc.shuffledSubarray([...PROBES.keys()], { minLength: PROBES.length, maxLength: PROBES.length }),
        char: fc.constantFrom('가', 'a', '🐰', ' '),
      },
      { noNullPrototype: true },
    ),
  setup: (ctx) => setupPhase1(ctx),
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    const c = ctx.client;
    await loadAndBackfill(ctx, input.dataset, [OWNER, OTHER]);
    const model = await LegacyModel.read(c);
    const executed: Executed[] = [];
    const send = async (call: ApiCall) => {
      const e = await execute(c, 0, call, ctx.impl);
      executed.push(e);
      return e;
    };
    const made = await send({ kind: 'api', op: 'createWeek', key: 'probe-week', request: { userId: OWNER, childName: '검증', weekStartDate: '2026-01-05', habits: ['숙제하기', '책 읽기', '아침 (7-8시) 운동'] } });
    const legacyId = Number((made.outcome as { response?: { legacyId?: unknown } } | undefined)?.response?.legacyId);
    if (!Number.isInteger(legacyId)) throw new PropertyFailure(`a valid createWeek was not answered with a legacy id: ${made.error ?? JSON.stringify(made.outcome)}`);

    const templateOf = async (key: string, userId: string, habits: string[]) => {
      const t = await send({ kind: 'api', op: 'createTemplate', key, request: { userId, name: '평일', habits } });
      const id = (t.outcome as { response?: { templateId?: unknown } } | undefined)?.response?.templateId;
      if (typeof id !== 'string') throw new PropertyFailure(`a valid createTemplate was not answered with a template id: ${t.error ?? JSON.stringify(t.outcome)}`);
      return id;
    };
    const ownTemplate = await templateOf('probe-template', OWNER, ['숙제하기', '줄넘기']);
    const otherTemplate = await templateOf('other-template', OTHER, ['피아노 연습']);

    const refusals: unknown[] = [];
    for (const [i, p] of input.order.map((k) => [k, PROBES[k]!] as const)) {
      const probe = p.make({ legacyId, habits: await habitCount(c, legacyId), text: (n) => input.char.repeat(n), ownTemplate, otherTemplate });
      if (probe.request && typeof probe.request === 'object' && 'habits' in probe.request && (probe.request as { habits?: unknown }).habits === undefined) delete (probe.request as { habits?: unknown }).habits;
      const call = { kind: 'api', op: probe.op, key: probe.key ?? `probe-${i}`, request: probe.request } as ApiCall;
      if (probe.expect === 'ok') {
        const e = await send(call);
        // a week's answer names its week: the one the new schema holds for that legacy row
        const r = e.outcome?.ok && 'response' in e.outcome ? e.outcome.response : undefined;
        if (r && typeof r.weekId === 'string' && r.legacyId !== undefined) {
          const weekIds = ctx.impl.observe.weekIds ? await ctx.impl.observe.weekIds(c) : undefined;
          const want = weekIds?.get(Number(r.legacyId));
          if (weekIds && want !== r.weekId) refusals.push({ probe: p.name, op: probe.op, expected: `weekId ${want ?? '(none)'}`, got: `weekId ${r.weekId}` });
        }
        continue;
      }
      const e = await execute(c, 0, call, ctx.impl);
      const got = e.outcome === undefined ? e.error : e.outcome.ok ? 'answered' : e.outcome.rejection;
      if (got !== probe.expect) refusals.push({ probe: p.name, op: probe.op, expected: probe.expect, got, outcome: e.outcome ?? e.error });
    }
    if (refusals.length > 0) {
      throw new PropertyFailure(`${refusals.length} request(s) past a limit not refused as the contract says (first: ${JSON.stringify(refusals[0])})`, { refusals });
    }
    const mismatches = replayInModel(model, executed);
    if (mismatches.length > 0) throw new PropertyFailure(`${mismatches.length} request(s) inside the limits answered differently from the model (first: ${JSON.stringify(mismatches[0]!.write).slice(0, 300)})`, { mismatches });
    const diffs = await modelDiffs(c, model);
    if (diffs.length > 0) throw new PropertyFailure(`the legacy table is not the model's after the probes (a refusal wrote something?)`, { diffs });
    const consistency = await readConsistency(c, ctx.impl);
    if (!isConsistent(consistency)) throw new PropertyFailure(`after the probes the new schema is not the legacy table's: ${describeInconsistency(consistency)}`, { ...consistency });
  },
};
