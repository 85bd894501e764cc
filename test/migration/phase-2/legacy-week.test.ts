import { describe, expect, it } from 'vitest';
import { stableJson, toLegacyWeek, weeksEqual, type RawWeekRow } from '../../../src/contract/legacy-week.ts';

const raw = (over: Partial<RawWeekRow> = {}): RawWeekRow => ({
  id: '7',
  user_id: '6f1c2e4a-3b5d-4c7e-9f80-1a2b3c4d5e6f',
  child_name: '하준',
  week_start_date: '2025-10-13',
  theme: null,
  habits: [],
  reflection: {},
  reward: null,
  created_at: '2025-10-13T00:00:00.000000Z',
  updated_at: '2025-10-13T00:00:00.000000Z',
  ...over,
});

describe('toLegacyWeek: the read shape both schemas return', () => {
  it('applies the mapping rules: null/missing statuses are none, case folded, padded to 7 days; label derived', () => {
    const w = toLegacyWeek(raw({ habits: [{ name: '양치', times: ['GREEN', null, 'Red'] }, { name: '독서' }] }));
    expect(w.habits).toEqual([
      { name: '양치', times: ['green', 'none', 'red', 'none', 'none', 'none', 'none'] },
      { name: '독서', times: ['none', 'none', 'none', 'none', 'none', 'none', 'none'] },
    ]);
    expect(w.week_period).toBe('2025년 10월 13일 ~ 2025년 10월 19일');
    expect(w.id).toBe(7);
  });

  it('habits null or JSON null read as no habits; reflection null stays null; a new-only week has id null', () => {
    expect(toLegacyWeek(raw({ habits: null })).habits).toEqual([]);
    expect(toLegacyWeek(raw({ reflection: null })).reflection).toBeNull();
    expect(toLegacyWeek(raw({ id: null })).id).toBeNull();
  });

  it('a row the rules would quarantine comes back best effort, never an exception', () => {
    expect(() => toLegacyWeek(raw({ habits: [null, 3, { name: 5, times: 'x' }] }))).not.toThrow();
  });

  it('equality ignores the key order of JSON objects and nothing else', () => {
    const a = toLegacyWeek(raw({ reflection: { good: '잘함', improve: '더' } }));
    const b = toLegacyWeek(raw({ reflection: { improve: '더', good: '잘함' } }));
    expect(weeksEqual(a, b)).toBe(true);
    expect(weeksEqual(a, { ...b, theme: '' })).toBe(false);
    expect(stableJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });
});
