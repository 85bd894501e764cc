/**
 * The contract between the harness and an implementation of the migration, the way kysely's Migrator
 * takes a MigrationProvider: the properties drive an implementation only through this. Ours
 * (src/migration) is one, the plan as written another, a user's a third (`--impl <path>`); a broken
 * variant (src/defects) is a transformation of one.
 */
import type { Backfill } from './backfill.ts';
import type { DualWrite } from './dual-write.ts';
import type { EntryPoint } from './entry-point.ts';
import type { Observation } from './observation.ts';
import type { Phase, RetirementPhase } from './phase.ts';
import type { ReadPath } from './read-path.ts';

export interface Phases {
  'phase-0': Phase;
  'phase-1': Phase;
  'phase-2': Phase;
  'phase-3': RetirementPhase;
}

export interface MigrationImplementation {
  /** Short name, used on the command line (`--impl`) and in reports. */
  readonly name: string;
  /** One sentence for reports. */
  readonly description: string;
  readonly phases: Phases;
  /** Phase 0's backfill (runs between apply and complete, any number of times). */
  readonly backfill: Backfill;
  /** Phase 1's dual-write API (the app's writes). */
  readonly dualWrite: DualWrite;
  /** Phase 2's read path (the app's reads). */
  readonly reads: ReadPath;
  readonly observe: Observation;
  /** The functions the app calls over RPC (default none): the rest of what it creates is internal. */
  readonly entryPoints?: readonly EntryPoint[];
}

/**
 * An implementation cannot do what a property asks (the plan as written has no quarantine, no such
 * write…): the property fails with this — a finding about the implementation, not a harness error.
 */
export class NotProvidedError extends Error {
  override readonly name = 'NotProvidedError';
  constructor(
    readonly implementation: string,
    readonly what: string,
  ) {
    super(`${implementation} does not provide ${what}`);
  }
}
