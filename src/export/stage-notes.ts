/**
 * What an operator must know about each stage beyond its SQL, in the README of an export: when it runs,
 * what stands between stages that is not SQL (Phase 0's backfill, each phase's checks, Phase 2's read
 * switch), and what a rollback keeps.
 */
import type { PhaseId } from '../contract/phase.ts';
import type { Stage } from './stages.ts';

/** One line on when a forward stage runs. */
export function whenStageRuns(stage: Stage): string {
  if (stage.name === 'apply') {
    return `${stage.phase} apply — after the implementation's validate() for ${stage.phase} holds (its checks are code, not exported: \`habit-verify gate ${stage.phase}\` verifies them on your data's shape)`;
  }
  if (stage.name === 'complete') {
    return `${stage.phase} complete — when the phase is done${stage.phase === 'phase-3' ? ' (the plan\'s Day 15, after the grace period): irreversible, the phase can no longer be rolled back' : ''}`;
  }
  if (stage.phase === 'phase-3' && stage.name === 'rename') return 'phase-3 rename — the plan\'s Day 8, a week after apply (the read-only week): the legacy table is renamed out of the app\'s way';
  return `${stage.phase} ${stage.name} — a later stage of ${stage.phase}, run after apply when its time comes`;
}

/** What happens between phases that no exported file does. */
export function afterPhase(phase: PhaseId): string | undefined {
  switch (phase) {
    case 'phase-0':
      return 'phase-0 complete has no SQL: the backfill must have reached the end of the legacy table before Phase 1';
    case 'phase-1':
      return 'phase-1 complete has no SQL: the backup trigger is in place and the drift detector finds nothing';
    case 'phase-2':
      return "the read switch is the application's flags (5 → 20 → 50 → 100 %), not SQL; phase-2 complete has no SQL: constraints validated, RLS on with a policy per table, no read mismatch recorded";
    default:
      return undefined;
  }
}

/** What a rollback leaves in place: the steps that have no down. */
export function keptByRollback(steps: ReadonlyArray<{ name: string; down?: string }>): string[] {
  return steps.filter((s) => !s.down).map((s) => s.name);
}
