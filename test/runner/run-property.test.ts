import { describe, expect, inject, test } from 'vitest';
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachPostgres } from '../../src/db/start-postgres.ts';
import { runProperty } from '../../src/runner/run-property.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import type { PropertyDef } from '../../src/runner/property.ts';
import { loadRegressions, saveRegression } from '../../src/report/regression-store.ts';

/** A property that fails for arrays holding a number >= 50: shrinks to [50]. */
const toy: PropertyDef<number[]> = {
  name: 'test/toy',
  tags: ['phase-0'],
  description: 'no element reaches 50',
  defaultRuns: 200,
  arbitrary: () => fc.array(fc.nat({ max: 100 })),
  async setup(ctx) {
    await ctx.client.query('CREATE TABLE seen (n int)');
  },
  async check(input, ctx) {
    await ctx.client.query('INSERT INTO seen SELECT unnest($1::int[])', [input]);
    const { rows } = await ctx.client.query<{ m: number | null }>('SELECT max(n) AS m FROM seen');
    if ((rows[0]!.m ?? 0) >= 50) throw new PropertyFailure('reached 50', { max: rows[0]!.m });
  },
};

describe('runProperty', () => {
  test('a failure is recorded with seed, path, shrunk counterexample and a replay line; the path replays it', async () => {
    const pg = await attachPostgres(inject('pgAdminUri'));
    try {
      const r = await runProperty(toy, { pg, seed: 4 });
      expect(r.verdict).toBe('failed');
      expect(r.counterexample).toEqual([50]);
      expect(r.path).toMatch(/^\d+(:\d+)*$/);
      expect(r.failure).toEqual({ message: 'reached 50', details: { max: 50 } });
      expect(r.replayCommand).toBe(`npx habit-verify replay test/toy --seed 4 --path ${r.path}`);
      const again = await runProperty(toy, { pg, seed: 4, path: r.path! });
      expect(again.verdict).toBe('failed');
      expect(again.counterexample).toEqual([50]);
      const passing = await runProperty({ ...toy, arbitrary: () => fc.array(fc.nat({ max: 49 })) }, { pg, seed: 4, runs: 20 });
      expect(passing).toMatchObject({ verdict: 'passed', runs: 20 });
    } finally {
      await pg.close();
    }
  });

  test('saved regressions replay first and keep guarding', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hv-reg-'));
    const pg = await attachPostgres(inject('pgAdminUri'));
    try {
      const failed = await runProperty(toy, { pg, seed: 4 });
      const file = await saveRegression(dir, failed, 'reached-50', dir);
      expect(file).toMatch(/^test--toy--reached-50-[0-9a-f]{10}\.json$/);
      const regressions = await loadRegressions(dir, 'test/toy', dir);
      expect(regressions).toHaveLength(1);
      // with random cases that can no longer fail, the saved one still does
      const r = await runProperty({ ...toy, arbitrary: () => fc.constant([]) }, { pg, seed: 1, regressions });
      expect(r).toMatchObject({ verdict: 'failed', failedOnRegression: file, regressionsReplayed: 1, counterexample: [50] });
    } finally {
      await pg.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
