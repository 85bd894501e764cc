/**
 * A broken variant of an implementation: a transformation of it, kept in a file of its own with its
 * catalogue entry (src/defects/<id>.ts). Production code carries no switch for it — as Stryker puts a
 * mutant in a sandbox copy, a defect is applied to a copy of the implementation under test.
 */
import type { MigrationImplementation } from '../contract/implementation.ts';
import type { PhaseTag } from '../runner/property.ts';

export interface Defect {
  id: string;
  /** The gates whose properties should catch it (the kill matrix runs those). */
  phases: PhaseTag[];
  description: string;
  /** Where in ../shared/seed/MIGRATION_PLAN_v2.md the defect comes from (or "classic"). */
  planReference: string;
  /** The properties expected to kill it (documentation; the kill matrix measures it). */
  expectedKillers: string[];
  /** The broken variant of `impl`. Throws StaleDefectError when `impl` no longer has what it breaks. */
  apply(impl: MigrationImplementation): MigrationImplementation;
}

/** A defect no longer finds what it breaks (the code it patches changed): it must fail loudly, not pass as killed. */
export class StaleDefectError extends Error {
  override readonly name = 'StaleDefectError';
  constructor(
    readonly defect: string,
    what: string,
  ) {
    super(`defect ${defect} is stale: ${what}; update src/defects/${defect}.ts to the code it breaks`);
  }
}
