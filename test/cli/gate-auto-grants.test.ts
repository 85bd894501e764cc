import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { RunReport } from '../../src/runner/result.ts';
import { cli } from './support.ts';

// Supabase projects set up before 2026-10-30 still grant every new table and function in public to the
// API roles automatically. The rest of the suite runs the default (explicit) regime in full; this is the
// other regime's coverage in `npm test`, at a small budget (the full budget:
// `habit-verify gate all --supabase-grants auto`).
test('gate all passes under the automatic grants of older Supabase projects (3 cases per property)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hv-gate-auto-'));
  try {
    const r = await cli(['gate', 'all', '--supabase-grants', 'auto', '--seed', '2', '--runs', '3', '--no-save-regressions', '--json', '--report-dir', dir], {}, 450_000);
    const report = JSON.parse(r.stdout) as RunReport;
    const notPassed = report.results.filter((p) => p.verdict !== 'passed').map((p) => `${p.property}: ${p.verdict} ${p.failure?.message ?? p.note ?? ''}`);
    expect(notPassed).toEqual([]);
    expect(r.code).toBe(0);
    expect(report.results.length).toBeGreaterThan(30);
    // The access matrix was measured in this regime, and neither anon nor a stranger reaches a row at any step.
    expect(report.access?.regime).toBe('auto');
    expect(report.access!.steps.flatMap((s) => s.reached)).toEqual([]);
    expect(report.access!.steps.flatMap((s) => s.violations)).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 480_000);
