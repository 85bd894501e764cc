/**
 * A migration step: one named piece of SQL with the reason it exists and how to undo it.
 *
 * A phase is a list of steps that {@link runSteps} executes in order to apply, and whose `down`s it
 * executes in reverse to roll back (as pgroll models an operation). Steps are idempotent (IF NOT
 * EXISTS / IF EXISTS) so an interrupted apply or rollback can simply be run again.
 */
export interface Step {
  /** Stable, kebab-case name; shows up in reports and stall measurements. */
  name: string;
  /** Why the step exists (the comment a reviewer reads). */
  why: string;
  /** SQL to apply. */
  up: string;
  /** SQL to undo `up`; absent when there is nothing to undo. */
  down?: string;
  /**
   * false for statements that cannot run inside a transaction block (CREATE/DROP INDEX CONCURRENTLY,
   * VACUUM). Transactional steps run in their own BEGIN … COMMIT.
   */
  transactional?: boolean;
  /** For CONCURRENTLY index steps: the index name, so an INVALID leftover of a failed build is dropped first. */
  concurrentIndex?: string;
  /**
   * A later stage of the phase runs this step, not apply (Phase 3's `rename`, Day 8); rollback undoes
   * it like any other.
   */
  stage?: string;
}
