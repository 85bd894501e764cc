import { describe, expect, test } from 'vitest';
import { emptyCoverage } from '../../src/check/coverage.ts';
import { htmlCoverage, mdCoverage } from '../../src/report/coverage-section.ts';
import { REPORT_SECTIONS } from '../../src/report/sections.ts';
import type { RunReport } from '../../src/runner/result.ts';

const report = (coverage?: RunReport['coverage']): RunReport => ({
  runId: 'r',
  command: 'habit-verify gate phase-0',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  seed: 1,
  provider: 'embedded (PostgreSQL 17)',
  gates: ['phase-0'],
  results: [],
  ...(coverage ? { coverage } : {}),
});

describe('the coverage section', () => {
  test('is in the table of contents, after the checks', () => {
    const ids = REPORT_SECTIONS.map((s) => s.id);
    expect(ids.indexOf('coverage')).toBeGreaterThan(ids.indexOf('checks'));
  });

  test('absent when the run has no coverage', () => {
    expect(htmlCoverage(report())).toBe('');
    expect(mdCoverage(report())).toEqual([]);
  });

  test('every branch with its rows, the unreached named first', () => {
    const c = emptyCoverage();
    c.cases = 3;
    c.rows = 12;
    c.quarantine.owner_null = 4;
    c.anomalies.text_nfd = 2;
    const html = htmlCoverage(report(c));
    expect(html).toContain('Not reached:');
    expect(html).toContain('<code>quarantine.unexpected_error</code>');
    expect(html).not.toContain('<code>quarantine.owner_null</code>,');
    const lines = mdCoverage(report(c));
    expect(lines[0]).toContain('3 random case(s), 12 generated legacy rows');
    expect(lines).toContain('| quarantine reasons | `owner_null` | 4 |');
    expect(lines).toContain('| anomalies of the generators | `text_nfd` | 2 |');
  });
});
