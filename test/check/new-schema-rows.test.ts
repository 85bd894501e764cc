import { describe, expect, test } from 'vitest';
import { expectedOutcomes, retriedOutcomes } from '../../src/check/canonical.ts';
import { expectedNewSchemaRows, rowKey, type NewSchemaRows } from '../../src/check/new-schema-rows.ts';
import { newSchemaDiffs } from '../../src/check/new-schema-diff.ts';
import { originalProblems, quarantineProblems } from '../../src/check/quarantine-rows.ts';
import { timePeriodOf } from '../../src/migration/mapping-rules.ts';
import { OWNER_A, row } from '../generate/support/rows.ts';

const users = new Set([OWNER_A]);
const copy = (rows: NewSchemaRows): NewSchemaRows =>
  Object.fromEntries(Object.entries(rows).map(([t, m]) => [t, new Map([...m].map(([k, v]) => [k, { ...v }]))])) as NewSchemaRows;

describe('the direct oracle: expected new-schema rows', () => {
  const outcomes = expectedOutcomes([row({ id: 1 }), row({ id: 2, week_start_date: '2025-10-20', created_at: '2025-10-20T08:00:00.000Z' }), row({ id: 3, user_id: null })], users);
  const rows = expectedNewSchemaRows(outcomes);

  test('one child per (owner, exact name), created with its first migrated week; a week per migrated row', () => {
    expect([...rows.children]).toEqual([[rowKey([OWNER_A, '서연']), { avatar_url: null, birth_date: null, created_at: '2025-10-13T08:00:00.000000Z' }]]);
    expect(rows.weeks.get(rowKey([OWNER_A, '서연', '2025-10-20']))).toMatchObject({ week_end_date: '2025-10-26', legacy_id: 2, theme: '공룡 탐험', template_id: null });
    expect(rows.weeks.size).toBe(2);
  });

  test('habits 0-based in array order with their time period; 7 records per habit, dated start + day', () => {
    expect(rows.habits.get(rowKey([OWNER_A, '서연', '2025-10-13', 0]))).toEqual({ name: '아침 (6-9시) 양치하기', time_period: '아침 (6-9시)' });
    expect(rows.habits.get(rowKey([OWNER_A, '서연', '2025-10-13', 1]))).toEqual({ name: '책 읽기', time_period: null });
    expect(rows.habit_records.size).toBe(2 * 2 * 7);
    expect(rows.habit_records.get(rowKey([OWNER_A, '서연', '2025-10-13', 0, '2025-10-19']))).toEqual({ status: 'none', note: null });
  });

  test('differences are located by table, natural key and column; ids play no part', () => {
    const actual = copy(rows);
    actual.weeks.get(rowKey([OWNER_A, '서연', '2025-10-13']))!.reward = '스티커';
    actual.habits.set(rowKey([OWNER_A, '서연', '2025-10-13', 2]), { name: 'x', time_period: null });
    actual.habit_records.delete(rowKey([OWNER_A, '서연', '2025-10-20', 1, '2025-10-22']));
    delete actual.weeks.get(rowKey([OWNER_A, '서연', '2025-10-20']))!.legacy_id; // optional: an implementation without it
    expect(newSchemaDiffs(rows, actual).map((d) => [d.table, d.column, d.expected, d.actual])).toEqual([
      ['weeks', 'reward', '스티커 5장', '스티커'],
      ['habits', 'row', 'absent', 'present'],
      ['habit_records', 'row', 'present', 'missing'],
    ]);
    expect(newSchemaDiffs(rows, copy(rows))).toEqual([]);
  });

  test('time_period follows the plan regex (a prefix up to the first closing parenthesis)', () => {
    expect(timePeriodOf('저녁 (7시)')).toBe('저녁 (7시)');
    expect(timePeriodOf(')a')).toBeNull();
    expect(timePeriodOf('')).toBeNull();
    expect(timePeriodOf('줄\n바꿈)끝')).toBe('줄\n바꿈)');
  });
});

describe('faults: the oracle of rows that fail at insert time', () => {
  const rows = [row({ id: 1 }), row({ id: 2 }), row({ id: 3, week_start_date: '2025-10-20' })];

  test('a failing row is unexpected_error and leaves its week to the next row of its group; a rerun makes it a duplicate of that row', () => {
    const faulted = expectedOutcomes(rows, users, { failing: new Set([1, 3]) });
    expect([...faulted].map(([id, o]) => [id, o.kind === 'quarantine' ? o.reason : 'migrate'])).toEqual([[1, 'unexpected_error'], [2, 'migrate'], [3, 'unexpected_error']]);
    const retried = retriedOutcomes(rows, faulted);
    expect(retried.get(1)).toEqual({ kind: 'quarantine', reason: 'duplicate_week', keptLegacyId: 2 });
    expect(retried.get(3)?.kind).toBe('migrate');
  });

  test('a failing row the rules quarantine never gets as far as the fault', () => {
    expect(expectedOutcomes([row({ id: 1, user_id: null })], users, { failing: new Set([1]) }).get(1)).toEqual({ kind: 'quarantine', reason: 'owner_null' });
  });

  test('a quarantine row must keep the original row and the detail its reason calls for', () => {
    const legacy = [row({ id: 1, user_id: null })];
    const expected = expectedOutcomes(legacy, users);
    const original = { ...legacy[0]!, created_at: '2025-10-13T08:00:00.000000Z', updated_at: '2025-10-14T08:00:00Z' };
    expect(originalProblems(legacy[0]!, original)).toEqual([]);
    expect(quarantineProblems(legacy, expected, [{ legacy_id: 1, reason: 'owner_null', detail: null, original: {} }])).toHaveLength(11);
    expect(originalProblems(legacy[0]!, { ...original, theme: ' 공룡 탐험' }).map((p) => p.field)).toEqual(['original.theme']);
    const failing = expectedOutcomes([row({ id: 1 })], users, { failing: new Set([1]) });
    const q = { legacy_id: 1, reason: 'unexpected_error' as const, original: { ...original, user_id: OWNER_A } };
    expect(quarantineProblems([row({ id: 1 })], failing, [{ ...q, detail: { sqlstate: 'P0001' } }], { sqlstates: new Map([[1, 'P0001']]) })).toEqual([]);
    expect(quarantineProblems([row({ id: 1 })], failing, [{ ...q, detail: { sqlstate: '42702' } }], { sqlstates: new Map([[1, 'P0001']]) })).toHaveLength(1);
  });
});
