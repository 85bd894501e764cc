/** psql's variable syntax, as `psql -v name=value -f file` substitutes it (and only where psql does). */
import { describe, expect, it } from 'vitest';
import { interpolatePsqlVariables, SqlTemplateError } from '../../src/contract/psql-variables.ts';

const fill = (sql: string, vars: Record<string, string>) => interpolatePsqlVariables(sql, vars, 't.sql');

describe('interpolatePsqlVariables', () => {
  it(':name as is, :\'name\' as a literal, :"name" as an identifier', () => {
    const { sql, used } = fill(`ALTER TABLE public.:table VALIDATE CONSTRAINT :c; SELECT :'label', :"col";`, {
      table: 'weeks',
      c: 'check_week_dates',
      label: "it's",
      col: 'Odd "name"',
    });
    expect(sql).toBe(`ALTER TABLE public.weeks VALIDATE CONSTRAINT check_week_dates; SELECT 'it''s', "Odd ""name""";`);
    expect([...used].sort()).toEqual(['c', 'col', 'label', 'table']);
  });

  it("a literal with a backslash is an E'' string, as PQescapeLiteral makes it", () => {
    expect(fill(`SELECT :'v'`, { v: 'a\\b' }).sql).toBe(`SELECT  E'a\\\\b'`);
  });

  it('leaves quoted strings, quoted identifiers, dollar-quoted bodies, comments and casts alone', () => {
    const sql = [
      `SELECT ':t', ":t", x::text, '{1:3}'`,
      `-- :t in a comment`,
      `/* :t in a block */`,
      `CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN v := :t; RETURN 1; END $$;`,
      `DO $body$ BEGIN PERFORM :t; END $body$;`,
      `SELECT a$b, :t`,
    ].join('\n');
    const out = fill(sql, { t: 'X' }).sql;
    expect(out).toBe(sql.replace(/SELECT a\$b, :t$/, 'SELECT a$b, X'));
  });

  it('a variable without a value is an error naming the file, the name and the line', () => {
    expect(() => fill('SELECT 1;\nSELECT :missing', {})).toThrow(SqlTemplateError);
    expect(() => fill('SELECT 1;\nSELECT :missing', {})).toThrow(/t\.sql: :missing \(line 2\) has no value/);
  });

  it('refuses a value that spans lines (an instance keeps the template\'s lines)', () => {
    expect(() => fill('SELECT :v', { v: '1\n2' })).toThrow(/spans lines/);
  });
});
