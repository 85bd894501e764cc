/**
 * Every property can fail: each defect of the catalogue, switched in, is killed by the property the
 * catalogue names (within the property's default budget and the fixed test seed).
 */
import { describe, expect, test } from 'vitest';
import { DEFECTS } from '../src/migration/defects.ts';
import { findProperty } from './index.ts';
import { runForVitest } from './support/vitest-property.ts';

describe('defect catalogue: each defect is killed', () => {
  for (const d of DEFECTS) {
    const killer = findProperty(d.expectedKillers[0]!);
    test.runIf(killer !== undefined)(`${d.id} is killed by ${d.expectedKillers[0]}`, async () => {
      const r = await runForVitest(killer!, { defect: d.id });
      expect(r.verdict, `${d.id} survived ${killer!.name} (${r.runs} cases): ${r.failure?.message ?? ''}`).toBe('failed');
    }, 300_000);
  }
});
