import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeChunk } from '../../src/lint/extract-sql.ts';
import { ignoreDirectives } from '../../src/lint/ignore-comments.ts';
import { lintFiles } from '../../src/lint/lint.ts';
import { ruleLines } from './helpers.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hv-lint-ignore-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lintOwn(sql: string) {
  await writeFile(path.join(dir, 'x.sql'), sql);
  return lintFiles(['x.sql'], { cwd: dir, squawk: false });
}

describe('ignore comments', () => {
  it('parses squawk and hv-lint directives, rules and reason', () => {
    const chunk = makeChunk('x.sql', 1, [
      '-- squawk-ignore ban-drop-table, renaming-table -- legacy, retired',
      'VACUUM FULL; -- hv-lint-ignore vacuum-full -- maintenance window',
      '-- hv-lint-ignore-file set-unlogged',
    ].join('\n'));
    expect(ignoreDirectives(chunk)).toEqual([
      { tool: 'squawk', line: 1, fileWide: false, trailing: false, rules: ['ban-drop-table', 'renaming-table'], reason: 'legacy, retired' },
      { tool: 'hv-lint', line: 2, fileWide: false, trailing: true, rules: ['vacuum-full'], reason: 'maintenance window' },
      { tool: 'hv-lint', line: 3, fileWide: true, trailing: false, rules: ['set-unlogged'], reason: undefined },
    ]);
  });

  it('hv-lint-ignore with a reason suppresses the finding on the next statement', async () => {
    const result = await lintOwn('-- hv-lint-ignore vacuum-full -- empty scratch database, nobody connected\nVACUUM FULL;\nVACUUM FULL;\n');
    expect(ruleLines(result.findings)).toEqual([['vacuum-full', 3]]);
  });

  it('a trailing hv-lint-ignore covers its own line; -file covers the file', async () => {
    const trailing = await lintOwn('VACUUM FULL; -- hv-lint-ignore vacuum-full -- scratch db\n');
    expect(trailing.findings).toEqual([]);
    const fileWide = await lintOwn('-- hv-lint-ignore-file vacuum-full -- scratch db\nSELECT 1;\nVACUUM FULL;\n');
    expect(fileWide.findings).toEqual([]);
  });

  it('hv-lint-ignore without a reason suppresses nothing and is reported', async () => {
    const result = await lintOwn('-- hv-lint-ignore vacuum-full\nVACUUM FULL;\n');
    expect(ruleLines(result.findings)).toEqual([
      ['invalid-ignore', 1],
      ['vacuum-full', 2],
    ]);
  });

  it('an ignore for another rule does not suppress', async () => {
    const result = await lintOwn('-- hv-lint-ignore set-unlogged -- not this one\nVACUUM FULL;\n');
    expect(ruleLines(result.findings)).toEqual([['vacuum-full', 2]]);
  });
});
