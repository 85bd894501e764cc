/**
 * The app's reads during the read switch (Phase 2): every read served in the legacy shape from the
 * schema a router picks for the requesting user, with a compare mode that serves legacy and checks
 * the new read beside it.
 */
import type pg from 'pg';
import type { LegacyWeek, WeekKey } from './legacy-week.ts';

export interface ReadFlags {
  /** Kill switch. false: every read from the legacy table, whatever the percentage. */
  useNewSchema: boolean;
  /** Share of users (0–100, step 0.01) whose reads are served from the new schema. */
  newSchemaPercentage: number;
  /**
   * Scientist mode: users routed to the new schema are still served from legacy (the control);
   * the new read runs as the candidate and any difference is recorded.
   */
  compare?: boolean;
}

/** Flags with every read on legacy: the Phase 2 rollback, effective at the next request. */
export const ALL_LEGACY: ReadFlags = Object.freeze({ useNewSchema: false, newSchemaPercentage: 0 });

/** Who reads, under which flags. The router buckets on the requesting user, not on the week's owner. */
export interface ReadRequest {
  userId: string;
  flags: ReadFlags;
}

/** One difference between the served (control) read and the new (candidate) read. */
export interface ReadMismatch {
  /** What was read, e.g. `read_week`, `list_weeks`. */
  operation: string;
  key: Record<string, unknown>;
  /** value: both returned, and they differ; error: the candidate threw. */
  kind: 'value' | 'error';
  control: unknown;
  candidate?: unknown;
  error?: { message: string; code?: string };
  /** Whether the mismatch reached the implementation's mismatch log (recording is best effort). */
  recorded: boolean;
}

/** A served read: the value, which schema served it, and the compare-mode mismatch if there was one. */
export interface Served<T> {
  value: T;
  source: 'legacy' | 'new';
  mismatch?: ReadMismatch;
}

/** One side a read can be served from. */
export interface WeekReader {
  /** One week by legacy id or natural key; null when absent (or not visible to the caller). */
  week(db: pg.ClientBase, key: WeekKey): Promise<LegacyWeek | null>;
  /** A user's weeks: newest Monday first, then child name (bytewise), then legacy id. */
  list(db: pg.ClientBase, userId: string): Promise<LegacyWeek[]>;
}

export interface WeekReaders {
  legacy: WeekReader;
  new: WeekReader;
}

export interface ReadPath {
  /** The router: does this user's read go to the new schema under these flags? Pure. */
  routesToNew(userId: string, flags: ReadFlags): boolean;
  /**
   * When the router buckets users (a sticky rollout): the user's bucket of 10,000, so that the user is
   * on the new schema exactly from `(bucket + 1) / 100` percent up.
   */
  bucketOf?(userId: string): number;
  /** The two sides on their own (the control, the candidate). */
  readers: WeekReaders;
  /** One week for the requesting user, from the schema the router picks. `readers` replace the sides (tests of compare mode). */
  week(db: pg.ClientBase, key: WeekKey, req: ReadRequest, opts?: { readers?: WeekReaders }): Promise<Served<LegacyWeek | null>>;
  /** The requesting user's weeks, likewise. */
  list(db: pg.ClientBase, req: ReadRequest, opts?: { readers?: WeekReaders }): Promise<Served<LegacyWeek[]>>;
}
