import type pg from 'pg';
import { phase0 } from '../../../src/migration/phase-0/phase-0.ts';
import { runSteps, type StepResult, type ExecutorOptions } from '../../../src/migration/executor.ts';
import { type MigrationOptions, variant } from '../../../src/migration/migration-options.ts';
import type { Step } from '../../../src/migration/step.ts';

/**
 * The plan's Phase 0 rollback, verbatim (롤백 시나리오 → Phase 0 롤백): four tables dropped with CASCADE
 * ("프로덕션 영향 없음 ✅"). It forgets habit_templates, notifications, the bookkeeping tables, the
 * backfill functions and the legacy view's helper: defect `phase0-rollback-as-planned`. (Phase 0's own
 * module is not this project's to break; the defect is switched in where the cycle calls the rollback.)
 */
const PLAN_PHASE0_ROLLBACK: Step = {
  name: 'plan-phase-0-rollback',
  why: 'the plan as written',
  up: `
    DROP TABLE IF EXISTS habit_records CASCADE;
    DROP TABLE IF EXISTS habits CASCADE;
    DROP TABLE IF EXISTS weeks CASCADE;
    DROP TABLE IF EXISTS children CASCADE;`,
};

/** Phase 0's rollback as the cycle runs it: the unit's, or — defect — the plan's. */
export function rollbackPhase0(client: pg.ClientBase, opts: MigrationOptions & ExecutorOptions = {}): Promise<StepResult[]> {
  return variant(
    opts,
    'phase0-rollback-as-planned',
    () => runSteps(client, [PLAN_PHASE0_ROLLBACK], 'up', opts),
    () => phase0.rollback(client, opts),
  )();
}
