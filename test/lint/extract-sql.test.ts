import { describe, expect, it } from 'vitest';
import { extractSql, lineOfOffset, sourceKindOf } from '../../src/lint/extract-sql.ts';

const md = [
  '# Plan', //                     1
  '', //                           2
  '```sql', //                     3
  'SELECT 1;', //                  4
  'DROP TABLE t;', //              5
  '```', //                        6
  '', //                           7
  '```javascript', //              8
  "await sql('VACUUM FULL');", //  9
  '```', //                       10
  '- list item', //               11
  '  ```SQL', //                  12
  '  ALTER TABLE x', //           13
  '    SET UNLOGGED;', //         14
  '  ```', //                     15
  '~~~postgresql', //             16
  'VACUUM FULL;', //              17
  '~~~', //                       18
].join('\r\n');

describe('extractSql', () => {
  it('a .sql file is one chunk starting at line 1', () => {
    const [chunk, ...rest] = extractSql('a.sql', 'SELECT 1;\nSELECT 2;\n', 'sql');
    expect(rest).toEqual([]);
    expect(chunk?.startLine).toBe(1);
    expect(lineOfOffset(chunk!, chunk!.text.indexOf('SELECT 2'))).toBe(2);
  });

  it('Markdown: each ```sql block, with the line of its first line in the .md', () => {
    const chunks = extractSql('plan.md', md, 'markdown');
    expect(chunks.map((c) => [c.startLine, c.text])).toEqual([
      [4, 'SELECT 1;\nDROP TABLE t;'],
      [13, 'ALTER TABLE x\n  SET UNLOGGED;'],
      [17, 'VACUUM FULL;'],
    ]);
    const [first, second] = chunks;
    expect(lineOfOffset(first!, first!.text.indexOf('DROP'))).toBe(5);
    expect(lineOfOffset(second!, second!.text.indexOf('SET UNLOGGED'))).toBe(14);
  });

  it('an unclosed fence runs to the end of the file', () => {
    const chunks = extractSql('x.md', 'intro\n```sql\nSELECT 1;\n', 'markdown');
    expect(chunks.map((c) => c.startLine)).toEqual([3]);
  });

  it('knows .sql and .md, nothing else', () => {
    expect(sourceKindOf('a/b.SQL')).toBe('sql');
    expect(sourceKindOf('PLAN.md')).toBe('markdown');
    expect(sourceKindOf('x.ts')).toBeUndefined();
  });
});
