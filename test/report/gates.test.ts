import { describe, expect, it } from 'vitest';
import { gatesOf, overallVerdict } from '../../src/report/gates.ts';
import { failingReport, passingReport } from './fixtures.ts';

describe('gatesOf', () => {
  it('one gate per tag, phases first, FAIL on a failure, ERROR on an error alone', () => {
    const gates = gatesOf(failingReport());
    expect(gates.map((g) => [g.gate, g.verdict])).toEqual([['phase-0', 'FAIL'], ['rollback', 'ERROR']]);
    expect(gates[0]!.counts).toEqual({ passed: 1, failed: 2, error: 0, skipped: 1 });
    expect(overallVerdict(gates)).toBe('FAIL');
    expect(overallVerdict(gates.slice(1))).toBe('ERROR');
  });

  it('PASS when everything that ran passed; NOT RUN when all were skipped', () => {
    expect(overallVerdict(gatesOf(passingReport()))).toBe('PASS');
    const skipped = passingReport();
    skipped.results = skipped.results.map((r) => ({ ...r, verdict: 'skipped' as const }));
    expect(gatesOf(skipped).map((g) => g.verdict)).toEqual(['NOT RUN']);
  });

  it('a property with two tags is in both gates', () => {
    const r = passingReport();
    r.results[0]!.tags = ['rollback', 'phase-0'];
    expect(gatesOf(r).map((g) => [g.gate, g.results.length])).toEqual([['phase-0', 2], ['rollback', 1]]);
  });
});
