/**
 * Every property can fail: each defect of the catalogue, switched in, is killed by the property the
 * catalogue names first (within that property's default budget and the fixed test seed). One test file
 * per phase so vitest runs them in parallel.
 */
import { describe, expect, test } from 'vitest';
import { DEFECTS } from '../../src/defects/index.ts';
import type { PhaseTag } from '../../src/runner/property.ts';
import { findProperty } from '../index.ts';
import { runForVitest } from './vitest-property.ts';

export function defectKills(phase: PhaseTag): void {
  const defects = DEFECTS.filter((d) => d.phases[0] === phase);
  describe(`defect catalogue (${phase}): each defect is killed`, () => {
    test('the phase has defects, each naming a property that exists', () => {
      expect(defects.length).toBeGreaterThan(0);
      for (const d of defects) expect(findProperty(d.expectedKillers[0]!), `${d.id}: no property ${d.expectedKillers[0]}`).toBeDefined();
    });
    for (const d of defects) {
      test(`${d.id} is killed by ${d.expectedKillers[0]}`, async () => {
        const killer = findProperty(d.expectedKillers[0]!)!;
        const r = await runForVitest(killer, { defect: d.id });
        expect(r.verdict, `${d.id} survived ${killer.name} (${r.runs} cases): ${r.failure?.message ?? r.note ?? ''}`).toBe('failed');
      }, 300_000);
    }
  });
}
