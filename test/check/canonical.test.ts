import { describe, expect, test } from 'vitest';
import { canonicalRow, canonicalTimestamp, codePoints, expectedOutcomes, rowReasons } from '../../src/check/canonical.ts';
import { diffRow, jsonEqual, roundTripDiffs, accountingProblems } from '../../src/check/round-trip.ts';
import type { LegacyRow } from '../../src/generate/dataset.ts';

const OWNER = '11111111-1111-4111-8111-111111111111';
const users = new Set([OWNER]);
const row = (over: Partial<LegacyRow> = {}): LegacyRow => ({
  id: 1,
  user_id: OWNER,
  child_name: '서연',
  week_period: null,
  week_start_date: '2025-10-13',
  theme: null,
  habits: [{ name: '아침 (6-9시) 양치하기', times: ['green', 'GREEN', null] }],
  reflection: {},
  reward: null,
  created_at: '2025-10-13T00:00:00.000Z',
  updated_at: '2025-10-13T00:00:00.000Z',
  ...over,
});

describe('the TypeScript oracle of the mapping rules', () => {
  test('canonical form: statuses folded and padded to 7, label recomputed, timestamps in microseconds', () => {
    const c = canonicalRow(row());
    expect(c.habits[0]!.times).toEqual(['green', 'green', 'none', 'none', 'none', 'none', 'none']);
    expect(c.week_period).toBe('2025년 10월 13일 ~ 2025년 10월 19일');
    expect(c.created_at).toBe('2025-10-13T00:00:00.000000Z');
    expect(canonicalRow(row({ habits: null })).habits).toEqual([]);
  });

  test('reasons come in priority order; the first is the quarantine reason', () => {
    expect(rowReasons(row({ user_id: null, week_start_date: '2025-10-14' }), users)).toEqual(['owner_null', 'week_not_monday']);
    expect(rowReasons(row({ habits: [null, { name: 1, times: [] }] }), users)).toEqual(['habit_not_object', 'habit_name_invalid']);
    expect(rowReasons(row({ habits: [{ name: 'a', times: ['blue', 3] }] }), users)).toEqual(['status_not_string', 'status_unknown']);
    expect(rowReasons(row({ habits: [{ name: 'a', times: Array(8).fill('green') }] }), users)).toEqual(['times_too_long']);
    expect(rowReasons(row({ reflection: [] }), users)).toEqual(['reflection_not_object']);
    expect(rowReasons(row({ user_id: '22222222-2222-4222-8222-222222222222' }), users)).toEqual(['owner_unknown']);
    expect(rowReasons(row(), users)).toEqual([]);
  });

  test('child name length counts code points as Postgres does, not UTF-16 units', () => {
    const emoji = '👧'.repeat(100);
    expect(emoji.length).toBe(200);
    expect(codePoints(emoji)).toBe(100);
    expect(rowReasons(row({ child_name: emoji }), users)).toEqual([]);
    expect(rowReasons(row({ child_name: `${emoji}a` }), users)).toEqual(['child_name_length']);
    expect(rowReasons(row({ child_name: '' }), users)).toEqual(['child_name_length']);
  });

  test('only ASCII letters fold: a full-width GREEN is unknown, as in the SQL', () => {
    expect(rowReasons(row({ habits: [{ name: 'a', times: ['Ｇreen'] }] }), users)).toEqual(['status_unknown']);
  });

  test('duplicate weeks: the lowest id of (owner, exact name, week) among valid rows wins', () => {
    const out = expectedOutcomes([row({ id: 3 }), row({ id: 2, user_id: null }), row({ id: 5 }), row({ id: 4, child_name: '서연 ' })], users);
    expect(out.get(3)).toMatchObject({ kind: 'migrate' });
    expect(out.get(2)).toMatchObject({ kind: 'quarantine', reason: 'owner_null' });
    expect(out.get(5)).toMatchObject({ kind: 'quarantine', reason: 'duplicate_week', keptLegacyId: 3 });
    expect(out.get(4)).toMatchObject({ kind: 'migrate' });
  });

  test('timestamps from any zone offset or precision canonicalize to the same UTC text', () => {
    expect(canonicalTimestamp('2025-10-13 09:00:00+09')).toBe('2025-10-13T00:00:00.000000Z');
    expect(canonicalTimestamp('2025-10-13T00:00:00.123456Z')).toBe('2025-10-13T00:00:00.123456Z');
  });
});

describe('round-trip and accounting oracles can fail', () => {
  test('a changed status, a missing habit and a missing row are each reported', () => {
    const expected = canonicalRow(row());
    const actual = structuredClone(expected);
    actual.habits[0]!.times[2] = 'red';
    expect(diffRow(expected, actual)).toEqual([{ legacy_id: 1, field: 'habits[0].times[2]', expected: 'none', actual: 'red' }]);
    actual.habits = [];
    expect(diffRow(expected, actual).map((d) => d.field)).toEqual(['habits[0]']);
    const outcomes = expectedOutcomes([row()], users);
    expect(roundTripDiffs(outcomes, [])).toEqual([{ legacy_id: 1, field: 'row', expected: 'migrated', actual: 'missing from the new schema' }]);
  });

  test('accounting: lost, both, and wrong reason', () => {
    const outcomes = expectedOutcomes([row({ id: 1 }), row({ id: 2, user_id: null }), row({ id: 3, child_name: 'b' })], users);
    const q = (legacy_id: number, reason: string) => ({ legacy_id, reason, detail: null, original: {} }) as never;
    const problems = accountingProblems(outcomes, new Set([1, 3]), [q(2, 'owner_unknown'), q(3, 'owner_null')]);
    expect(problems.map((p) => [p.legacy_id, p.problem])).toEqual([[2, 'wrong_reason'], [3, 'both']]);
    expect(accountingProblems(outcomes, new Set([1]), [q(2, 'owner_null')]).map((p) => p.problem)).toEqual(['lost']);
  });

  test('jsonEqual ignores key order only', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
  });
});
