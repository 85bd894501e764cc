/**
 * The shape of a generated legacy dataset: what goes into `auth.users` and `habit_tracker`.
 *
 * All dates are ISO strings (`YYYY-MM-DD`) and timestamps ISO-8601 UTC strings (`…Z`): never a JS
 * `Date`, so nothing depends on the process time zone.
 */
import type { AnomalyId } from './anomaly-id.ts';
import type { LegacyRow } from '../contract/legacy-row.ts';

export type { LegacyRow };

export interface AuthUser {
  id: string; // uuid
  email: string;
}

export interface LegacyDataset {
  users: AuthUser[];
  rows: LegacyRow[];
  /** Which anomalies the generator injected, per legacy row id (metadata, not loaded into the db). */
  anomalies?: Record<number, AnomalyId[]>;
}

export { STATUSES, type Status } from '../migration/mapping-rules.ts';
