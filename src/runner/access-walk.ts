/**
 * Drives an implementation's phases up or down and measures who can reach what at every step
 * boundary (after each step commits, before the next begins), so no window goes unseen: the matrix
 * behind the exposure properties and `habit-verify access`. Returns the measurements; prints nothing.
 */
import type pg from 'pg';
import type { MigrationImplementation } from '../contract/implementation.ts';
import { PHASE_IDS, type PhaseId } from '../contract/phase.ts';
import type { StepResult } from '../contract/executor.ts';
import { measureAccess, type AccessSnapshot, type MeasureOptions } from '../check/access.ts';
import type { AccessPoint } from '../check/access-policy.ts';

/** A part of a phase to run: up = apply (Phase 0: and its backfill; Phase 3: and rename, complete); down = rollback. */
export interface Move {
  phase: PhaseId;
  direction: 'up' | 'down';
  /**
   * Measure at its step boundaries (default true); false just brings the database there; `end` (a
   * rollback) measures only once it is over. A measured rollback always ends with a snapshot at the
   * point before its phase: what the phase opened must be closed again once it is rolled back.
   */
  measured?: boolean | 'end';
  /** Phase 3 up: stop after the rename, before the drop (which no rollback can undo). */
  keepLegacy?: boolean;
}

/** The matrix at one step boundary. */
export interface AccessStep {
  /** `legacy`: before Phase 0. */
  phase: AccessPoint;
  step: string;
  direction: 'up' | 'down';
  snapshot: AccessSnapshot;
}

/** The matrix before anything ran (`legacy`), then after every step of the measured moves. */
export async function walkAccess(
  client: pg.ClientBase,
  impl: MigrationImplementation,
  moves: readonly Move[],
  opts: MeasureOptions = {},
): Promise<AccessStep[]> {
  const steps: AccessStep[] = [{ phase: 'legacy', step: 'before phase-0', direction: 'up', snapshot: await measureAccess(client, opts) }];
  let unseen = false; // moves ran unmeasured since the last snapshot
  for (const move of moves) {
    if (move.measured !== false && unseen) {
      // where the measured part starts from, so its first step shows what that step changed
      const at: AccessPoint = move.direction === 'down' ? move.phase : (PHASE_IDS[PHASE_IDS.indexOf(move.phase) - 1] ?? 'legacy');
      steps.push({ phase: at, step: `before ${move.phase}${move.direction === 'down' ? ' rollback' : ''}`, direction: move.direction, snapshot: await measureAccess(client, opts) });
    }
    unseen = move.measured === false;
    const at = async (step: string) => {
      if (move.measured === undefined || move.measured === true) steps.push({ phase: move.phase, step, direction: move.direction, snapshot: await measureAccess(client, opts) });
    };
    const onStep = (r: StepResult) => at(r.name);
    const phase = impl.phases[move.phase];
    if (move.direction === 'down') {
      await phase.rollback(client, { onStep });
      if (move.measured !== false) {
        const before: AccessPoint = PHASE_IDS[PHASE_IDS.indexOf(move.phase) - 1] ?? 'legacy';
        steps.push({ phase: before, step: `after ${move.phase} rollback`, direction: 'down', snapshot: await measureAccess(client, opts) });
      }
      continue;
    }
    await phase.apply(client, { onStep });
    if (move.phase === 'phase-0') {
      await impl.backfill.run(client);
      await at('backfill');
      await phase.complete(client, { onStep });
    } else if (move.phase === 'phase-3') {
      await impl.phases['phase-3'].rename(client, { onStep });
      if (!move.keepLegacy) await phase.complete(client, { onStep, force: true });
    } else {
      await phase.complete(client, { onStep });
    }
  }
  return steps;
}
