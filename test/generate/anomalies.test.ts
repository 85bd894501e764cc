import { describe, expect, it } from 'vitest';
import { ANOMALIES, anomalyById, codePointLength, nearDuplicateKey } from '../../src/generate/anomalies.ts';
import { ANOMALY_IDS, type AnomalyId } from '../../src/generate/anomaly-id.ts';
import type { LegacyDataset, LegacyRow } from '../../src/generate/dataset.ts';
import { sampleDataset } from '../../src/generate/sample.ts';
import { AS_IS_RULES, NORMALIZATIONS, QUARANTINE_REASONS, WARNINGS, weekPeriodLabel } from '../../src/migration/mapping-rules.ts';
import { OWNER_A, OWNER_B, dataset, row } from './support/rows.ts';

const NIL = '00000000-0000-0000-0000-000000000000';
const habit = (extra: Record<string, unknown>) => [{ name: '양치하기', times: ['green', 'green', 'green', 'green', 'green', 'green', 'green'], ...extra }];
const timesOf = (times: unknown) => [{ name: '양치하기', times }];

/** For each id: rows that exhibit it, and rows that do not (all in a dataset of their own unless `pair`). */
const EXAMPLES: Record<AnomalyId, { yes: LegacyRow[][]; no: LegacyRow[][] }> = {
  same_child_name_other_family: {
    yes: [[row({ id: 1 }), row({ id: 2, user_id: OWNER_B })]],
    no: [[row({ id: 1 }), row({ id: 2, week_start_date: '2025-10-20' })]],
  },
  near_duplicate_child_nfc_nfd: {
    yes: [[row({ id: 1 }), row({ id: 2, child_name: '서연'.normalize('NFD') })]],
    no: [[row({ id: 1 }), row({ id: 2, user_id: OWNER_B, child_name: '서연'.normalize('NFD') })], [row({ id: 1 })]],
  },
  near_duplicate_child_whitespace: {
    yes: [[row({ id: 1 }), row({ id: 2, child_name: '서연 ' })], [row({ id: 1, child_name: '김 서연' }), row({ id: 2, child_name: '김\t서연' })]],
    no: [[row({ id: 1 }), row({ id: 2, child_name: '서연\u00A0' })], [row({ id: 1 }), row({ id: 2, child_name: '서 연' })]],
  },
  duplicate_week: {
    yes: [[row({ id: 1 }), row({ id: 5 })], [row({ id: 7 }), row({ id: 2 }), row({ id: 9 })]],
    no: [[row({ id: 1 }), row({ id: 2, week_start_date: '2025-10-20' })], [row({ id: 1 }), row({ id: 2, child_name: '서연 ' })]],
  },
  owner_null: { yes: [[row({ user_id: null })]], no: [[row()]] },
  owner_unknown: { yes: [[row({ user_id: '33333333-3333-4333-8333-333333333333' })]], no: [[row()], [row({ user_id: null })]] },
  owner_nil_uuid: { yes: [[row({ user_id: NIL })]], no: [[row()]] },
  child_name_empty: { yes: [[row({ child_name: '' })]], no: [[row()]] },
  child_name_100_code_points: { yes: [[row({ child_name: '🦷'.repeat(100) })]], no: [[row({ child_name: 'a'.repeat(50) + '🦷'.repeat(25) })]] },
  child_name_101_code_points: { yes: [[row({ child_name: '가'.repeat(101) })]], no: [[row({ child_name: '🦷'.repeat(100) })]] },
  child_name_emoji: { yes: [[row({ child_name: '서연🦖' })], [row({ child_name: '🇰🇷서연' })]], no: [[row()]] },
  child_name_combining_mark: { yes: [[row({ child_name: 'Zoe\u0308' })]], no: [[row({ child_name: 'Zoë' })], [row({ child_name: '서연'.normalize('NFD') })]] },
  week_not_monday: { yes: [[row({ week_start_date: '2025-10-14' })]], no: [[row()]] },
  leap_day_week: { yes: [[row({ week_start_date: '2024-02-26' })], [row({ week_start_date: '2000-02-28' })]], no: [[row({ week_start_date: '2100-02-22' })]] },
  year_boundary_week: { yes: [[row({ week_start_date: '2024-12-30' })]], no: [[row({ week_start_date: '2023-12-25' })], [row({ week_start_date: '2024-01-01' })]] },
  far_past_week: { yes: [[row({ week_start_date: '1000-01-06' })]], no: [[row({ week_start_date: '1901-01-07' })]] },
  far_future_week: { yes: [[row({ week_start_date: '9998-11-30' })]], no: [[row({ week_start_date: '2099-12-28' })]] },
  habits_null: { yes: [[row({ habits: null })]], no: [[row({ habits: null, json_null_columns: ['habits'] })], [row()]] },
  habits_json_null: { yes: [[row({ habits: null, json_null_columns: ['habits'] })]], no: [[row({ habits: null })]] },
  habits_empty: { yes: [[row({ habits: [] })]], no: [[row()]] },
  habits_not_array: { yes: [[row({ habits: {} })], [row({ habits: '[]' })], [row({ habits: 3 })]], no: [[row({ habits: null })], [row()]] },
  many_habits: {
    yes: [[row({ habits: Array.from({ length: 60 }, (_, k) => ({ name: `h${k}`, times: [] })) })]],
    no: [[row({ habits: Array.from({ length: 59 }, (_, k) => ({ name: `h${k}`, times: [] })) })]],
  },
  habit_not_object: { yes: [[row({ habits: [null] })], [row({ habits: [['green']] })]], no: [[row()]] },
  habit_name_invalid: { yes: [[row({ habits: [{ times: [] }] })], [row({ habits: [{ name: null, times: [] }] })], [row({ habits: [{ name: 1 }] })]], no: [[row()], [row({ habits: [null] })]] },
  habit_unknown_keys: { yes: [[row({ habits: habit({ Name: 'x' }) })]], no: [[row()], [row({ habits: [{ name: 'a' }] })]] },
  habit_name_empty: { yes: [[row({ habits: [{ name: '', times: [] }] })]], no: [[row()]] },
  habit_names_duplicate: { yes: [[row({ habits: [{ name: 'a' }, { name: 'b' }, { name: 'a' }] })]], no: [[row()], [row({ habits: [{ name: 'a' }, { name: 'a ' }] })]] },
  times_missing: { yes: [[row({ habits: [{ name: 'a' }] })], [row({ habits: timesOf(null) })]], no: [[row()]] },
  times_not_array: { yes: [[row({ habits: timesOf('green') })], [row({ habits: timesOf({ 0: 'green' }) })]], no: [[row()], [row({ habits: timesOf(null) })]] },
  times_short: { yes: [[row({ habits: timesOf([]) })], [row({ habits: timesOf(['green']) })]], no: [[row()]] },
  times_too_long: { yes: [[row({ habits: timesOf(Array(8).fill('green')) })]], no: [[row()]] },
  status_null: { yes: [[row()]], no: [[row({ habits: timesOf(Array(7).fill('green')) })]] },
  status_none: { yes: [[row()]], no: [[row({ habits: timesOf(Array(7).fill('green')) })], [row({ habits: timesOf(['NONE']) })]] },
  status_case: { yes: [[row({ habits: timesOf(['GREEN']) })], [row({ habits: timesOf(['Red']) })]], no: [[row()], [row({ habits: timesOf(['blue']) })]] },
  status_unknown: { yes: [[row({ habits: timesOf(['blue']) })], [row({ habits: timesOf(['']) })], [row({ habits: timesOf([' green']) })]], no: [[row()], [row({ habits: timesOf(['GREEN']) })]] },
  status_not_string: { yes: [[row({ habits: timesOf([1]) })], [row({ habits: timesOf([false]) })], [row({ habits: timesOf([{}]) })]], no: [[row()]] },
  reflection_null: { yes: [[row({ reflection: null })]], no: [[row({ reflection: null, json_null_columns: ['reflection'] })], [row()]] },
  reflection_json_null: { yes: [[row({ reflection: null, json_null_columns: ['reflection'] })]], no: [[row({ reflection: null })]] },
  reflection_not_object: { yes: [[row({ reflection: [] })], [row({ reflection: 'good' })], [row({ reflection: 5 })]], no: [[row()], [row({ reflection: null })], [row({ reflection: {} })]] },
  reflection_freeform: { yes: [[row({ reflection: { good: 'x', 별점: 5 } })]], no: [[row()], [row({ reflection: {} })]] },
  text_sql_metacharacters: { yes: [[row({ theme: "엄마's" })], [row({ habits: [{ name: 'a\\b', times: [] }] })]], no: [[row()]] },
  text_unicode: { yes: [[row({ reward: '𠀀' })], [row({ theme: 'a\u200Bb' })]], no: [[row()]] },
  text_edge_whitespace: {
    yes: [[row({ theme: ' 공룡 탐험' })], [row({ reward: '스티커\u3000' })], [row({ habits: [{ name: '책\u00A0읽기', times: [] }] })], [row({ reflection: { good: '잘했어요  정말' } })], [row({ theme: '\t' })]],
    no: [[row()], [row({ theme: null, reward: null })]],
  },
  text_empty_string: {
    yes: [[row({ theme: '' })], [row({ reward: '' })], [row({ reflection: { good: '' } })]],
    no: [[row()], [row({ theme: null, reward: null })], [row({ habits: [{ name: '', times: [] }] })]],
  },
  text_nfd: {
    yes: [[row({ theme: '공룡'.normalize('NFD') })], [row({ habits: [{ name: 'cafe\u0301', times: [] }] })], [row({ reflection: { good: '잘했어요'.normalize('NFD') } })]],
    no: [[row()], [row({ child_name: '서연'.normalize('NFD') })]],
  },
  text_zero_width: {
    yes: [[row({ theme: '\u200B공룡' })], [row({ reward: '스티커\u2060' })], [row({ reflection: { good: '\u00AD' } })]],
    no: [[row()]],
  },
  text_very_long: {
    yes: [[row({ theme: '가'.repeat(1000) })], [row({ habits: [{ name: '🦷'.repeat(1000), times: [] }] })]],
    no: [[row({ theme: '가'.repeat(999) })], [row({ child_name: '가'.repeat(1000) })]],
  },
  week_period_mismatch: {
    yes: [[row({ week_period: null })], [row({ week_period: weekPeriodLabel('2025-10-20') })], [row({ week_period: '2025년 10월 13일 ~ 2025년 10월 19일 ' })]],
    no: [[row()]],
  },
};

