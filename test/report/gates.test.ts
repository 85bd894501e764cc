import { describe, expect, it } from 'vitest';
import { gatesOf, overallVerdict } from '../../src/report/gates.ts';
import { gateOfName } from '../../src/runner/gate-of-name.ts';
import { GATES, gateOf, propertiesOf } from '../../properties/index.ts';
import { failingReport, passingReport } from './fixtures.ts';

describe('gatesOf', () => {
  it('one gate per tag, phases first, FAIL on a failure, ERROR on an error alone', () => {
    const gates = gatesOf(failingReport());
    expect(gates.map((g) => [g.gate, g.verdict])).toEqual([['phase-0', 'FAIL'], ['rollback', 'ERROR']]);
    expect(gates[0]!.counts).toEqual({ total: 4, passed: 1, failed: 2, error: 0, skipped: 1, interrupted: 0 });
    expect(overallVerdict(gates)).toBe('FAIL');
    expect(overallVerdict(gates.slice(1))).toBe('ERROR');
  });

  it('PASS when everything that ran passed; NOT RUN when all were skipped', () => {
    expect(overallVerdict(gatesOf(passingReport()))).toBe('PASS');
    const skipped = passingReport();
    skipped.results = skipped.results.map((r) => ({ ...r, verdict: 'skipped' as const }));
    expect(gatesOf(skipped).map((g) => g.verdict)).toEqual(['NOT RUN']);
  });

  it('a property is counted once, in its gate, whatever phases it exercises', () => {
    const r = passingReport();
    r.results[0]!.tags = ['rollback', 'phase-0'];
    r.results[0]!.gate = 'rollback';
    expect(gatesOf(r).map((g) => [g.gate, g.results.length])).toEqual([['phase-0', 1], ['rollback', 1]]);
  });

  it('every property of properties/index.ts is in exactly one gate, the prefix of its name', () => {
    const owners = new Map<string, string[]>();
    for (const [gate, props] of Object.entries(GATES)) for (const p of props) owners.set(p.name, [...(owners.get(p.name) ?? []), gate]);
    for (const [name, gates] of owners) {
      expect(gates, name).toHaveLength(1);
      expect(gateOf(name), name).toBe(gates[0]);
      expect(gateOfName(name), name).toBe(gates[0]);
    }
    expect(owners.size).toBe(propertiesOf('all').length);
  });
});
