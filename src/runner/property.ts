import type fc from 'fast-check';
import type pg from 'pg';
import type { PhaseId } from '../contract/phase.ts';
import type { MigrationImplementation } from '../contract/implementation.ts';
import type { StartedPostgres, TestDatabase } from '../db/types.ts';
import type { LegacyDataset } from '../generate/dataset.ts';
import type { StallFigure } from '../check/stall-figure.ts';

/** The gates: one per phase, and the rollback cycles. */
export type PhaseTag = PhaseId | 'rollback';

/** What a property's setup and checks get: the server, one database for the whole run, a client on it. */
export interface PropertyContext {
  pg: StartedPostgres;
  db: TestDatabase;
  client: pg.Client;
  /** The implementation under test (ours, the plan as written, a user's, or a broken variant of one). */
  impl: MigrationImplementation;
  /** Stall figures the property measured; the runner copies them into the result (last write wins). */
  stalls?: StallFigure[];
}

/**
 * A property: an arbitrary of inputs and a check that throws (PropertyFailure) when the migration
 * is wrong for that input. The runner gives it one database per run and resets it between cases.
 */
export interface PropertyDef<T> {
  /** `<tag>/<name>`, e.g. `phase-0/round-trip`; used on the command line and in fixture names. */
  name: string;
  tags: PhaseTag[];
  /** One sentence for the report: what must hold. */
  description: string;
  /** Cases per run at the default budget. */
  defaultRuns: number;
  arbitrary(): fc.Arbitrary<T>;
  /** Once per run, on a fresh database: apply the phases the property needs. */
  setup(ctx: PropertyContext): Promise<void>;
  /** One case. The database has been reset by `reset` before it. */
  check(input: T, ctx: PropertyContext): Promise<void>;
  /** Empties the database between cases (default: truncate every table). */
  reset?(ctx: PropertyContext): Promise<void>;
  /** The input as a legacy dataset, for reports, fixtures and replay output. */
  toDataset?(input: T): LegacyDataset;
  /** The legacy ids the case makes fail by fault injection (they count as unexpected_error in the coverage). */
  faultyRows?(input: T): ReadonlySet<number>;
  /**
   * The property kills the postmaster (crash tests): it gets a server of its own, not the shared one,
   * when the caller can start one (RunOptions.ownServer); otherwise its crash cases are skipped.
   */
  ownServer?: boolean;
  /**
   * Every case crashes the server (SIGKILL of the postmaster): without a server this process owns
   * (`--pg url`, testcontainers), the property is skipped with the reason instead of run.
   */
  requiresCrash?: boolean;
  /** Not applicable here (e.g. needs the embedded provider): the reason, or undefined to run. */
  skipReason?(pg: StartedPostgres): string | undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProperty = PropertyDef<any>;
