import { describe, expect, it } from 'vitest';
import { compareRuns, nothingChanged } from '../../src/report/run-changes.ts';
import type { RunReport } from '../../src/runner/result.ts';
import { failingReport, manyStallsResult, passingReport } from './fixtures.ts';

const withStalls = (maxMs: number): RunReport => {
  const r = passingReport();
  const s = manyStallsResult();
  s.stalls = [{ step: '(no migration step running)', p50Ms: 5, p99Ms: 50, maxMs: 900, errors: 0 }, { step: 'phase-0 up backfill', p50Ms: 5, p99Ms: maxMs, maxMs, errors: 0 }];
  r.results.push(s);
  return r;
};

describe('compareRuns', () => {
  it('no previous run: nothing to compare (the first run of the gate)', () => {
    expect(compareRuns(undefined, passingReport())).toEqual({ verdicts: [], newCounterexamples: [], figures: [] });
  });

  it('the same run twice: nothing changed', () => {
    const c = compareRuns(passingReport(), passingReport());
    expect(nothingChanged(c)).toBe(true);
    expect(c.previous).toMatchObject({ runId: passingReport().runId, verdict: 'PASS', counts: { total: 2, passed: 2 } });
  });

  it('verdicts that changed, properties that came or went, and new counterexamples', () => {
    const before = passingReport();
    before.results.push({ ...before.results[0]!, property: 'phase-0/gone' });
    const now = failingReport();
    const c = compareRuns(before, now);
    expect(c.verdicts).toEqual([
      { property: 'phase-0/round-trip', gate: 'phase-0', before: 'passed', after: 'failed' },
      { property: 'phase-0/resumability', gate: 'phase-0', after: 'failed' },
      { property: 'phase-0/idempotency', gate: 'phase-0', after: 'passed' },
      { property: 'phase-0/time-zone-independence', gate: 'phase-0', after: 'skipped' },
      { property: 'rollback/phase-0', gate: 'rollback', after: 'error' },
      { property: 'phase-0/accounting', gate: 'phase-0', before: 'passed' },
      { property: 'phase-0/gone', gate: 'phase-0', before: 'passed' },
    ]);
    expect(c.newCounterexamples.map((n) => [n.property, n.before])).toEqual([['phase-0/round-trip', 'passed'], ['phase-0/resumability', 'not run']]);
    // the same counterexample again is not new; another one is
    expect(compareRuns(failingReport(), failingReport()).newCounterexamples).toEqual([]);
    const other = failingReport();
    other.results[0]!.counterexample = { rows: [] };
    expect(compareRuns(failingReport(), other).newCounterexamples.map((n) => [n.property, n.before])).toEqual([['phase-0/round-trip', 'another counterexample']]);
  });

  it('figures that moved: case counts, the longest stall beyond noise, quarantine and drift', () => {
    const before = withStalls(200);
    const now = withStalls(205); // noise
    expect(compareRuns(before, now).figures).toEqual([]);
    const slower = withStalls(480);
    slower.results[0]!.runs = 50;
    expect(compareRuns(before, slower).figures).toEqual([
      { what: 'cases run', property: 'phase-0/round-trip', before: 100, after: 50, unit: 'cases' },
      { what: 'longest write stall', property: 'rollback/zero-downtime', before: 200, after: 480, unit: 'ms' },
    ]);
    // with the limit known, a stall moved when it changed by a fifth of it, or crossed it
    const limited = (ms: number) => ({ ...withStalls(ms), stallLimitMs: 1000 });
    expect(compareRuns(limited(286), limited(164)).figures).toEqual([]);
    expect(compareRuns(limited(286), limited(520)).figures.map((f) => f.after)).toEqual([520]);
    expect(compareRuns(limited(950), limited(1010)).figures.map((f) => f.after)).toEqual([1010]);
    const q = failingReport();
    const q2 = failingReport();
    q2.quarantine = [{ reason: 'owner_null', count: 9, examples: [] }];
    expect(compareRuns(q, q2).figures).toEqual([{ what: 'rows set aside (quarantine) in the worked example', before: 4, after: 9, unit: 'rows' }]);
  });
});
