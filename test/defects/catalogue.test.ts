import { describe, expect, test } from 'vitest';
import { DEFECTS } from '../../src/defects/index.ts';
import { StaleDefectError } from '../../src/defects/defect.ts';
import { patchSql, patchStep } from '../../src/defects/transform.ts';
import { ourMigration } from '../../src/migration/implementation.ts';
import { PHASE_IDS } from '../../src/contract/phase.ts';

/** Everything a defect can change, as text: every step of every phase, and the other parts' identity. */
function shapeOf(impl: typeof ourMigration | ReturnType<(typeof DEFECTS)[number]['apply']>): string {
  const phases = PHASE_IDS.map((id) => {
    const p = impl.phases[id];
    return JSON.stringify({ id, steps: p.steps, completeSteps: p.completeSteps, executor: p.executor });
  });
  return JSON.stringify({ phases, parts: [impl.backfill.run, impl.dualWrite.call, impl.reads.routesToNew, impl.phases['phase-0'].rollback, impl.phases['phase-3'].complete].map(String), reads: (impl.reads as { parts?: unknown }).parts ?? null, router: String((impl.reads as { parts?: { routesToNew?: unknown } }).parts?.routesToNew) });
}

describe('the defect catalogue', () => {
  test('ids are unique, each names phases and killers', () => {
    expect(new Set(DEFECTS.map((d) => d.id)).size).toBe(DEFECTS.length);
    for (const d of DEFECTS) {
      expect(d.phases.length, d.id).toBeGreaterThan(0);
      expect(d.expectedKillers.length, d.id).toBeGreaterThan(0);
    }
  });

  test.each(DEFECTS.map((d) => [d.id, d] as const))('%s applies to our implementation and changes it', (_id, d) => {
    const broken = d.apply(ourMigration);
    expect(shapeOf(broken)).not.toBe(shapeOf(ourMigration));
    expect(shapeOf(ourMigration)).toBe(shapeOf(ourMigration)); // the original is left as it was
  });
});

describe('transformations', () => {
  const step = { name: 's', why: 'test', up: 'SELECT 1; SELECT 2;', down: 'SELECT 3;' };

  test('a fragment is replaced only when it occurs exactly once; otherwise the defect is stale, loudly', () => {
    expect(patchSql('d', step, 'up', [['SELECT 2', 'SELECT 20']]).up).toBe('SELECT 1; SELECT 20;');
    expect(() => patchSql('d', step, 'up', [['SELECT 9', 'x']])).toThrow(StaleDefectError);
    expect(() => patchSql('d', step, 'up', [['SELECT', 'x']])).toThrow(/2 occurrence\(s\)/);
    expect(() => patchSql('d', { ...step, down: undefined }, 'down', [['a', 'b']])).toThrow(/no down SQL/);
  });

  test('a missing step is stale, not silently skipped', () => {
    expect(() => patchStep('d', ourMigration, 'phase-0', 'no-such-step', 'up', [['a', 'b']])).toThrow(/phase-0 has no step no-such-step/);
  });
});
