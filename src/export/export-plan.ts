/**
 * What an export writes, in the order an operator runs it: every phase's stages (apply, a later stage
 * such as Phase 3's rename, complete), Phase 0's backfill right after Phase 0's apply, and each phase's
 * rollback on the side. Both formats (plain, supabase) lay out this one plan.
 */
import type { MigrationImplementation } from '../contract/implementation.ts';
import { PHASE_IDS, type PhaseId } from '../contract/phase.ts';
import { stagesOf, type Stage } from './stages.ts';

export type PlanEntry =
  /** `ordinal`: the stage's place among its phase's forward stages (1 = apply), for folder names. */
  | { kind: 'steps'; stage: Stage; ordinal: number; lockTimeoutMs: number }
  /** Phase 0's backfill: the implementation's batch as SQL, or undefined when it gives none. */
  | { kind: 'backfill'; phase: PhaseId; ordinal: number; batchSql: string | undefined };

export interface ExportPlan {
  forward: PlanEntry[];
  rollbacks: Array<{ stage: Stage; lockTimeoutMs: number }>;
}

export function exportPlan(impl: MigrationImplementation, defaultLockTimeoutMs: number): ExportPlan {
  const forward: PlanEntry[] = [];
  const rollbacks: ExportPlan['rollbacks'] = [];
  for (const id of PHASE_IDS) {
    const phase = impl.phases[id];
    const lockTimeoutMs = phase.executor.lockTimeoutMs ?? defaultLockTimeoutMs;
    let ordinal = 0;
    for (const stage of stagesOf(id, phase)) {
      if (stage.name === 'rollback') {
        rollbacks.push({ stage, lockTimeoutMs });
        continue;
      }
      forward.push({ kind: 'steps', stage, ordinal: ++ordinal, lockTimeoutMs });
      if (id === 'phase-0' && stage.name === 'apply') forward.push({ kind: 'backfill', phase: id, ordinal: ++ordinal, batchSql: impl.backfill.batchSql });
    }
  }
  return { forward, rollbacks };
}

/** The phase an entry of the plan belongs to. */
export function phaseOf(entry: PlanEntry): PhaseId {
  return entry.kind === 'backfill' ? entry.phase : entry.stage.phase;
}
