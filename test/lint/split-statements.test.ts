import { describe, expect, it } from 'vitest';
import { makeChunk } from '../../src/lint/extract-sql.ts';
import { flattenStatements, splitStatements } from '../../src/lint/split-statements.ts';

const split = (sql: string, startLine = 1) => splitStatements(makeChunk('t.sql', startLine, sql));

describe('splitStatements', () => {
  it('splits at top-level semicolons only: not in strings, identifiers, comments or dollar quotes', () => {
    const sql = [
      "SELECT 'a;b', E'it\\'s;', \"semi;colon\" FROM t; -- trailing; comment",
      '/* block; /* nested; */ still comment; */ SELECT 2;',
      'SELECT $$ x; y $$, $tag$ $$; $tag$;',
      'SELECT $1; SELECT 3',
    ].join('\n');
    expect(split(sql).map((s) => s.text)).toEqual([
      "SELECT 'a;b', E'it\\'s;', \"semi;colon\" FROM t;",
      'SELECT 2;',
      'SELECT $$ x; y $$, $tag$ $$; $tag$;',
      'SELECT $1;',
      'SELECT 3',
    ]);
  });

  it('statement lines are lines of the original file; code masks comments and literals', () => {
    const [a, b] = split('-- lead\nSELECT 1;\n\n  UPDATE t /* c */ SET x = \'WHERE\';', 10);
    expect([a?.line, b?.line]).toEqual([11, 13]);
    expect(b?.code).toBe("UPDATE t         SET x = '     ';");
    expect(b?.code.length).toBe(b?.text.length);
  });

  it('splits plpgsql function bodies into nested statements, with their lines', () => {
    const sql = [
      'CREATE FUNCTION f() RETURNS trigger AS $body$', // 1
      'BEGIN', //                                         2
      "  INSERT INTO w VALUES (1); -- ';'", //            3
      '  UPDATE w SET a = 2;', //                         4
      'END;', //                                          5
      '$body$ LANGUAGE plpgsql;', //                      6
      "DO $$ BEGIN PERFORM 1; END $$;", //                7
      "CREATE FUNCTION g() RETURNS int AS $$ return 1; $$ LANGUAGE plv8;", // 8
    ].join('\n');
    const top = split(sql);
    expect(top.map((s) => [s.line, s.depth, s.children.length])).toEqual([
      [1, 0, 3],
      [7, 0, 2],
      [8, 0, 0],
    ]);
    const nested = flattenStatements(top).filter((s) => s.depth === 1);
    expect(nested.map((s) => [s.line, s.code.replace(/\s+/g, ' ').trim()])).toEqual([
      [2, 'BEGIN INSERT INTO w VALUES (1);'],
      [4, 'UPDATE w SET a = 2;'],
      [5, 'END;'],
      [7, 'BEGIN PERFORM 1;'],
      [7, 'END'],
    ]);
    // The body is masked in the parent, so a rule never sees it twice.
    expect(top[0]?.code).not.toContain('UPDATE');
  });

  it('keeps a BEGIN ATOMIC body in one statement', () => {
    const sql = 'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;\nSELECT 9;';
    expect(split(sql).map((s) => s.line + ':' + s.text.slice(0, 15))).toEqual(['1:CREATE FUNCTION', '2:SELECT 9;']);
  });

  it('an unterminated string or dollar quote runs to the end instead of failing', () => {
    expect(split("SELECT 'open;\nSELECT 2;").length).toBe(1);
    expect(split('SELECT $$ open;\nSELECT 2;').length).toBe(1);
  });
});
