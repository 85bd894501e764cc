/**
 * The real squawk binary from node_modules (squawk-cli 2.66.0), on stdin, lines mapped back.
 */
import { mkdtemp, writeFile, chmod, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractSql } from '../../src/lint/extract-sql.ts';
import { locateSquawk } from '../../src/lint/squawk-binary.ts';
import { parseSquawkJson, runSquawk } from '../../src/lint/squawk.ts';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'hv-lint-squawk-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('squawk', () => {
  it('is installed from node_modules for this platform', () => {
    const located = locateSquawk();
    expect(located.kind, located.kind === 'missing' ? located.message : '').toBe('found');
  });

  it('reports findings at the line of the .md, not of the code block', async () => {
    const md = '# t\n\ntext\n\n```sql\nSELECT 1;\nDROP TABLE habit_tracker_old;\n```\n';
    const chunks = extractSql('plan.md', md, 'markdown');
    const { findings, errors } = await runSquawk(chunks);
    expect(errors).toEqual([]);
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'ban-drop-table', line: 7, file: 'plan.md', severity: 'warning', source: 'squawk' }),
    );
  });

  it('raises CONCURRENTLY inside a transaction to error (Postgres rejects it)', async () => {
    const chunks = extractSql('a.sql', 'BEGIN;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);\nCOMMIT;\n', 'sql');
    const { findings } = await runSquawk(chunks);
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'ban-concurrent-index-creation-in-transaction', line: 2, severity: 'error' }),
    );
  });

  it("honours squawk's own ignore comment (`-- squawk-ignore rule -- reason`)", async () => {
    const sql = '-- squawk-ignore ban-drop-table -- retired legacy table, read-only for a week first\nDROP TABLE IF EXISTS old_t;\n';
    const { findings } = await runSquawk(extractSql('a.sql', sql, 'sql'));
    expect(findings.map((f) => f.rule)).not.toContain('ban-drop-table');
  });

  it('a missing binary is an infra error result, not a crash', async () => {
    const result = await runSquawk(extractSql('a.sql', 'SELECT 1;', 'sql'), { binary: path.join(tmp, 'no-such-squawk') });
    expect(result.findings).toEqual([]);
    expect(result.errors).toEqual([{ kind: 'squawk-unavailable', message: expect.stringContaining('no-such-squawk') }]);
  });

  it('a binary that runs but prints no JSON is squawk-failed', async () => {
    const fake = path.join(tmp, 'fake-squawk');
    await writeFile(fake, '#!/bin/sh\necho "segfault-ish" >&2\nexit 1\n');
    await chmod(fake, 0o755);
    const result = await runSquawk(extractSql('a.sql', 'SELECT 1;', 'sql'), { binary: fake });
    expect(result.errors).toEqual([{ kind: 'squawk-failed', file: 'a.sql', message: expect.stringContaining('segfault-ish') }]);
  });

  it('parses the JSON reporter shape (0-based lines)', () => {
    const [chunk] = extractSql('p.md', '```sql\nSELECT 1;\nDROP TABLE t;\n```', 'markdown');
    const json = JSON.stringify([
      { file: 'p.md', line: 1, column: 0, level: 'Warning', message: 'Dropping a table may break existing clients.', help: null, rule_name: 'ban-drop-table', column_end: 13, line_end: 1 },
    ]);
    expect(parseSquawkJson(json, chunk!)).toEqual([
      { rule: 'ban-drop-table', severity: 'warning', file: 'p.md', line: 3, message: 'Dropping a table may break existing clients.', source: 'squawk' },
    ]);
    expect(parseSquawkJson('not json', chunk!)).toBeUndefined();
  });
});
