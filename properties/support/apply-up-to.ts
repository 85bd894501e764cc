/**
 * The one way properties bring a database to the start of a phase: the implementation's phases
 * applied in order up to `phase`, Phase 0's backfill run after Phase 0 (Phase 1 requires it done).
 */
import type pg from 'pg';
import type { MigrationImplementation } from '../../src/contract/implementation.ts';
import { PHASE_IDS, type PhaseId } from '../../src/contract/phase.ts';
import type { PropertyContext } from '../../src/runner/property.ts';
import { byImplementation } from '../../src/runner/implementation-failure.ts';

export interface ApplyUpToOptions {
  /** Phases to leave out (Phase 2's properties without dual write). */
  skip?: readonly PhaseId[];
  /**
   * The harness is setting the next case up (a reset): what the implementation fails to do here is an
   * ImplementationFailure naming the phase — a FAIL, not the harness's ERROR.
   */
  betweenCases?: boolean;
  /** Run the backfill after Phase 0 also when Phase 0 is the last phase applied (default: only past it). */
  backfill?: boolean;
  /** Phase 3 up to its Day 8 rename (default: its apply only). */
  rename?: boolean;
}

/** Applies phase-0 … `phase` of `ctx.impl` (inclusive). Idempotent, as every phase's apply is. */
export async function applyUpTo(ctx: Pick<PropertyContext, 'client' | 'impl'>, phase: PhaseId, opts: ApplyUpToOptions = {}): Promise<void> {
  await applyPhases(ctx.client, ctx.impl, phase, opts);
}

export async function applyPhases(client: pg.ClientBase, impl: MigrationImplementation, phase: PhaseId, opts: ApplyUpToOptions = {}): Promise<void> {
  const call = <T>(what: string, fn: () => Promise<T>) => (opts.betweenCases ? byImplementation(what, fn) : fn());
  for (const id of PHASE_IDS.slice(0, PHASE_IDS.indexOf(phase) + 1)) {
    if (opts.skip?.includes(id)) continue;
    await call(`${phaseName(id)}'s apply, run again to set the next case up (the contract: apply is idempotent),`, () => impl.phases[id].apply(client));
    if (id === 'phase-0' && (phase !== 'phase-0' || opts.backfill)) await call("Phase 0's backfill, run again to set the next case up,", () => impl.backfill.run(client));
    if (id === 'phase-3' && opts.rename) await call("Phase 3's rename, run again to set the next case up,", () => impl.phases['phase-3'].rename(client));
  }
}

/** `phase-2` → `Phase 2`. */
export const phaseName = (id: PhaseId) => `Phase ${id.slice(-1)}`;
