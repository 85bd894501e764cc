/**
 * A phase as the stages an operator runs, in order — apply (its steps but those of a later stage), each
 * later stage (Phase 3's `rename`, Day 8), complete (its completeSteps) — and its rollback (every step's
 * down, in reverse): step for step what definePhase's apply, stage, complete and rollback run.
 */
import type { PhaseId, PhaseParts } from '../contract/phase.ts';
import type { Step } from '../contract/step.ts';

export interface Stage {
  phase: PhaseId;
  /** `apply`, a later stage's own name (`rename`), `complete` or `rollback`. */
  name: string;
  direction: 'up' | 'down';
  /** In the order they run; only those with SQL in `direction` (the executor skips the others). */
  steps: readonly Step[];
}

/** The stages of one phase that run SQL, in order, then its rollback; empty ones left out. */
export function stagesOf(phase: PhaseId, parts: PhaseParts): Stage[] {
  const up = (steps: readonly Step[]) => steps.filter((s) => s.up);
  const later = [...new Set(parts.steps.flatMap((s) => (s.stage === undefined ? [] : [s.stage])))];
  const stages: Stage[] = [
    { phase, name: 'apply', direction: 'up', steps: up(parts.steps.filter((s) => s.stage === undefined)) },
    ...later.map((name): Stage => ({ phase, name, direction: 'up', steps: up(parts.steps.filter((s) => s.stage === name)) })),
    { phase, name: 'complete', direction: 'up', steps: up(parts.completeSteps) },
    { phase, name: 'rollback', direction: 'down', steps: [...parts.steps].reverse().filter((s) => s.down) },
  ];
  return stages.filter((s) => s.steps.length > 0);
}

/** A step's SQL in one direction (the stage only holds steps that have it). */
export function sqlOf(step: Step, direction: 'up' | 'down'): string {
  return (direction === 'up' ? step.up : step.down) ?? '';
}
