/**
 * The plan's SQL, verbatim, in sql/*.sql (one comment line on top naming where each comes from), and
 * the plan's shorter SQL lines quoted exactly where they are used.
 */
import { readFileSync } from 'node:fs';

const read = (name: string) => readFileSync(new URL(`./sql/${name}`, import.meta.url), 'utf8');

/** Phase 0 Step 1: BEGIN; six tables, NOT VALID constraints, CREATE INDEX CONCURRENTLY …; COMMIT; */
export const SHADOW_SCHEMA_SQL = read('phase-0-shadow-schema.sql');
/** 롤백 시나리오, Phase 0 롤백: four DROP TABLE IF EXISTS … CASCADE. */
export const PHASE_0_ROLLBACK_SQL = read('phase-0-rollback.sql');
/** Phase 1, Database Trigger (백업): sync_to_new_schema() and the trigger sync_habit_tracker_to_new. */
export const SYNC_TRIGGER_SQL = read('phase-1-sync-trigger.sql');
/** 롤백 시나리오, Phase 1 롤백: its one SQL line (written inside the plan's javascript block). */
export const PHASE_1_ROLLBACK_SQL = 'DROP TRIGGER sync_habit_tracker_to_new ON habit_tracker;';
