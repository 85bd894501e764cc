import { describe, expect, test } from 'vitest';
import { scanSqlDump, type ScannedStatement } from '../../src/db/sql-dump-scanner.ts';
import { InputError } from '../../src/generate/input-error.ts';

async function scan(text: string, chunk: number): Promise<ScannedStatement[]> {
  async function* chunks(): AsyncGenerator<string> {
    for (let i = 0; i < text.length; i += chunk) yield text.slice(i, i + chunk);
  }
  const out: ScannedStatement[] = [];
  for await (const s of scanSqlDump(chunks(), 'x.sql')) out.push(s);
  return out;
}

const DUMP = [
  '--',
  '-- PostgreSQL database dump',
  '\\restrict k3y',
  "SET client_encoding = 'UTF8';",
  "INSERT INTO t VALUES ('a;b', E'it\\'s; \\\\', \"q;\"\"x\", $tag$ ; $ $tag$, $$;$$); -- trailing ; comment",
  '/* block /* nested ; */ still ; */ INSERT INTO t VALUES (1);',
  "INSERT INTO t VALUES ('multi",
  "line ''; value');",
  '\\unrestrict k3y',
  'SELECT 1',
].join('\n');

describe('scanSqlDump', () => {
  test('cuts statements at top-level semicolons only, with their first line, whatever the chunk size', async () => {
    const whole = await scan(DUMP, DUMP.length);
    expect(whole.map((s) => [s.kind, s.line])).toEqual([
      ['meta', 3],
      ['sql', 4],
      ['sql', 5],
      ['sql', 6],
      ['sql', 7],
      ['meta', 9],
      ['sql', 10],
    ]);
    expect(whole[2]!.text).toMatch(/^INSERT .*\$\$;\$\$\);$/);
    expect(whole[3]!.text).toBe('INSERT INTO t VALUES (1);');
    expect(whole[5]!.text).toBe('\\unrestrict k3y');
    for (const size of [1, 2, 3, 7, 64, 200]) expect(await scan(DUMP, size), `chunks of ${size}`).toEqual(whole);
  });

  test('a file that ends inside a string names the line the string opened on', async () => {
    const err = await scan("SELECT 1;\nINSERT INTO t VALUES ('open\n", 5).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).location).toBe('line 2');
  });
});
