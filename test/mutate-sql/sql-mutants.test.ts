import { describe, expect, test } from 'vitest';
import { sqlEdits, SQL_MUTATION_OPERATORS } from '../../src/mutate-sql/sql-mutants.ts';
import { sqlMutants } from '../../src/mutate-sql/sql-mutant-defects.ts';
import { ourMigration } from '../../src/migration/implementation.ts';

const mutated = (sql: string) => sqlEdits(sql).map((e) => sql.slice(0, e.at) + e.replacement + sql.slice(e.at + e.length));

describe('sqlEdits: token-level SQL mutants', () => {
  test('each operator, where it applies', () => {
    const sql = `SELECT DISTINCT coalesce(a, 0) FROM t WHERE x < 1 AND y = d + 6 OR z IS NULL ORDER BY w;`;
    expect(mutated(sql)).toEqual(
      expect.arrayContaining([
        sql.replace('DISTINCT ', ''),
        sql.replace('coalesce', 'nullif'),
        sql.replace('x < 1', 'x <= 1'),
        sql.replace('AND y = d + 6', ''),
        sql.replace('AND', 'OR'),
        sql.replace('OR', 'AND'),
        sql.replace('y = d', 'y <> d'),
        sql.replace('d + 6', 'd + 7'),
        sql.replace('d + 6', 'd + 5'),
        sql.replace('IS NULL', 'IS NOT NULL'),
        sql.replace('ORDER BY w', 'ORDER BY w DESC'),
        'SELECT DISTINCT coalesce(a, 0) FROM t  ORDER BY w;',
      ]),
    );
    expect(new Set(sqlEdits(sql).map((e) => e.operator))).toEqual(new Set(SQL_MUTATION_OPERATORS));
  });

  test('comments, strings, assignments and BETWEEN … AND are left alone', () => {
    const sql = `-- a = b AND c\nUPDATE t SET a = 'x = 1 AND y', b = $1 WHERE id BETWEEN 1 AND 2; /* x < y */ CREATE VIEW v WITH (security_invoker = true) AS SELECT 1;`;
    const edits = sqlEdits(sql).map((e) => `${e.operator}:${sql.slice(e.at, e.at + e.length)}`);
    expect(edits).toEqual(['drop-where:WHERE id BETWEEN 1 AND 2']);
  });

  test('IS NOT DISTINCT FROM loses its NOT; ORDER BY … DESC becomes ASC', () => {
    expect(mutated('SELECT 1 WHERE a IS NOT DISTINCT FROM b')).toContain('SELECT 1 WHERE a IS DISTINCT FROM b');
    expect(mutated('SELECT 1 ORDER BY a DESC, b')).toContain('SELECT 1 ORDER BY a ASC, b');
  });
});

describe('the migration’s SQL mutants', () => {
  const all = sqlMutants();
  test('there are mutants in every phase, with unique ids', () => {
    for (const p of ['phase-0', 'phase-1', 'phase-2', 'phase-3']) expect(all.some((m) => m.file.includes(`/${p}/`))).toBe(true);
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
  });
  test('each applies to the implementation and changes exactly the SQL of its file', () => {
    for (const m of all) {
      const broken = m.apply(ourMigration);
      expect(broken, m.id).not.toBe(ourMigration);
    }
  });
});

describe('equivalent SQL mutants', () => {
  test('each entry still names a mutant the generator makes (a stale entry must be updated or removed)', async () => {
    const { EQUIVALENT_SQL_MUTANTS, equivalenceOf } = await import('../../src/mutate-sql/equivalent-sql-mutants.ts');
    const marked = sqlMutants().filter((m) => equivalenceOf(m) !== undefined);
    for (const e of EQUIVALENT_SQL_MUTANTS) {
      for (const file of typeof e.file === 'string' ? [e.file] : e.file) {
        expect(marked.some((m) => m.file.endsWith(file) && m.lineText === e.line && m.col === e.col), `${file}: ${e.line}`).toBe(true);
      }
    }
  });
});
