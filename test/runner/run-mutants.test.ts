import { HarnessError } from '../../src/runner/harness-error.ts';
import { describe, expect, inject, test } from 'vitest';
import fc from 'fast-check';
import { attachPostgres } from '../../src/db/start-postgres.ts';
import { matrixVerdict, propertiesForDefect, runMutants, type KillMatrixEntry } from '../../src/runner/run-mutants.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import type { AnyProperty, PropertyDef } from '../../src/runner/property.ts';
import type { PhaseTag } from '../../src/runner/property.ts';
import type { Defect } from '../../src/defects/defect.ts';
import { ourMigration } from '../../src/migration/implementation.ts';

/** A toy property that fails when its defect is switched in and the input reaches `from`. */
function toy(name: string, kills: string[], from = 10): PropertyDef<number> {
  return {
    name,
    tags: ['phase-0'],
    description: `fails on ${kills.join(', ')} for inputs >= ${from}`,
    defaultRuns: 50,
    arbitrary: () => fc.nat({ max: 100 }),
    async setup() {},
    async reset() {},
    async check(n, ctx) {
      if (kills.includes(ctx.impl.name) && n >= from) throw new PropertyFailure(`${name} caught ${ctx.impl.name}`);
    },
  };
}

/** A toy defect: the implementation under test is renamed after it, which the toy properties look for. */
const defect = (id: string, phases: PhaseTag[]): Defect => ({ id, phases, description: id, planReference: 'test', expectedKillers: [], apply: (impl) => ({ ...impl, name: id }) });
const gates: Partial<Record<PhaseTag, AnyProperty[]>> = {
  'phase-0': [toy('t/a', ['both']), toy('t/b', ['both', 'only-b'])],
  'phase-1': [toy('t/b', ['both', 'only-b']), toy('t/c', ['late'])],
};
const propertiesOf = (p: PhaseTag) => gates[p];

describe('runMutants', () => {
  test('full matrix: every killer recorded, first killer gives cases and the shrunk counterexample; survivors and gateless phases reported', async () => {
    const pg = await attachPostgres(inject('pgAdminUri'));
    try {
      const matrix = await runMutants({
        pg,
        impl: ourMigration,
        seed: 7,
        propertiesOf,
        defects: [defect('both', ['phase-0']), defect('only-b', ['phase-0', 'phase-1']), defect('none', ['phase-0']), defect('later', ['phase-3'])],
      });
      const [both, onlyB, none, later] = matrix as [KillMatrixEntry, KillMatrixEntry, KillMatrixEntry, KillMatrixEntry];
      expect(both).toMatchObject({ id: 'both', killed: true, killedBy: ['t/a', 't/b'], counterexample: 10 });
      expect(both.casesToKill).toBeGreaterThanOrEqual(1);
      expect(both.firstKill?.property).toBe('t/a');
      expect(both.firstKill?.replayCommand).toContain('--defect both');
      // t/b is in both gates: run once
      expect(onlyB.results.map((r) => r.property)).toEqual(['t/a', 't/b', 't/c']);
      expect(onlyB).toMatchObject({ killed: true, killedBy: ['t/b'] });
      expect(none).toMatchObject({ killed: false, killedBy: [], errors: [] });
      expect(none.casesToKill).toBeUndefined();
      expect(none.results.every((r) => r.verdict === 'passed' && r.defect === 'none')).toBe(true);
      expect(later).toMatchObject({ killed: false, phasesWithoutGate: ['phase-3'], results: [] });
      expect(matrixVerdict(matrix)).toBe('survivor');
      expect(matrixVerdict([both, onlyB])).toBe('all-killed');
    } finally {
      await pg.close();
    }
  });

  test('--fast stops at the first killer', async () => {
    const pg = await attachPostgres(inject('pgAdminUri'));
    try {
      const [e] = await runMutants({ pg, impl: ourMigration, seed: 7, propertiesOf, fast: true, defects: [defect('both', ['phase-0'])] });
      expect(e).toMatchObject({ killed: true, killedBy: ['t/a'] });
      expect(e!.results).toHaveLength(1);
    } finally {
      await pg.close();
    }
  });

  test('a survivor whose property could not run makes the matrix incomplete, not a verdict', async () => {
    const pg = await attachPostgres(inject('pgAdminUri'));
    try {
      const broken: AnyProperty = { ...toy('t/broken', []), setup: () => Promise.reject(new HarnessError('create its helper table', new Error('setup exploded'))) };
      const matrix = await runMutants({ pg, impl: ourMigration, seed: 1, propertiesOf: () => [broken], defects: [defect('x', ['phase-0'])] });
      expect(matrix[0]).toMatchObject({ killed: false, errors: ['t/broken'] });
      expect(matrixVerdict(matrix)).toBe('incomplete');
    } finally {
      await pg.close();
    }
  });
});

describe('propertiesForDefect', () => {
  test('phase order, each property once', () => {
    const r = propertiesForDefect(defect('d', ['phase-1', 'phase-0', 'rollback']), propertiesOf);
    expect(r.properties.map((p) => p.name)).toEqual(['t/b', 't/c', 't/a']);
    expect(r.phasesWithoutGate).toEqual(['rollback']);
  });
});
