/** Anomalies of the habits column and of its entries. */
import fc from 'fast-check';
import { STATUSES } from '../dataset.ts';
import { HABIT_ACTIVITIES, HABIT_PREFIXES, habitName } from '../vocabulary.ts';
import { defineAnomaly } from './define.ts';
import { habitObjects, isJsonNull, isJsonObject, pick } from './inspect.ts';


export const habitsNull = defineAnomaly({
  id: 'habits_null',
  description: 'the habits column is SQL NULL',
  treatment: { kind: 'normalize', normalization: 'habits_null' },
  params: fc.constant(null),
  apply(draft) {
    draft.habits = null;
    draft.jsonNull.delete('habits');
    return true;
  },
  detect: (row) => row.habits === null && !isJsonNull(row, 'habits'),
});

export const habitsJsonNull = defineAnomaly({
  id: 'habits_json_null',
  description: "the habits column is the JSON literal null ('null'::jsonb, not SQL NULL)",
  treatment: { kind: 'normalize', normalization: 'habits_null' },
  params: fc.constant(null),
  apply(draft) {
    draft.habits = null;
    draft.jsonNull.add('habits');
    return true;
  },
  detect: (row) => isJsonNull(row, 'habits'),
});

export const habitsEmpty = defineAnomaly({
  id: 'habits_empty',
  description: 'habits is an empty array: a week without habits',
  treatment: { kind: 'as_is' },
  params: fc.constant(null),
  apply(draft) {
    draft.habits = [];
    return true;
  },
  detect: (row) => Array.isArray(row.habits) && row.habits.length === 0,
});

/** Non-array habits values: objects, a string (also one that looks like an array), a number, a boolean. */
export const NOT_ARRAY_HABITS = ['object', 'habit_object', 'string', 'array_text', 'number', 'boolean'] as const;

export const habitsNotArray = defineAnomaly({
  id: 'habits_not_array',
  description: 'habits is a JSON object, string, number or boolean',
  treatment: { kind: 'quarantine', reason: 'habits_not_array' },
  params: fc.constantFrom(...NOT_ARRAY_HABITS),
  apply(draft, kind) {
    const first = habitObjects(draft.habits)[0];
    draft.habits = {
      object: () => ({}),
      habit_object: () => (first ? structuredClone(first) : { name: '양치하기', times: ['green'] }),
      string: () => '양치하기',
      array_text: () => '[]',
      number: () => 3,
      boolean: () => true,
    }[kind]();
    return true;
  },
  detect: (row) => row.habits !== null && !Array.isArray(row.habits),
});

export const manyHabits = defineAnomaly({
  id: 'many_habits',
  description: '60 to 80 habits in one week',
  treatment: { kind: 'as_is', rule: 'many_habits' },
  params: fc.record({ count: fc.integer({ min: 60, max: 80 }), pattern: fc.nat() }, { noNullPrototype: true }),
  apply(draft, { count, pattern }) {
    draft.habits = Array.from({ length: count }, (_, k) => ({
      name: `${habitName(HABIT_PREFIXES[k % HABIT_PREFIXES.length]!, HABIT_ACTIVITIES[k % HABIT_ACTIVITIES.length]!)} ${k + 1}`,
      times: Array.from({ length: 7 }, (_, d) => STATUSES[(pattern + k * 7 + d) % STATUSES.length]!),
    }));
    return true;
  },
  detect: (row) => Array.isArray(row.habits) && row.habits.length >= 60,
});

export const NOT_OBJECT_HABITS = ['null', 'string', 'number', 'boolean', 'array'] as const;

