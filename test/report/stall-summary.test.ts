import { describe, expect, it } from 'vitest';
import { stallSummary } from '../../src/report/stall-summary.ts';
import { manyStallsResult, passingReport, stallOverResult } from './fixtures.ts';

const report = (limit?: number) => {
  const r = passingReport();
  r.results.push(manyStallsResult(), stallOverResult());
  if (limit !== undefined) r.stallLimitMs = limit;
  return r;
};

describe('stallSummary', () => {
  it('no figures: nothing to say', () => {
    expect(stallSummary(passingReport())).toBeUndefined();
  });

  it('each step against its bound: the limit plus the run\'s baseline, the failure\'s own numbers when it failed', () => {
    const s = stallSummary(report(1000))!;
    expect(s.properties.map((p) => [p.property, p.boundMs, p.boundText])).toEqual([
      ['rollback/zero-downtime', 1087, 'HV_MAX_STALL_MS 1000 ms + the slowest write with no step running (87 ms)'],
      ['phase-3/zero-downtime', 1090, 'HV_MAX_STALL_MS 1000 ms + the slowest write with no step running (90 ms), in the case that failed'],
    ]);
    expect(s.ranked[0]).toMatchObject({ step: 'phase-3 up rename-legacy', property: 'phase-3/zero-downtime', maxMs: 1500, boundMs: 1090, over: true });
    expect(s.ranked.filter((x) => x.over)).toHaveLength(1);
    expect(s.ranked.some((x) => x.step === '(no migration step running)')).toBe(false);
    expect(s.ranked.map((x) => x.maxMs)).toEqual([...s.ranked.map((x) => x.maxMs)].sort((a, b) => b - a));
  });

  it('a bound the check recorded wins; without a known limit the bound is unknown but a step the check named is still over', () => {
    const r = report();
    r.results[3]!.stalls = r.results[3]!.stalls!.map((f) => ({ ...f, boundMs: 2000 }));
    const s = stallSummary(r)!;
    expect(s.properties[0]!.boundMs).toBeUndefined();
    expect(s.properties[1]!.boundMs).toBe(2000);
    expect(s.ranked[0]).toMatchObject({ step: 'phase-3 up rename-legacy', over: true });
  });
});
