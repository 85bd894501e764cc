/** Anomalies of a habit's `times` array and of the statuses in it. */
import fc from 'fast-check';
import { STATUSES } from '../dataset.ts';
import { defineAnomaly } from './define.ts';
import { habitObjects, isStatus, pick, someStatus } from './inspect.ts';

/** The times arrays of the draft (mutable), in habit order. */
function draftTimes(habits: unknown): unknown[][] {
  const out: unknown[][] = [];
  for (const h of habitObjects(habits)) if (Array.isArray(h.times)) out.push(h.times);
  return out;
}

export const timesMissing = defineAnomaly({
  id: 'times_missing',
  description: "a habit's times is null or the key is absent",
  treatment: { kind: 'normalize', normalization: 'times_missing' },
  params: fc.record({ habit: fc.nat(), absent: fc.boolean() }, { noNullPrototype: true }),
  apply(draft, { habit, absent }) {
    const h = pick(habitObjects(draft.habits), habit);
    if (!h) return false;
    if (absent) delete h.times;
    else h.times = null;
    return true;
  },
  detect: (row) => habitObjects(row.habits).some((h) => !('times' in h) || h.times === null),
});

export const NOT_ARRAY_TIMES = ['csv_text', 'status_text', 'number', 'object', 'boolean'] as const;

export const timesNotArray = defineAnomaly({
  id: 'times_not_array',
  description: "a habit's times is a string, number, object or boolean",
  treatment: { kind: 'quarantine', reason: 'times_not_array' },
  params: fc.record({ habit: fc.nat(), kind: fc.constantFrom(...NOT_ARRAY_TIMES) }, { noNullPrototype: true }),
  apply(draft, { habit, kind }) {
    const h = pick(habitObjects(draft.habits), habit);
    if (!h) return false;
    h.times = { csv_text: 'green,red,none', status_text: 'green', number: 7, object: { '0': 'green' }, boolean: true }[kind];
    return true;
  },
  detect: (row) => habitObjects(row.habits).some((h) => 'times' in h && h.times !== null && !Array.isArray(h.times)),
});

export const timesShort = defineAnomaly({
  id: 'times_short',
  description: "a habit's times has 0 to 6 entries",
  treatment: { kind: 'normalize', normalization: 'times_short' },
  params: fc.record({ habit: fc.nat(), length: fc.integer({ min: 0, max: 6 }) }, { noNullPrototype: true }),
  apply(draft, { habit, length }) {
    const times = pick(draftTimes(draft.habits), habit);
    if (!times) return false;
    times.splice(Math.min(length, Math.max(0, times.length - 1)));
    return true;
  },
  detect: (row) => habitObjects(row.habits).some((h) => Array.isArray(h.times) && h.times.length < 7),
});

export const timesTooLong = defineAnomaly({
  id: 'times_too_long',
  description: "a habit's times has 8 to 10 entries",
  treatment: { kind: 'quarantine', reason: 'times_too_long' },
  params: fc.record(
    { habit: fc.nat(), extra: fc.array(fc.constantFrom(...STATUSES), { minLength: 1, maxLength: 3, size: 'max' }) },
    { noNullPrototype: true },
  ),
  apply(draft, { habit, extra }) {
    const times = pick(draftTimes(draft.habits), habit);
    if (!times) return false;
    while (times.length < 7) times.push('none');
    times.push(...extra);
    return true;
  },
  detect: (row) => habitObjects(row.habits).some((h) => Array.isArray(h.times) && h.times.length > 7),
});

/** Sets one status of one habit; false when the draft has no non-empty times array. */
function setStatus(habits: unknown, habit: number, day: number, value: unknown): boolean {
  const times = pick(
    draftTimes(habits).filter((t) => t.length > 0),
    habit,
  );
  if (!times) return false;
  times[day % times.length] = structuredClone(value);
  return true;
}

const at = { habit: fc.nat(), day: fc.integer({ min: 0, max: 6 }) };

export const statusNull = defineAnomaly({
  id: 'status_null',
  description: 'a status is null',
  treatment: { kind: 'normalize', normalization: 'status_null' },
  params: fc.record(at, { noNullPrototype: true }),
  apply: (draft, { habit, day }) => setStatus(draft.habits, habit, day, null),
  detect: (row) => someStatus(row, (s) => s === null),
});

export const statusNone = defineAnomaly({
  id: 'status_none',
  description: "a status is the explicit string 'none'",
  treatment: { kind: 'as_is' },
  params: fc.record(at, { noNullPrototype: true }),
  apply: (draft, { habit, day }) => setStatus(draft.habits, habit, day, 'none'),
  detect: (row) => someStatus(row, (s) => s === 'none'),
});

export const CASED_STATUSES = ['GREEN', 'Red', 'YELLOW', 'None', 'gReEn'] as const;

export const statusCase = defineAnomaly({
  id: 'status_case',
  description: 'a status in another letter case (GREEN, Red, None)',
  treatment: { kind: 'normalize', normalization: 'status_case' },
  params: fc.record({ ...at, value: fc.constantFrom(...CASED_STATUSES) }, { noNullPrototype: true }),
  apply: (draft, { habit, day, value }) => setStatus(draft.habits, habit, day, value),
  detect: (row) => someStatus(row, (s) => typeof s === 'string' && !isStatus(s) && isStatus(s.toLowerCase())),
});

/** Strings that are no status in any letter case: a colour, empty, padded, Korean, accented, a typo. */
export const UNKNOWN_STATUSES = ['blue', '', ' green', 'green ', '초록', 'grëen', 'gren', 'done'] as const;

export const statusUnknown = defineAnomaly({
  id: 'status_unknown',
  description: "a status string that is not green/yellow/red/none in any case ('blue', '', ' green')",
  treatment: { kind: 'quarantine', reason: 'status_unknown' },
  params: fc.record({ ...at, value: fc.constantFrom(...UNKNOWN_STATUSES) }, { noNullPrototype: true }),
  apply: (draft, { habit, day, value }) => setStatus(draft.habits, habit, day, value),
  detect: (row) => someStatus(row, (s) => typeof s === 'string' && !isStatus(s.toLowerCase())),
});

export const NON_STRING_STATUSES = ['one', 'zero', 'fraction', 'true', 'false', 'object', 'array'] as const;

export const statusNotString = defineAnomaly({
  id: 'status_not_string',
  description: 'a status is a number, boolean, object or array',
  treatment: { kind: 'quarantine', reason: 'status_not_string' },
  params: fc.record({ ...at, kind: fc.constantFrom(...NON_STRING_STATUSES) }, { noNullPrototype: true }),
  apply(draft, { habit, day, kind }) {
    const value = { one: 1, zero: 0, fraction: 1.5, true: true, false: false, object: { status: 'green' }, array: ['green'] }[kind];
    return setStatus(draft.habits, habit, day, value);
  },
  detect: (row) => someStatus(row, (s) => s !== null && typeof s !== 'string'),
});