export const habitNotObject = defineAnomaly({
  id: 'habit_not_object',
  description: 'an entry of habits is null, a string, a number, a boolean or an array',
  treatment: { kind: 'quarantine', reason: 'habit_not_object' },
  params: fc.record({ position: fc.nat(), kind: fc.constantFrom(...NOT_OBJECT_HABITS) }, { noNullPrototype: true }),
  apply(draft, { position, kind }) {
    if (!Array.isArray(draft.habits)) return false;
    const value = { null: null, string: '양치하기', number: 7, boolean: false, array: ['green'] }[kind];
    draft.habits.splice(position % (draft.habits.length + 1), 0, structuredClone(value));
    return true;
  },
  detect: (row) => Array.isArray(row.habits) && row.habits.some((h) => !isJsonObject(h)),
});

export const INVALID_NAMES = ['missing', 'null', 'number', 'boolean', 'array', 'object'] as const;

export const habitNameInvalid = defineAnomaly({
  id: 'habit_name_invalid',
  description: "a habit's name is missing, null, a number, a boolean, an array or an object",
  treatment: { kind: 'quarantine', reason: 'habit_name_invalid' },
  params: fc.record({ habit: fc.nat(), kind: fc.constantFrom(...INVALID_NAMES) }, { noNullPrototype: true }),
  apply(draft, { habit, kind }) {
    const h = pick(habitObjects(draft.habits), habit);
    if (!h) return false;
    if (kind === 'missing') delete h.name;
    else h.name = { null: null, number: 42, boolean: true, array: ['양치하기'], object: { ko: '양치하기' } }[kind];
    return true;
  },
  detect: (row) => habitObjects(row.habits).some((h) => typeof h.name !== 'string'),
});

/** Extra keys: a capitalized `Name` (keys are case sensitive), app-ish fields, an emoji key. */
export const EXTRA_KEYS = ['Name', 'color', 'done', 'order', 'id', '🦷'] as const;

export const habitUnknownKeys = defineAnomaly({
  id: 'habit_unknown_keys',
  description: 'a habit has a key besides name and times (color, done, order, Name, …)',
  treatment: { kind: 'quarantine', reason: 'habit_unknown_keys' },
  params: fc.record(
    { habit: fc.nat(), key: fc.constantFrom(...EXTRA_KEYS), value: fc.constantFrom<unknown>('blue', 1, true, null, ['a']) },
    { noNullPrototype: true },
  ),
  apply(draft, { habit, key, value }) {
    const h = pick(habitObjects(draft.habits), habit);
    if (!h) return false;
    h[key] = structuredClone(value);
    return true;
  },
  detect: (row) => habitObjects(row.habits).some((h) => Object.keys(h).some((k) => k !== 'name' && k !== 'times')),
});

export const habitNameEmpty = defineAnomaly({
  id: 'habit_name_empty',
  description: 'a habit named "" (empty string)',
  treatment: { kind: 'as_is', rule: 'habit_names' },
  params: fc.nat(),
  apply(draft, habit) {
    const h = pick(habitObjects(draft.habits), habit);
    if (!h) return false;
    h.name = '';
    return true;
  },
  detect: (row) => habitObjects(row.habits).some((h) => h.name === ''),
});

export const habitNamesDuplicate = defineAnomaly({
  id: 'habit_names_duplicate',
  description: 'two habits of one week with the same name',
  treatment: { kind: 'as_is', rule: 'habit_names' },
  params: fc.record({ from: fc.nat(), to: fc.nat() }, { noNullPrototype: true }),
  apply(draft, { from, to }) {
    if (!Array.isArray(draft.habits)) return false;
    const named = habitObjects(draft.habits).filter((h) => typeof h.name === 'string');
    const source = pick(named, from);
    if (!source) return false;
    const others = named.filter((h) => h !== source);
    const target = pick(others, to);
    if (target) target.name = source.name;
    else draft.habits.push({ name: source.name, times: ['green', 'green', 'yellow', 'red', 'none', 'green', 'green'] });
    return true;
  },
  detect(row) {
    const names = habitObjects(row.habits)
      .map((h) => h.name)
      .filter((n) => typeof n === 'string');
    return new Set(names).size < names.length;
  },
});
