import { ourMigration } from '../../src/migration/implementation.ts';
import { describe, expect, inject, test } from 'vitest';
import fc from 'fast-check';
import { attachPostgres } from '../../src/db/start-postgres.ts';
import { runSoak } from '../../src/runner/run-soak.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { HarnessError } from '../../src/runner/harness-error.ts';
import type { PropertyDef } from '../../src/runner/property.ts';

const prop = (name: string, check: (n: number) => void): PropertyDef<number> => ({
  name,
  tags: ['phase-0'],
  description: name,
  defaultRuns: 10,
  arbitrary: () => fc.nat({ max: 1000 }),
  async setup() {},
  async check(n) {
    check(n);
  },
  async reset() {},
});

describe('runSoak', () => {
  test('every property over every seed at k × its budget: cases counted, each failure a false alarm with its replay line, errors apart', async () => {
    const pg = await attachPostgres(inject('pgAdminUri'));
    try {
      const ok = prop('t/ok', () => undefined);
      const rare = prop('t/rare', (n) => {
        if (n > 990) throw new PropertyFailure('rare');
      });
      const broken = prop('t/harness', () => {
        throw new HarnessError('do its part', new Error('no'));
      });
      const report = await runSoak([ok, rare, broken], { pg, impl: ourMigration, seeds: [1, 2, 3, 4, 5, 6, 7, 8], runsMultiplier: 3 });
      expect(report.properties.find((p) => p.property === 't/ok')).toMatchObject({ runs: 8, cases: 240, falseAlarms: 0 });
      expect(report.falseAlarms.length).toBeGreaterThan(0);
      for (const a of report.falseAlarms) {
        expect(a).toMatchObject({ property: 't/rare', verdict: 'failed', message: 'rare' });
        expect(a.replayCommand).toMatch(new RegExp(`^npx habit-verify replay t/rare --seed ${a.seed} --path `));
      }
      expect(report.errors.map((e) => e.property)).toEqual(Array(8).fill('t/harness'));
      expect(report.incomplete).toBe(false);
    } finally {
      await pg.close();
    }
  });
});
