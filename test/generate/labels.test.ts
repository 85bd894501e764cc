import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANOMALIES } from '../../src/generate/anomalies.ts';
import type { AnomalyId } from '../../src/generate/anomaly-id.ts';
import { legacyDatasetArbitrary, type LegacyDatasetOptions } from '../../src/generate/legacy-dataset.ts';
import { labelledOutcome } from '../../src/generate/labelled-outcome.ts';
import { expectedOutcomes, expectedWarnings } from '../../src/check/canonical.ts';

const MIGRATING: AnomalyId[] = ANOMALIES.filter((a) => a.treatment.kind !== 'quarantine').map((a) => a.id);
const QUARANTINING: AnomalyId[] = ANOMALIES.filter((a) => a.treatment.kind === 'quarantine').map((a) => a.id);

/** The generator's modes, and the anomaly subsets properties draw from. */
const MODES: Array<[string, LegacyDatasetOptions]> = [
  ['realistic', { mode: 'realistic' }],
  ['adversarial', { mode: 'adversarial' }],
  ['mixed', { mode: 'mixed' }],
  ['adversarial, migrating anomalies only', { mode: 'adversarial', anomalies: MIGRATING }],
  ['adversarial, quarantining anomalies only', { mode: 'adversarial', anomalies: QUARANTINING }],
];
const ROWS_PER_MODE = 10_000;

/**
 * The generator's promise: the treatment each row's labels carry (labelled-outcome.ts) is what the
 * oracle (src/check/canonical.ts) decides for the finished row — quarantine with the same reason, or
 * migrate with the same warnings. Properties never rely on labels, but coverage counts and reports do.
 */
describe('anomaly labels agree with the oracle', () => {
  for (const [name, opts] of MODES) {
    it(`${name}: ${ROWS_PER_MODE} rows`, () => {
      let rows = 0;
      const disagreements: unknown[] = [];
      for (let seed = 1; rows < ROWS_PER_MODE; seed++) {
        const [ds] = fc.sample(legacyDatasetArbitrary({ ...opts, maxRows: 20 }), { seed, numRuns: 1 });
        const outcomes = expectedOutcomes(ds!.rows, new Set(ds!.users.map((u) => u.id)));
        const warnings = expectedWarnings(ds!.rows, outcomes);
        for (const row of ds!.rows) {
          rows++;
          const labels = ds!.anomalies?.[row.id] ?? [];
          const o = outcomes.get(row.id)!;
          const oracle = o.kind === 'quarantine' ? { kind: o.reason } : { kind: 'migrate', warnings: [...new Set(warnings.filter((w) => w.legacyId === row.id).map((w) => w.code))].sort() };
          const l = labelledOutcome(labels);
          const label = l.kind === 'quarantine' ? { kind: l.reason } : l;
          if (JSON.stringify(label) !== JSON.stringify(oracle)) disagreements.push({ seed, row, labels, label, oracle });
        }
      }
      expect(disagreements.slice(0, 3), `${disagreements.length} of ${rows} rows`).toEqual([]);
    }, 120_000);
  }
});
