import { ourMigration } from '../../src/migration/implementation.ts';
import { describe, expect, inject, test } from 'vitest';
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachPostgres } from '../../src/db/start-postgres.ts';
import { runProperty } from '../../src/runner/run-property.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { HarnessError, harness } from '../../src/runner/harness-error.ts';
import type { PropertyDef } from '../../src/runner/property.ts';
import { withPhase } from '../../src/defects/transform.ts';
import { applyUpTo } from '../../properties/support/apply-up-to.ts';
import { isSavable, loadRegressions, saveRegression } from '../../src/report/regression-store.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';

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
      const r = await runProperty(toy, { pg, impl: ourMigration, seed: 4 });
      expect(r.verdict).toBe('failed');
      expect(r.counterexample).toEqual([50]);
      expect(isSavable(r)).toBe(true);
      expect(isSavable({ ...r, defect: 'drop-cascade' })).toBe(false);
      expect(r.path).toMatch(/^\d+(:\d+)*$/);
      expect(r.failure).toEqual({ message: 'reached 50', details: { max: 50 } });
      expect(r.replayCommand).toBe(`npx habit-verify replay test/toy --seed 4 --path ${r.path}`);
      const again = await runProperty(toy, { pg, impl: ourMigration, seed: 4, path: r.path! });
      expect(again.verdict).toBe('failed');
      expect(again.counterexample).toEqual([50]);
      const passing = await runProperty({ ...toy, arbitrary: () => fc.array(fc.nat({ max: 49 })) }, { pg, impl: ourMigration, seed: 4, runs: 20 });
      expect(passing).toMatchObject({ verdict: 'passed', runs: 20 });
    } finally {
      await pg.close();
    }
  });

  test('coverage counts the random cases with a dataset, up to the first failure (shrinks are not cases)', async () => {
    const pg = await attachPostgres(inject('pgAdminUri'));
    try {
      const withData: PropertyDef<LegacyDataset> = {
        name: 'test/coverage',
        tags: ['phase-0'],
        description: 'fails on a dataset of 3 rows or more',
        defaultRuns: 30,
        arbitrary: () => legacyDatasetArbitrary({ mode: 'adversarial', maxRows: 5 }),
        setup: async () => undefined,
        toDataset: (d) => d,
        check: async (d) => {
          if (d.rows.length >= 3) throw new PropertyFailure('3 rows');
        },
      };
      const passing = await runProperty({ ...withData, check: async () => undefined }, { pg, impl: ourMigration, seed: 3, runs: 12 });
      expect(passing.coverage).toMatchObject({ cases: 12 });
      expect(passing.coverage!.rows).toBeGreaterThan(0);
      const failing = await runProperty(withData, { pg, impl: ourMigration, seed: 3 });
      expect(failing.verdict).toBe('failed');
      expect(failing.coverage!.cases).toBe(failing.runs);
    } finally {
      await pg.close();
    }
  });

  test('saved regressions replay first and keep guarding', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hv-reg-'));
    const pg = await attachPostgres(inject('pgAdminUri'));
    try {
      const failed = await runProperty(toy, { pg, impl: ourMigration, seed: 4 });
      const file = await saveRegression(dir, failed, 'reached-50', dir);
      expect(file).toMatch(/^test--toy--reached-50-[0-9a-f]{10}\.json$/);
      const regressions = await loadRegressions(dir, 'test/toy', dir);
      expect(regressions).toHaveLength(1);
      // with random cases that can no longer fail, the saved one still does
      const r = await runProperty({ ...toy, arbitrary: () => fc.constant([]) }, { pg, impl: ourMigration, seed: 1, regressions });
      expect(r).toMatchObject({ verdict: 'failed', failedOnRegression: file, regressionsReplayed: 1, counterexample: [50] });
    } finally {
      await pg.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a harness-side error is ERROR: not shrunk, no counterexample, and the migration is not blamed', async () => {
    const pg = await attachPostgres(inject('pgAdminUri'));
    let calls = 0;
    try {
      const flaky: PropertyDef<number[]> = {
        ...toy,
        async check(input) {
          calls++;
          if (input.length > 0) await harness('install a fault-injection trigger', () => Promise.reject(Object.assign(new Error('trigger "t" already exists'), { code: '42710' })));
        },
      };
      const r = await runProperty(flaky, { pg, impl: ourMigration, seed: 4 });
      expect(r.verdict).toBe('error');
      expect(isSavable(r)).toBe(false); // never a regression fixture
      expect(isSavable({ ...r, counterexample: [1] })).toBe(false);
      expect(r.counterexample).toBeUndefined();
      expect(r.dataset).toBeUndefined();
      expect(r.failure?.message).toBe('HarnessError: the harness could not install a fault-injection trigger: trigger "t" already exists (SQLSTATE 42710)');
      expect(r.note).toMatch(/not the migration/);
      expect(calls).toBeLessThan(5); // stopped at the first one, nothing shrunk
      // a real failure that hits a harness error while shrinking stays the real failure
      let failedOnce = false;
      const shrinkHits = await runProperty(
        {
          ...toy,
          async check(input) {
            if (failedOnce && input.length === 2) throw new HarnessError('do something of its own', new Error('flaky'));
            if (input.some((n: number) => n >= 50)) {
              failedOnce = true;
              throw new PropertyFailure('reached 50');
            }
          },
        },
        { pg, impl: ourMigration, seed: 4 },
      );
      // (the shrink steps that could not be checked count as passing, so it may stop short of [50])
      expect(shrinkHits).toMatchObject({ verdict: 'failed', failure: { message: 'reached 50' } });
      expect(shrinkHits.counterexample).toContain(50);
    } finally {
      await pg.close();
    }
  });

  test('a property that must crash the server is skipped, with the reason, where the provider cannot crash one', async () => {
    const pg = await attachPostgres(inject('pgAdminUri'));
    try {
      expect(pg.crashAndRestart).toBeUndefined();
      const crashing: PropertyDef<number[]> = { ...toy, ownServer: true, requiresCrash: true };
      const r = await runProperty(crashing, { pg, impl: ourMigration, seed: 4 });
      expect(r.verdict).toBe('skipped');
      expect(r.note).toMatch(/needs a server this process can crash .*provider url .*--pg embedded/);
    } finally {
      await pg.close();
    }
  });

  test('a migration that cannot be set up on an empty database FAILS (no data), a harness setup step that cannot is an ERROR', async () => {
    const pg = await attachPostgres(inject('pgAdminUri'));
    try {
      const broken = await runProperty({ ...toy, setup: (ctx) => ctx.client.query('CREATE INDEX CONCURRENTLY i ON nowhere (x)').then(() => undefined) }, { pg, impl: ourMigration, seed: 4 });
      expect(broken).toMatchObject({ verdict: 'failed', note: expect.stringMatching(/could not be set up/) });
      expect(broken.counterexample).toBeUndefined();
      expect(isSavable(broken)).toBe(false); // no data to save
      const harnessSide = await runProperty({ ...toy, setup: () => harness('create its helper table', () => Promise.reject(new Error('disk full'))) }, { pg, impl: ourMigration, seed: 4 });
      expect(harnessSide.verdict).toBe('error');
    } finally {
      await pg.close();
    }
  });

  test("a phase whose apply is not idempotent FAILS when the harness applies it again between cases (naming the phase, the step and Postgres's answer), not ERROR", async () => {
    const pg = await attachPostgres(inject('pgAdminUri'));
    try {
      const phase0 = ourMigration.phases['phase-0'];
      const once = { name: 'create-once', why: 'not idempotent: no IF NOT EXISTS', up: 'CREATE TABLE public.hv_test_once (x int)', down: 'DROP TABLE IF EXISTS public.hv_test_once' };
      const impl = withPhase(ourMigration, 'phase-0', (p) => p.with({ steps: [...p.steps, once] }));
      const reapplied: PropertyDef<number> = {
        name: 'test/reapplied',
        tags: ['phase-0'],
        description: 'Phase 0 applied again before every case',
        defaultRuns: 5,
        arbitrary: () => fc.nat(),
        setup: (ctx) => applyUpTo(ctx, 'phase-0'),
        reset: (ctx) => applyUpTo(ctx, 'phase-0', { betweenCases: true }),
        check: async () => undefined,
      };
      expect(phase0.steps.some((s) => s.name === once.name)).toBe(false);
      const r = await runProperty(reapplied, { pg, impl, seed: 4 });
      expect(r.verdict).toBe('failed');
      expect(r.failure?.message).toMatch(/^Phase 0's apply, run again to set the next case up .* failed: .*hv_test_once.* already exists.*\(SQLSTATE 42P07\)$/);
      expect(r.failure?.details).toMatchObject({ code: '42P07' });
      expect(r.counterexample).toBeUndefined();
      expect(isSavable(r)).toBe(false);
      const idempotent = await runProperty(reapplied, { pg, impl: ourMigration, seed: 4, runs: 3 });
      expect(idempotent.verdict).toBe('passed');
    } finally {
      await pg.close();
    }
  });
});
