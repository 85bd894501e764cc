import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/generate/input-error.ts';
import { sampleDataset } from '../../src/generate/sample.ts';
import { assertLoadable, parseJsonDataset, sqlText, toCsv, toJson, toSql } from '../../src/generate/serialize.ts';
import { OWNER_A, dataset, row } from './support/rows.ts';

const tricky = dataset([
  row({ id: 1, child_name: "O'Brien \\n", theme: '', reward: null, habits: null, reflection: null, json_null_columns: ['reflection'] }),
  row({ id: 4, child_name: '줄\n바꿈, "인용"', habits: [{ name: "it's", times: [] }], reflection: [] }),
]);

describe('toSql', () => {
  const sql = toSql(tricky);

  it('doubles single quotes and keeps backslashes (standard_conforming_strings on)', () => {
    expect(sqlText("a'b\\c")).toBe("'a''b\\c'");
    expect(sql).toContain("'O''Brien \\n'");
    expect(sql).toContain(`'[{"name":"it''s","times":[]}]'::jsonb`);
  });

  it('writes SQL NULL for JS null and the JSON literal for json_null_columns', () => {
    const first = sql.split('\n').find((l) => l.startsWith('  (1,'))!;
    expect(first).toContain(`'', NULL, 'null'::jsonb, NULL,`);
  });

  it('types dates, timestamps and uuids, and moves the sequence past the largest id', () => {
    expect(sql).toContain("'2025-10-13'::date");
    expect(sql).toContain("'2025-10-13T08:00:00.000Z'::timestamptz");
    expect(sql).toContain(`'${OWNER_A}'::uuid`);
    expect(sql).toMatch(/^BEGIN;$/m);
    expect(sql).toMatch(/setval\(pg_get_serial_sequence\('public.habit_tracker', 'id'\), coalesce\(max\(id\), 1\), max\(id\) IS NOT NULL\)/);
    expect(sql.endsWith('COMMIT;\n')).toBe(true);
  });

  it('writes no INSERT for an empty table', () => {
    const empty = toSql({ users: [], rows: [] });
    expect(empty).not.toContain('INSERT');
    expect(empty).toContain('setval');
  });
});

describe('toJson / parseJsonDataset', () => {
  it('round-trips generated datasets exactly', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const ds = sampleDataset({ seed, rows: 25, mode: 'adversarial' });
      const text = toJson(ds);
      expect(parseJsonDataset(text, 'x.json')).toEqual(ds);
      expect(toJson(parseJsonDataset(text, 'x.json'))).toBe(text);
    }
  });

  it('uses a fixed key order, 2-space indent and a trailing newline', () => {
    const text = toJson({ ...tricky, anomalies: { 4: ['reflection_not_object'], 1: ['habits_null'] } });
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "users": [')).toBe(true);
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(['users', 'rows', 'anomalies']);
    expect(Object.keys(doc.rows[0])).toEqual([
      'id', 'user_id', 'child_name', 'week_period', 'week_start_date', 'theme', 'habits', 'reflection', 'reward', 'created_at', 'updated_at', 'json_null_columns',
    ]);
    expect(Object.keys(doc.anomalies)).toEqual(['1', '4']);
  });

  const bad = (text: string) => {
    try {
      parseJsonDataset(text, 'data/bad.json');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return e as InputError;
    }
    throw new Error('expected an InputError');
  };
  const doc = (rowPatch: Record<string, unknown>) => JSON.stringify({ users: [], rows: [{ ...row({ id: 17 }), ...rowPatch }] }, null, 2);

  it('names the file and the line of a syntax error', () => {
    const e = bad('{\n  "users": [],\n  "rows": [,]\n}');
    expect(e.file).toBe('data/bad.json');
    expect(e.location).toMatch(/^line 3, column \d+$/);
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain('data/bad.json');
  });

  it('names the row and the field of a shape error', () => {
    expect(bad(doc({ week_start_date: '2025-02-30' })).location).toBe('rows[0] (id 17).week_start_date');
    expect(bad(doc({ theme: undefined })).location).toBe('rows[0] (id 17).theme');
    expect(bad(doc({ colour: 'red' })).location).toBe('rows[0] (id 17).colour');
    expect(bad(doc({ user_id: 'not-a-uuid' })).reason).toMatch(/uuid/);
    expect(bad(doc({ created_at: '2025-10-13 08:00:00' })).location).toBe('rows[0] (id 17).created_at');
    expect(bad(doc({ habits: { name: 'a\u0000' } })).location).toBe('rows[0] (id 17).habits.name');
    expect(bad(doc({ json_null_columns: ['habits'] })).reason).toMatch(/not null/);
    expect(bad(JSON.stringify({ users: [], rows: [row({ id: 2 }), row({ id: 2 })] })).location).toBe('rows[1] (id 2).id');
    expect(bad(JSON.stringify({ users: [], rows: [], anomalies: { 3: ['owner_null'] } })).location).toBe('$.anomalies.3');
    expect(bad('[]').location).toBe('$');
  });

  it('rejects U+0000 and lone surrogates that JSON escapes can smuggle in', () => {
    expect(bad(doc({}).replace('"서연"', '"서\\u0000연"')).reason).toMatch(/U\+0000/);
    expect(bad(doc({}).replace('"서연"', '"서\\ud800연"')).reason).toMatch(/surrogate/);
  });
});

describe('toCsv', () => {
  const lines = toCsv(tricky).split('\n');

  it('has a header of the habit_tracker columns and one record per row', () => {
    expect(lines[0]).toBe('id,user_id,child_name,week_period,week_start_date,theme,habits,reflection,reward,created_at,updated_at');
    expect(toCsv(tricky).endsWith('\n')).toBe(true);
  });

  it('follows COPY csv conventions: unquoted empty = NULL, "" = empty string, JSON null = null', () => {
    expect(lines[1]).toContain(`,"",,null,,2025-10-13T08:00:00.000Z,`);
    expect(toCsv(tricky)).toContain('"줄\n바꿈, ""인용"""');
  });
});

describe('assertLoadable', () => {
  it('names the row of text Postgres cannot hold', () => {
    expect(() => assertLoadable(dataset([row({ id: 8, reward: 'a\u0000' })]))).toThrow(/row id 8, reward: contains U\+0000/);
    expect(() => toSql(dataset([row({ id: 9, habits: [{ name: '\ud800' }] })]))).toThrow(/row id 9, habits\[0\]\.name/);
    expect(() => toJson(dataset([row({ id: 3, reflection: { n: Number.NaN } })]))).toThrow(/row id 3/);
  });
});
