import fc from 'fast-check';
import type pg from 'pg';
import type { PropertyContext, PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { connect } from '../../src/db/connect.ts';
import { resetDatabase } from '../../src/db/reset.ts';
import { MigrationError } from '../../src/contract/migration-error.ts';
import { byImplementation } from '../../src/runner/implementation-failure.ts';
import { applyUpTo } from '../support/apply-up-to.ts';
import { addTemplatesAndNotifications } from './support/family-world.ts';
import { migrateWithHistory, migratedOwners } from './support/phase-2-case.ts';

export interface ValidationCase {
  dataset: LegacyDataset;
  /** An orphan record slipped in past the foreign key (the bulk-load trick): VALIDATE must fail loudly on it. */
  orphan: boolean;
}

/** The new tables whose constraints Phase 0 adds NOT VALID (the plan's DDL). */
const NEW_TABLES = ['children', 'weeks', 'habits', 'habit_records', 'habit_templates', 'notifications'];
/** Phase 2's VALIDATE steps are named `validate-<table>-<constraint>`. */
const VALIDATE_STEP = /^validate-/;

/**
 * After Phase 2's apply every constraint of the new tables is validated (pg_constraint.convalidated),
 * and applying again changes nothing. While each VALIDATE step's transaction is open, another session
 * can still take ROW EXCLUSIVE (write) on every table the step locked. A row that violates a
 * constraint fails the apply loudly (23503, naming the step) and the constraint stays NOT VALID.
 * Every NOT VALID constraint the catalogue holds is one Phase 2 validates. Killed by validate-by-readd.
 */
export const constraintValidation: PropertyDef<ValidationCase> = {
  name: 'phase-2/constraint-validation',
  tags: ['phase-2'],
  description: "Phase 2 validates every NOT VALID constraint of the new tables without blocking writes, idempotently, and fails loudly on a violating row.",
  defaultRuns: 12,
  arbitrary: () =>
    fc.record(
      { dataset: legacyDatasetArbitrary({ mode: 'mixed', maxRows: 6, everyAnomaly: true }), orphan: fc.boolean() },
      { noNullPrototype: true },
    ),
  setup: (ctx) => applyUpTo(ctx, 'phase-0'),
  // Back to "Phase 0 done, Phase 2 not applied": roll Phase 2 and Phase 0 back and apply Phase 0
  // again — its tables come back empty, with their constraints NOT VALID. What the implementation
  // fails to do here is a FAIL naming the phase, not the harness's ERROR.
  async reset(ctx) {
    const [phase0, phase2] = [ctx.impl.phases['phase-0'], ctx.impl.phases['phase-2']];
    await byImplementation("Phase 2's rollback, run to set the next case up,", () => phase2.rollback(ctx.client));
    await byImplementation("Phase 0's rollback, run to set the next case up,", () => phase0.rollback(ctx.client));
    await resetDatabase(ctx.client, { refresh: true });
    await byImplementation("Phase 0's apply after its rollback, run to set the next case up (the contract: rollback reverses apply),", () => phase0.apply(ctx.client));
  },
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    await migrateWithHistory(ctx, input.dataset, []);
    await addTemplatesAndNotifications(ctx.client, await migratedOwners(ctx.client));
    const problems: unknown[] = [];

    // there are NOT VALID constraints to validate (every one must be valid after the apply, below)
    const before = await notValidated(ctx.client);
    if (before.length === 0) problems.push({ problem: 'no NOT VALID constraint before Phase 2 (the case would prove nothing)' });

    problems.push(...(await lockProbe(ctx)));

    if (input.orphan) problems.push(...(await orphanFailsLoudly(ctx)));

    for (const attempt of ['apply', 're-apply'] as const) {
      try {
        await ctx.impl.phases['phase-2'].apply(ctx.client);
      } catch (err) {
        problems.push({ problem: `${attempt} failed`, error: (err as Error).message, code: (err as MigrationError).code });
        continue;
      }
      const left = await notValidated(ctx.client);
      if (left.length > 0) problems.push({ problem: `not validated after ${attempt}`, constraints: left });
    }
    if (problems.length > 0) {
      const kinds = [...new Set(problems.map((p) => (p as { problem: string }).problem))];
      throw new PropertyFailure(`constraint validation: ${kinds.join('; ')}`, { problems: problems.slice(0, 15) });
    }
  },
};

