/**
 * The one way properties bring a database to the start of a phase: the implementation's phases
 * applied in order up to `phase`, Phase 0's backfill run after Phase 0 (Phase 1 requires it done).
 */
import type pg from 'pg';
import type { MigrationImplementation } from '../../src/contract/implementation.ts';
import { PHASE_IDS, type PhaseId } from '../../src/contract/phase.ts';
import type { PropertyContext } from '../../src/runner/property.ts';

export interface ApplyUpToOptions {
  /** Phases to leave out (Phase 2's properties without dual write). */
  skip?: readonly PhaseId[];
}

/** Applies phase-0 … `phase` of `ctx.impl` (inclusive). Idempotent, as every phase's apply is. */
export async function applyUpTo(ctx: Pick<PropertyContext, 'client' | 'impl'>, phase: PhaseId, opts: ApplyUpToOptions = {}): Promise<void> {
  await applyPhases(ctx.client, ctx.impl, phase, opts);
}

export async function applyPhases(client: pg.ClientBase, impl: MigrationImplementation, phase: PhaseId, opts: ApplyUpToOptions = {}): Promise<void> {
  for (const id of PHASE_IDS.slice(0, PHASE_IDS.indexOf(phase) + 1)) {
    if (opts.skip?.includes(id)) continue;
    await impl.phases[id].apply(client);
    if (id === 'phase-0' && phase !== 'phase-0') await impl.backfill.run(client);
  }
}
