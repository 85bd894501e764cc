/**
 * What the oracles observe of a migrated database, through the implementation that made it: the new
 * schema seen as legacy rows, the quarantine, the warnings, the drift detector, the write path.
 */
import type pg from 'pg';
import type { IdRange } from './id-range.ts';
import type { LegacyRow } from './legacy-row.ts';
import type { QuarantineReason, WarningCode } from '../migration/mapping-rules.ts';

export interface QuarantineRow {
  legacy_id: number;
  reason: QuarantineReason;
  detail: Record<string, unknown> | null;
  /** The legacy row as it was, kept: after the drop it exists nowhere else. */
  original: Record<string, unknown>;
}

/** A warning recorded for a migrated row (or one the oracle expects). */
export interface RecordedWarning {
  legacyId: number;
  code: WarningCode;
  /** week_period_mismatch: the original label; near_duplicate_child: the other child's exact name. */
  detail: string | null;
}

/** One difference between legacy and new, located down to the field, habit and day. */
export interface DriftRow {
  legacy_id: number | null;
  child: string | null;
  week: string | null;
  habit_index: number | null;
  day: number | null;
  field: string;
  legacy: string | null;
  new: string | null;
  kind: string;
}

export interface DriftOptions {
  /** Compare only ~permille/1000 of legacy ids (deterministic for a salt); 1000 = everything. */
  samplePermille?: number;
  salt?: number;
}

/** A read compare mode recorded as differing (or failing) on the new schema. */
export interface LoggedMismatch {
  /** The requesting user (auth.uid()), null outside a signed-in request. */
  user_id: string | null;
  operation: string;
  key: unknown;
  kind: 'value' | 'error';
  control: unknown;
  candidate: unknown;
  error: { message?: string; code?: string } | null;
}

/** Phase 3's state, when it has started. */
export interface RetirementState {
  writePath: 'legacy' | 'new';
  /** ISO timestamps (UTC) or null. */
  startedAt: string;
  readOnlySince: string | null;
  renamedAt: string | null;
  droppedAt: string | null;
  /** Whole days since the read-only week began (null before it began). */
  readOnlyDays: number | null;
}

/** The backfill's own bookkeeping, as an operator reads it to follow or resume the backfill. */
export interface BackfillProgress {
  status: 'pending' | 'running' | 'completed';
  /** The last legacy id of the last committed batch (0 before the first). */
  lastProcessedId: number;
  processedRows: number;
  migratedRows: number;
  quarantinedRows: number;
  batches: number;
  /** ISO timestamps (UTC) or null. */
  startedAt: string | null;
  completedAt: string | null;
}

export interface Observation {
  /** The new schema as legacy rows, one per migrated legacy row, by id (the round trip's other side); only ids in `range` when given. */
  legacyView(db: pg.ClientBase, range?: IdRange): Promise<LegacyRow[]>;
  /** The quarantined rows by legacy id; only ids in `range` when given. */
  quarantine(db: pg.ClientBase, range?: IdRange): Promise<QuarantineRow[]>;
  /** The recorded warnings; only of legacy ids in `range` when given. */
  warnings(db: pg.ClientBase, range?: IdRange): Promise<RecordedWarning[]>;
  /** The implementation's own drift detector. */
  drift(db: pg.ClientBase, opts?: DriftOptions): Promise<DriftRow[]>;
  /**
   * The new schema's content as one query per table (fingerprints compare runs with them). Columns
   * that record when something ran are left out: they differ between equal runs.
   */
  contentQueries: Readonly<Record<string, string>>;
  /** Where the app writes now: `legacy` until Phase 3's switch, `new` after it. Call it inside the write's transaction. */
  writePath(db: pg.ClientBase): Promise<'legacy' | 'new'>;
  /** Phase 3's state, or undefined before it started (or after its rollback). */
  retirement(db: pg.ClientBase): Promise<RetirementState | undefined>;
  /**
   * The next number of the order in which writes took their locks (the dual-write responses carry
   * theirs as opSeq): called inside an old client's write transaction, after its statement, it places
   * that write in the same order. Without it, concurrent writes cannot be checked against a model.
   */
  writeNumber?(db: pg.ClientBase): Promise<number>;
  /** The backfill's progress (undefined before it started; absent: the implementation keeps none the harness can read). */
  backfillProgress?(db: pg.ClientBase): Promise<BackfillProgress | undefined>;
  /** Compare mode's log of mismatches, oldest first (absent: the implementation has no compare mode). */
  readMismatches?(db: pg.ClientBase): Promise<LoggedMismatch[]>;
  /**
   * The new schema's week (`weeks.id`, as text) of each legacy row it holds, ordered by legacy id:
   * migrated rows, and weeks created in the new schema that the implementation gives a legacy id.
   * Empty while there is no new schema. It is how the harness aims at one legacy row's week (a drift
   * it injects, a write of the app after the switch); without it those properties fail with
   * NotProvidedError.
   */
  weekIds?(db: pg.ClientBase): Promise<Map<number, string>>;
  /**
   * Relations of its own the implementation adds to `public` beside the plan's tables, by what the
   * Data API may do with them (default: none): RLS isolation reads each as a signed-in parent.
   */
  readonly relations?: OwnRelations;
  /**
   * The transaction-local setting (a GUC) the implementation's own reverse sync sets to write the
   * legacy table during the read-only week, if it has one: a client that sets it too must still be
   * refused (phase-3/read-only-week tries). Absent: that attempt is not made.
   */
  readonly reverseSyncSetting?: string;
}

export interface OwnRelations {
  /** The legacy shape read from the new schema (columns `id`, `user_id`): each parent sees exactly their own rows. */
  legacyView?: string;
  /** Bookkeeping no API role may read (a permission error, or no row). */
  internal?: readonly string[];
}
