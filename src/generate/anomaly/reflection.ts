/** Anomalies of the reflection column (free-form JSON, normally an object). */
import fc from 'fast-check';
import { defineAnomaly } from './define.ts';
import { isJsonNull, isJsonObject } from './inspect.ts';

export const reflectionNull = defineAnomaly({
  id: 'reflection_null',
  description: 'the reflection column is SQL NULL',
  treatment: { kind: 'normalize', normalization: 'reflection_null' },
  params: fc.constant(null),
  apply(draft) {
    draft.reflection = null;
    draft.jsonNull.delete('reflection');
    return true;
  },
  detect: (row) => row.reflection === null && !isJsonNull(row, 'reflection'),
});

export const reflectionJsonNull = defineAnomaly({
  id: 'reflection_json_null',
  description: "the reflection column is the JSON literal null ('null'::jsonb)",
  treatment: { kind: 'normalize', normalization: 'reflection_null' },
  params: fc.constant(null),
  apply(draft) {
    draft.reflection = null;
    draft.jsonNull.add('reflection');
    return true;
  },
  detect: (row) => isJsonNull(row, 'reflection'),
});

export const NOT_OBJECT_REFLECTIONS = ['empty_array', 'array', 'string', 'number', 'boolean'] as const;

export const reflectionNotObject = defineAnomaly({
  id: 'reflection_not_object',
  description: 'reflection is an array, a string, a number or a boolean',
  treatment: { kind: 'quarantine', reason: 'reflection_not_object' },
  params: fc.constantFrom(...NOT_OBJECT_REFLECTIONS),
  apply(draft, kind) {
    draft.reflection = { empty_array: [], array: ['좋았어요'], string: '좋았어요', number: 5, boolean: true }[kind];
    draft.jsonNull.delete('reflection');
    return true;
  },
  detect: (row) => row.reflection !== null && !isJsonObject(row.reflection),
});

export const reflectionFreeform = defineAnomaly({
  id: 'reflection_freeform',
  description: 'a reflection object with other keys: nested values, numbers, an empty key, a Korean key',
  treatment: { kind: 'as_is' },
  params: fc.constantFrom('nested', 'numbers', 'empty_key', 'korean_key'),
  apply(draft, kind) {
    const base = isJsonObject(draft.reflection) ? draft.reflection : {};
    const extra = {
      nested: { days: { mon: ['양치', 3], tue: null } },
      numbers: { stars: 4.5, big: 12345678901234, negative: -0.25 },
      empty_key: { '': '빈 키' },
      korean_key: { 별점: 5, '엄마 한마디': '잘했어!' },
    }[kind];
    draft.reflection = { ...base, ...extra };
    draft.jsonNull.delete('reflection');
    return true;
  },
  detect: (row) => isJsonObject(row.reflection) && Object.keys(row.reflection).some((k) => k !== 'good' && k !== 'improve'),
});
