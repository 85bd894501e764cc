/**
 * One phase of a migration, as the harness drives it (pgroll's operation): validate, apply, complete,
 * rollback side by side; its SQL a list of named steps one executor runs (in reverse to roll back).
 * Every phase of every implementation satisfies this, so a missing rollback is a type error.
 */
import type pg from 'pg';
import type { ExecutorOptions, StepResult } from './executor.ts';
import type { Step } from './step.ts';

export const PHASE_IDS = ['phase-0', 'phase-1', 'phase-2', 'phase-3'] as const;
export type PhaseId = (typeof PHASE_IDS)[number];

export interface PhaseOptions extends ExecutorOptions {
  /** Phase 3: drop before the grace period is over — the operator's explicit decision. */
  force?: boolean;
  /** Phase 3: days the legacy table stays read-only before the drop (default the phase's own). */
  graceDays?: number;
  /**
   * Phase 2: the operator's word that habit_tracker is written only by roles that bypass RLS, so a
   * sync trigger running as the writer is safe.
   */
  legacyWritersBypassRls?: boolean;
}

export interface RollbackResult {
  steps: StepResult[];
  /** Rows of data only the new schema holds that the rollback kept, by table (reported, never lost silently). */
  kept?: Record<string, number>;
}

/** What a phase is made of: a broken variant or an export takes these apart and puts them back. */
export interface PhaseParts {
  /** apply runs these in order (but those of a later `stage`); rollback runs their downs in reverse. */
  readonly steps: readonly Step[];
  /** complete runs these (Phase 3's irreversible end); empty when complete only checks. */
  readonly completeSteps: readonly Step[];
  /** How the executor runs this phase's steps (lock_timeout and its retries). */
  readonly executor: ExecutorOptions;
}

/** What a phase's rollback leaves in place on purpose (left out when the harness compares catalogs). */
export interface PhaseKeeps {
  /** Tables, sequences and indexes, by name (in public). */
  relations?: readonly string[];
  /** Constraints it validated stay validated. */
  validation?: boolean;
}

export interface Phase extends PhaseParts {
  readonly id: PhaseId;
  readonly keeps?: PhaseKeeps;
  /** The same phase made of other parts (a broken variant replaces a step, an executor setting…). */
  with(parts: Partial<PhaseParts>): this;
  /** Refuses (MigrationError) unless the database is ready for this phase. */
  validate(db: pg.ClientBase, opts?: PhaseOptions): Promise<void>;
  /** validate, then run the steps. Idempotent. */
  apply(db: pg.ClientBase, opts?: PhaseOptions): Promise<StepResult[]>;
  /** Finishes the phase: checks it is done (MigrationError when not), or runs completeSteps. */
  complete(db: pg.ClientBase, opts?: PhaseOptions): Promise<StepResult[]>;
  /** Reverses apply. Idempotent. */
  rollback(db: pg.ClientBase, opts?: PhaseOptions): Promise<RollbackResult>;
}

/** Phase 3 has one more stage between apply (Day 1, the read-only week) and complete (the drop). */
export interface RetirementPhase extends Phase {
  /** Day 8: the legacy table is renamed out of the app's way (the steps of stage `rename`). Idempotent. */
  rename(db: pg.ClientBase, opts?: PhaseOptions): Promise<StepResult[]>;
}
