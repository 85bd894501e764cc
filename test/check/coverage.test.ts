import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { GATES } from '../../properties/index.ts';
import { DEFAULT_TEST_SEED } from '../../properties/support/vitest-property.ts';
import { addCase, emptyCoverage, mergeCoverage, normalizationsOf, unhitBranches, COVERAGE_BRANCHES } from '../../src/check/coverage.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { ANOMALY_IDS } from '../../src/generate/anomaly-id.ts';
import { expectedOutcomes } from '../../src/check/canonical.ts';
import type { AnyProperty } from '../../src/runner/property.ts';

describe('coverage of anomalies and mapping-rule branches', () => {
  test('every branch is listed, at 0 until hit', () => {
    const c = emptyCoverage();
    expect(Object.keys(c.anomalies)).toEqual([...ANOMALY_IDS]);
    expect(unhitBranches(c)).toHaveLength(Object.values(COVERAGE_BRANCHES).reduce((n, ids) => n + ids.length, 0));
  });

  test('a dataset with every anomaly hits every branch but unexpected_error; a faulty row hits that one', () => {
    const [ds] = fc.sample(legacyDatasetArbitrary({ mode: 'realistic', maxRows: 3, everyAnomaly: true }), { seed: 7, numRuns: 1 });
    const c = emptyCoverage();
    addCase(c, ds!);
    expect(unhitBranches(c)).toEqual(['quarantine.unexpected_error']);
    const outcomes = expectedOutcomes(ds!.rows, new Set(ds!.users.map((u) => u.id)));
    const migrating = ds!.rows.find((r) => outcomes.get(r.id)?.kind === 'migrate')!;
    addCase(c, ds!, new Set([migrating.id]));
    expect(unhitBranches(c)).toEqual([]);
    expect(c.cases).toBe(2);
  });

  test('normalizations of one row', () => {
    const row = { id: 1, user_id: 'u', child_name: 'a', week_period: null, week_start_date: '2024-01-01', theme: null, habits: [{ name: 'x', times: ['GREEN', null] }, { name: 'y' }], reflection: null, reward: null, created_at: '', updated_at: '' };
    expect([...normalizationsOf(row)].sort()).toEqual(['reflection_null', 'status_case', 'status_null', 'times_missing', 'times_short', 'week_period_recomputed']);
  });

  // What each gate's random cases reach at its default budget (the seed the suite runs with). A
  // gate in which no property makes rows fail by fault injection cannot reach unexpected_error: only
  // phase-0 (backfill-faults) and phase-1 (sync-faults) do.
  test.each(Object.keys(GATES) as Array<keyof typeof GATES>)('gate %s reaches every branch at its default budget', (gate) => {
    const parts = (GATES[gate] as readonly AnyProperty[]).flatMap((p) => {
      if (!p.toDataset) return [];
      const c = emptyCoverage();
      for (const input of fc.sample(p.arbitrary(), { seed: DEFAULT_TEST_SEED, numRuns: p.defaultRuns })) addCase(c, p.toDataset(input), p.faultyRows?.(input));
      return [c];
    });
    const injectsFaults = (GATES[gate] as readonly AnyProperty[]).some((p) => p.faultyRows);
    const unhit = unhitBranches(mergeCoverage(parts)).filter((b) => injectsFaults || b !== 'quarantine.unexpected_error');
    expect(unhit).toEqual([]);
  });
});