describe('the anomaly catalogue', () => {
  it('lists every id once, in ANOMALY_IDS order', () => {
    expect(ANOMALIES.map((a) => a.id)).toEqual([...ANOMALY_IDS]);
  });

  it('names treatments the mapping rules define', () => {
    for (const a of ANOMALIES) {
      const t = a.treatment;
      if (t.kind === 'quarantine') expect(QUARANTINE_REASONS).toContain(t.reason);
      if (t.kind === 'normalize') expect(Object.keys(NORMALIZATIONS)).toContain(t.normalization);
      if (t.kind === 'warn') expect(Object.keys(WARNINGS)).toContain(t.warning);
      if (t.kind === 'as_is' && t.rule) expect(Object.keys(AS_IS_RULES)).toContain(t.rule);
    }
  });

  it('covers every quarantine reason, normalization and warning a row can get', () => {
    const reasons = new Set(ANOMALIES.flatMap((a) => (a.treatment.kind === 'quarantine' ? [a.treatment.reason] : [])));
    expect(QUARANTINE_REASONS.filter((r) => !reasons.has(r))).toEqual(['unexpected_error']);
    const normalizations = new Set(ANOMALIES.flatMap((a) => (a.treatment.kind === 'normalize' ? [a.treatment.normalization] : [])));
    // week_period_recomputed is what happens to every row; its anomaly is the week_period_mismatch warning.
    expect(Object.keys(NORMALIZATIONS).filter((n) => !normalizations.has(n as never))).toEqual(['week_period_recomputed']);
    const warnings = new Set(ANOMALIES.flatMap((a) => (a.treatment.kind === 'warn' ? [a.treatment.warning] : [])));
    expect([...warnings].sort()).toEqual(Object.keys(WARNINGS).sort());
  });

  it('has hand-written examples for every detector', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...ANOMALY_IDS].sort());
  });

  describe.each(ANOMALY_IDS.map((id) => [id]))('detector %s', (id) => {
    const entry = anomalyById(id);
    const { yes, no } = EXAMPLES[id];
    it('fires on rows that exhibit it (on the last row of each example)', () => {
      for (const rows of yes) expect(entry.detect(rows.at(-1)!, dataset(rows)), JSON.stringify(rows.at(-1))).toBe(true);
    });
    it('stays quiet otherwise', () => {
      for (const rows of no) expect(entry.detect(rows.at(-1)!, dataset(rows)), JSON.stringify(rows.at(-1))).toBe(false);
    });
  });
});

