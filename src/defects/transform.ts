/**
 * The ways a defect transforms an implementation: patch a fragment of a step's SQL (the fragment must
 * occur exactly once, so a stale defect fails loudly), add, replace or drop a step, or wrap a part.
 * Every function returns a new implementation; the one given is never changed.
 */
import type { MigrationImplementation } from '../contract/implementation.ts';
import type { Phase, PhaseId, PhaseParts } from '../contract/phase.ts';
import type { Step } from '../contract/step.ts';
import type { OurMigration } from '../migration/implementation.ts';
import { StaleDefectError } from './defect.ts';

/** One replacement in a step's SQL: `from` must occur exactly once. */
export type Patch = readonly [from: string, to: string];

/** Replaces each fragment (exactly once) in the SQL of one direction of a step. */
export function patchSql(defect: string, step: Step, direction: 'up' | 'down', patches: readonly Patch[]): Step {
  let sql = direction === 'up' ? step.up : step.down;
  if (sql === undefined) throw new StaleDefectError(defect, `step ${step.name} has no ${direction} SQL`);
  for (const [from, to] of patches) {
    const count = sql.split(from).length - 1;
    if (count !== 1) throw new StaleDefectError(defect, `step ${step.name} (${direction}) holds ${count} occurrence(s) of ${JSON.stringify(from.slice(0, 60))}, not exactly one`);
    sql = sql.replace(from, () => to);
  }
  return { ...step, [direction]: sql };
}

/** The same implementation with one phase rebuilt from other parts. */
export function withPhase<I extends MigrationImplementation>(impl: I, id: PhaseId, change: (phase: Phase) => Phase): I {
  return { ...impl, phases: { ...impl.phases, [id]: change(impl.phases[id]) } };
}

/** Which of a phase's step lists a change applies to. */
export type StepList = 'steps' | 'completeSteps';

/** Maps the named step (it must exist) of a phase's list. */
export function mapStep<I extends MigrationImplementation>(defect: string, impl: I, id: PhaseId, name: string, change: (step: Step) => Step, list: StepList = 'steps'): I {
  return withPhase(impl, id, (phase) => {
    const steps = phase[list];
    if (!steps.some((s) => s.name === name)) throw new StaleDefectError(defect, `${id} has no step ${name} in ${list}`);
    return phase.with({ [list]: steps.map((s) => (s.name === name ? change(s) : s)) } as Partial<PhaseParts>);
  });
}

/** Patches the SQL of the named step (see patchSql). */
export function patchStep<I extends MigrationImplementation>(defect: string, impl: I, id: PhaseId, name: string, direction: 'up' | 'down', patches: readonly Patch[], list: StepList = 'steps'): I {
  return mapStep(defect, impl, id, name, (s) => patchSql(defect, s, direction, patches), list);
}

/** Patches every step whose name matches (at least one must). */
export function patchSteps<I extends MigrationImplementation>(defect: string, impl: I, id: PhaseId, match: RegExp, change: (step: Step) => Step): I {
  return withPhase(impl, id, (phase) => {
    if (!phase.steps.some((s) => match.test(s.name))) throw new StaleDefectError(defect, `${id} has no step matching ${match}`);
    return phase.with({ steps: phase.steps.map((s) => (match.test(s.name) ? change(s) : s)) });
  });
}

/** Inserts a step after the named one (which must exist). */
export function addStepAfter<I extends MigrationImplementation>(defect: string, impl: I, id: PhaseId, after: string, step: Step): I {
  return withPhase(impl, id, (phase) => {
    const i = phase.steps.findIndex((s) => s.name === after);
    if (i < 0) throw new StaleDefectError(defect, `${id} has no step ${after} to insert after`);
    return phase.with({ steps: [...phase.steps.slice(0, i + 1), step, ...phase.steps.slice(i + 1)] });
  });
}

/** Drops the steps whose name matches (at least one must). */
export function dropSteps<I extends MigrationImplementation>(defect: string, impl: I, id: PhaseId, match: RegExp): I {
  return withPhase(impl, id, (phase) => {
    if (!phase.steps.some((s) => match.test(s.name))) throw new StaleDefectError(defect, `${id} has no step matching ${match}`);
    return phase.with({ steps: phase.steps.filter((s) => !match.test(s.name)) });
  });
}

/** Our implementation, for a defect that breaks one of its own parts (its read path); a usage error for another. */
export function asOurs(defect: string, impl: MigrationImplementation): OurMigration {
  if (!('parts' in impl.reads)) throw new StaleDefectError(defect, `it breaks parts of habit-verify's own implementation, and ${impl.name} has other ones`);
  return impl as OurMigration;
}
