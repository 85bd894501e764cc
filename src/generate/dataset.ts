/**
 * The shape of a generated legacy dataset: what goes into `auth.users` and `habit_tracker`.
 *
 * All dates are ISO strings (`YYYY-MM-DD`) and timestamps ISO-8601 UTC strings (`…Z`): never a JS
 * `Date`, so nothing depends on the process time zone.
 */
import type { AnomalyId } from './anomalies.ts';

export interface AuthUser {
  id: string; // uuid
  email: string;
}

/** One `habit_tracker` row. JSON columns hold arbitrary JSON: adversarial data is not well-typed. */
export interface LegacyRow {
  id: number; // bigserial; explicit so a dataset is self-contained
  user_id: string | null;
  child_name: string;
  week_period: string | null;
  week_start_date: string; // YYYY-MM-DD
  theme: string | null;
  habits: unknown; // normally Array<{ name: string; times: Array<Status | null> }>
  reflection: unknown; // normally an object
  reward: string | null;
  created_at: string; // ISO UTC
  updated_at: string; // ISO UTC
  /**
   * JSON columns holding the JSON literal `null` (`'null'::jsonb`) rather than SQL NULL. A JS `null`
   * in a column is SQL NULL unless the column is listed here. Absent = none.
   */
  json_null_columns?: ('habits' | 'reflection')[];
}

export interface LegacyDataset {
  users: AuthUser[];
  rows: LegacyRow[];
  /** Which anomalies the generator injected, per legacy row id (metadata, not loaded into the db). */
  anomalies?: Record<number, AnomalyId[]>;
}

export type Status = 'green' | 'yellow' | 'red' | 'none';
export const STATUSES: readonly Status[] = ['green', 'yellow', 'red', 'none'];