describe('name helpers', () => {
  it('count code points as Postgres length() does, not UTF-16 units', () => {
    expect(codePointLength('서연')).toBe(2);
    expect(codePointLength('🦷')).toBe(1);
    expect('🦷'.length).toBe(2);
    expect(codePointLength('👨‍👩‍👧')).toBe(5); // three people joined by two ZWJ
    expect(codePointLength('서연'.normalize('NFD'))).toBe(5);
  });

  it('near-duplicate key: NFC, ASCII whitespace collapsed and trimmed, NBSP kept', () => {
    expect(nearDuplicateKey(' 김\t\t 서연  ')).toBe('김 서연');
    expect(nearDuplicateKey('서연'.normalize('NFD'))).toBe('서연');
    expect(nearDuplicateKey('서연\u00A0')).toBe('서연\u00A0');
  });

  it('duplicate_week marks only the higher id', () => {
    const rows = [row({ id: 3 }), row({ id: 9 })];
    const ds = dataset(rows);
    expect(anomalyById('duplicate_week').detect(rows[0]!, ds)).toBe(false);
    expect(anomalyById('duplicate_week').detect(rows[1]!, ds)).toBe(true);
  });

  it('owner_unknown and owner_nil_uuid read auth.users', () => {
    const rows = [row({ user_id: OWNER_B })];
    expect(anomalyById('owner_unknown').detect(rows[0]!, dataset(rows, [OWNER_A]))).toBe(true);
    expect(anomalyById('owner_unknown').detect(rows[0]!, dataset(rows, [OWNER_B]))).toBe(false);
  });
});

describe('relational detectors (a stream decides the others row by row)', () => {
  it('a detector not marked relational reads the row alone; a relational one reads only the row identity and id', () => {
    const trap = new Proxy({} as LegacyDataset, {
      get: () => {
        throw new Error('read the dataset');
      },
    });
    for (const seed of [1, 2, 3, 4]) {
      const ds = sampleDataset({ seed, rows: 40, mode: 'adversarial' });
      for (const row of ds.rows) {
        const skeleton = { id: row.id, user_id: row.user_id, child_name: row.child_name, week_start_date: row.week_start_date } as LegacyRow;
        for (const a of ANOMALIES) {
          if (a.relational) expect(a.detect(skeleton, ds), `${a.id} on row ${row.id}`).toBe(a.detect(row, ds));
          else expect(() => a.detect(row, trap), a.id).not.toThrow();
        }
      }
    }
  });
});
