import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { RunReport } from '../../src/runner/result.ts';
import { cli } from './support.ts';

// Supabase projects created before 17 still run PostgreSQL 15: every gate must give the same verdict
// there. The rest of the suite runs on 17; this is the old major's coverage in `npm test`, at a small
// budget (the full budget: `habit-verify gate all --pg-version 15`). Measured 73–116 s on the shared
// 2-core dev machine (load 5–8); the two zero-downtime properties take most of it.
test('gate all passes on PostgreSQL 15 (3 cases per property)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hv-gate15-'));
  try {
    const r = await cli(['gate', 'all', '--pg', 'embedded', '--pg-version', '15', '--seed', '1', '--runs', '3', '--no-save-regressions', '--json', '--report-dir', dir], {}, 280_000);
    const report = JSON.parse(r.stdout) as RunReport;
    // A property may be skipped on 15 only with the reason (something 15 lacks).
    const notPassed = report.results.filter((p) => p.verdict !== 'passed' && !(p.verdict === 'skipped' && p.note)).map((p) => `${p.property}: ${p.verdict} ${p.failure?.message ?? p.note ?? ''}`);
    expect(notPassed).toEqual([]);
    expect(r.code).toBe(0);
    expect(report.provider).toBe('embedded (PostgreSQL 15)');
    expect(report.results.length).toBeGreaterThan(20);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 300_000);
