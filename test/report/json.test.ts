import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.ts';
import { failingReport, passingReport } from './fixtures.ts';
import { runSummary } from '../../src/report/gates.ts';
import type { RunReport } from '../../src/runner/result.ts';

describe('renderJson', () => {
  it.each([['passing', passingReport()], ['failing', failingReport()]])('%s: the report, pretty, round-trips, with its summary', (_, report) => {
    const text = renderJson(report);
    expect(text).toMatch(/^\{\n {2}"runId"/);
    const { summary, ...rest } = JSON.parse(text) as RunReport & { summary: unknown };
    expect(rest).toEqual(report);
    expect(summary).toEqual(runSummary(report));
  });

  it('summary: one count per property, in its one gate', () => {
    const s = runSummary(failingReport());
    expect(s.counts).toEqual({ total: 5, passed: 1, failed: 2, error: 1, skipped: 1, interrupted: 0 });
    expect(s.gates.map((g) => [g.gate, g.counts.total])).toEqual([['phase-0', 4], ['rollback', 1]]);
    expect(s.gates.reduce((a, g) => a + g.counts.total, 0)).toBe(s.counts.total);
  });
});
