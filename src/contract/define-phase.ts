/**
 * Builds a {@link Phase} from its parts and its checks: apply = validate, then the steps up (but those
 * of a later stage); rollback
 * = the steps down, in reverse; complete = the phase's own check, then its completeSteps. `with()`
 * rebuilds it from other parts, so a broken variant or an export can replace a step and keep the rest.
 */
import type pg from 'pg';
import { runSteps, type ExecutorOptions, type StepResult } from './executor.ts';
import type { Phase, PhaseId, PhaseKeeps, PhaseOptions, PhaseParts, RollbackResult } from './phase.ts';
import type { Step } from './step.ts';

export interface PhaseSpec<X extends object = object> {
  id: PhaseId;
  steps: readonly Step[];
  completeSteps?: readonly Step[];
  executor?: ExecutorOptions;
  keeps?: PhaseKeeps;
  validate(db: pg.ClientBase, opts: PhaseOptions, parts: PhaseParts): Promise<void>;
  /** Runs before completeSteps; throws (MigrationError) when the phase cannot be completed yet. Default: nothing. */
  beforeComplete?(db: pg.ClientBase, opts: PhaseOptions, parts: PhaseParts): Promise<'done' | void>;
  /** Runs after completeSteps, whatever happened (undoes what beforeComplete set up). */
  afterComplete?(db: pg.ClientBase): Promise<void>;
  /** What rollback adds to its result (Phase 1: the new-only data it kept). */
  afterRollback?(db: pg.ClientBase): Promise<Record<string, number>>;
  /** Runs before the steps down; 'skip' leaves the steps alone (nothing to roll back). */
  beforeRollback?(db: pg.ClientBase, opts: PhaseOptions, parts: PhaseParts): Promise<'skip' | void>;
  /** Methods a phase has beyond the contract (Phase 3's rename), built on its parts. */
  extra?(parts: PhaseParts, run: StepRunner): X;
}

/** Runs steps with the phase's executor options under the caller's. */
export type StepRunner = (db: pg.ClientBase, steps: readonly Step[], direction: 'up' | 'down', opts?: PhaseOptions) => Promise<StepResult[]>;

export function definePhase<X extends object = object>(spec: PhaseSpec<X>): Phase & X {
  const parts: PhaseParts = { steps: spec.steps, completeSteps: spec.completeSteps ?? [], executor: spec.executor ?? {} };
  // The phase's own executor settings win over the caller's defaults, but not over its explicit choice.
  const run: StepRunner = (db, steps, direction, opts = {}) => runSteps(db, steps, direction, { ...parts.executor, ...definedOnly(opts) });
  const phase: Phase = {
    id: spec.id,
    ...(spec.keeps ? { keeps: spec.keeps } : {}),
    ...parts,
    with(next: Partial<PhaseParts>) {
      return definePhase({ ...spec, ...parts, ...next }) as never;
    },
    validate: (db, opts = {}) => spec.validate(db, opts, parts),
    async apply(db, opts = {}) {
      await spec.validate(db, opts, parts);
      return run(db, parts.steps.filter((s) => s.stage === undefined), 'up', opts);
    },
    async complete(db, opts = {}) {
      try {
        if ((await spec.beforeComplete?.(db, opts, parts)) === 'done') return [];
        return parts.completeSteps.length ? await run(db, parts.completeSteps, 'up', opts) : [];
      } finally {
        await spec.afterComplete?.(db);
      }
    },
    async rollback(db, opts = {}): Promise<RollbackResult> {
      if ((await spec.beforeRollback?.(db, opts, parts)) === 'skip') return { steps: [] };
      const steps = await run(db, parts.steps, 'down', opts);
      return spec.afterRollback ? { steps, kept: await spec.afterRollback(db) } : { steps };
    },
  };
  return Object.assign(phase, spec.extra?.(parts, run) ?? ({} as X));
}

function definedOnly(opts: PhaseOptions): ExecutorOptions {
  return Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) as ExecutorOptions;
}