async function notValidated(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ c: string }>(
    `SELECT t.relname || '.' || c.conname AS c FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
      WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY ($1) AND NOT c.convalidated ORDER BY 1`,
    [NEW_TABLES],
  );
  return rows.map((r) => r.c);
}

/**
 * Runs each VALIDATE step inside an open transaction and, meanwhile, has a second session take ROW
 * EXCLUSIVE (what INSERT/UPDATE/DELETE take) on every table the step holds a lock on, NOWAIT. Then
 * rolls the step back.
 */
async function lockProbe(ctx: PropertyContext): Promise<unknown[]> {
  const problems: unknown[] = [];
  const probe = await connect(ctx.db.uri);
  try {
    for (const step of ctx.impl.phases['phase-2'].steps.filter((s) => VALIDATE_STEP.test(s.name))) {
      if (problems.length >= 3) break; // enough to show it
      await ctx.client.query('BEGIN');
      try {
        await ctx.client.query(step.up);
        const { rows: locks } = await ctx.client.query<{ rel: string; mode: string }>(
          `SELECT l.relation::regclass::text AS rel, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND c.relkind IN ('r', 'p')
              AND c.relnamespace IN ('public'::regnamespace, 'auth'::regnamespace) ORDER BY 1, 2`,
        );
        for (const rel of [...new Set(locks.map((l) => l.rel))]) {
          try {
            // NOWAIT: refused at once if the lock conflicts — a verdict by lock modes, never by timing
            await probe.query(`BEGIN; LOCK TABLE ${rel} IN ROW EXCLUSIVE MODE NOWAIT`);
          } catch (err) {
            problems.push({
              problem: 'VALIDATE blocks writes',
              step: step.name,
              table: rel,
              held: locks.filter((l) => l.rel === rel).map((l) => l.mode),
              error: (err as { code?: string }).code,
            });
          } finally {
            await probe.query('ROLLBACK');
          }
        }
      } catch (err) {
        problems.push({ problem: 'VALIDATE step failed', step: step.name, error: (err as Error).message });
      } finally {
        await ctx.client.query('ROLLBACK');
      }
    }
  } finally {
    await probe.end();
  }
  return problems;
}

/** An orphan record (inserted with FK triggers off) must fail the apply with 23503 at its step, then apply cleanly once removed. */
async function orphanFailsLoudly(ctx: PropertyContext): Promise<unknown[]> {
  await ctx.client.query(`BEGIN; SET LOCAL session_replication_role = replica;
    INSERT INTO public.habit_records (habit_id, record_date, status) VALUES (gen_random_uuid(), '2025-10-13', 'green'); COMMIT`);
  const problems: unknown[] = [];
  try {
    await ctx.impl.phases['phase-2'].apply(ctx.client);
    problems.push({ problem: 'an orphan record did not fail the apply' });
  } catch (err) {
    const e = err as MigrationError;
    if (!(e instanceof MigrationError) || e.code !== '23503' || !e.step?.includes('habit-records')) {
      problems.push({ problem: 'an orphan record failed the apply in the wrong way', error: e.message, code: e.code, step: e.step });
    }
    if (!(await notValidated(ctx.client)).includes('habit_records.habit_records_habit_id_fkey')) {
      problems.push({ problem: 'the violated foreign key is marked valid' });
    }
  }
  await ctx.client.query('DELETE FROM public.habit_records r WHERE NOT EXISTS (SELECT 1 FROM public.habits h WHERE h.id = r.habit_id)');
  return problems;
}
