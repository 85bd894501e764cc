import { describe, expect, test } from 'vitest';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './support.ts';

describe('habit-verify mutants', () => {
  test('--json prints exactly { defects: [{ id, killed, killedBy, casesToKill, ms }] }; the kill matrix goes into the report; exit 0 when killed', async () => {
    const reports = await mkdtemp(join(tmpdir(), 'hv-mutants-'));
    try {
      const r = await cli(['mutants', '--defect', 'records-only-for-present-times', '--fast', '--json', '--seed', '1', '--report-dir', reports]);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { defects: Array<Record<string, unknown>> };
      expect(Object.keys(out)).toEqual(['defects']);
      expect(out.defects).toHaveLength(1);
      const [d] = out.defects;
      expect(Object.keys(d!)).toEqual(['id', 'killed', 'killedBy', 'casesToKill', 'ms']);
      expect(d).toMatchObject({ id: 'records-only-for-present-times', killed: true, killedBy: ['phase-0/round-trip'] });
      expect(d!.casesToKill).toBeGreaterThanOrEqual(1);
      const dir = (await readdir(reports)).find((n) => n.includes('-mutants-1'))!;
      const run = JSON.parse(await readFile(join(reports, dir, 'run.json'), 'utf8')) as { killMatrix: Array<{ id: string; counterexample?: unknown }> };
      expect(run.killMatrix[0]!.id).toBe('records-only-for-present-times');
      expect(run.killMatrix[0]!.counterexample).toBeDefined();
      expect(await readFile(join(reports, dir, 'index.html'), 'utf8')).toContain('id="kill-matrix"');
    } finally {
      await rm(reports, { recursive: true, force: true });
    }
  });

  test('an unknown defect is a usage error (exit 2) before any server starts', async () => {
    const r = await cli(['mutants', '--defect', 'no-such-defect']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown defect "no-such-defect"/);
  });

  test('--sql: one mutant by its id, judged by its phase\'s gate; --json prints { score, mutants }', async () => {
    const reports = await mkdtemp(join(tmpdir(), 'hv-mutants-sql-'));
    try {
      const r = await cli(['mutants', '--sql', '--sql-file', 'phase-0/sql/create-weeks.up.sql:28:', '--json', '--seed', '1', '--report-dir', reports]);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { score: { mutants: number; killed: number; score: number }; mutants: Array<{ status: string; killedBy?: string }> };
      expect(out.score).toMatchObject({ killed: out.score.mutants, score: 100 });
      expect(out.mutants.every((m) => m.status === 'killed' && m.killedBy?.startsWith('phase-0/'))).toBe(true);
    } finally {
      await rm(reports, { recursive: true, force: true });
    }
  }, 120_000);

  test('--shard, --sql-file and --survivors-of without --sql, and --sql-file matching nothing, are usage errors (exit 2)', async () => {
    expect((await cli(['mutants', '--shard', '1/2'])).code).toBe(2);
    expect((await cli(['mutants', '--survivors-of', 'run.json'])).code).toBe(2);
    const r = await cli(['mutants', '--sql', '--sql-file', 'no-such-file']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no SQL file/);
  });
});
