/**
 * Names Phase 3 relies on, in one place. Every object it creates is named `hv_p3_…`, so a catalog
 * fingerprint shows at a glance what a rollback left behind.
 */

/** The legacy table while it is being retired… */
export const LEGACY_TABLE = 'habit_tracker';
/** …and after the rename (the plan's Day 8), until the drop. */
export const RETIRED_TABLE = 'habit_tracker_old';
/** Its id sequence (bigserial): the rename keeps the sequence's name. New weeks take legacy ids from it. */
export const LEGACY_ID_SEQUENCE = 'public.habit_tracker_id_seq';
/** The bookkeeping table: one row, when the read-only week began, where the app writes, what was saved. */
export const RETIREMENT_TABLE = 'migration_retirement';
/**
 * Transaction-local setting the reverse sync turns on around its own writes to the legacy table; the
 * read-only guard lets a write through only with it on AND from inside a trigger (pg_trigger_depth > 1),
 * so a client cannot open the door with a plain SET.
 */
export const REVERSE_SYNC_GUC = 'hv.p3_reverse_sync';
/** Tables of the new schema whose writes the reverse sync carries to the legacy table. */
export const SYNCED_TABLES = ['children', 'weeks', 'habits', 'habit_records'] as const;
/** The new schema's tables, analyzed at the end (no VACUUM FULL: see retire.ts). */
export const NEW_SCHEMA_TABLES = ['children', 'weeks', 'habits', 'habit_records', 'habit_templates', 'notifications'] as const;
/** SQLSTATE of a refused legacy write: read_only_sql_transaction, which drivers and apps know as "go elsewhere". */
export const READ_ONLY_SQLSTATE = '25006';
/**
 * Advisory lock (key pair) that orders the creation of the retirement table after every app write that
 * looked for it and did not find it: such a write holds it shared until it commits, the creation takes
 * it exclusively. So no write that decided "legacy" for lack of the table can still be running at the switch.
 */
export const WRITE_PATH_LOCK = [0x6876, 3] as const;
/** The plan's schedule: read-only from Day 1, dropped on Day 15. */
export const DEFAULT_GRACE_DAYS = 14;
/**
 * The session setting the drop step reads its grace period from, in seconds (Phase 3's complete sets
 * it for the statement, from graceDays; 0 when forced). Unset, the default period applies.
 */
export const GRACE_SETTING = 'hv.grace_seconds';
/** SQLSTATE of a refused drop: object_not_in_prerequisite_state. */
export const GRACE_NOT_OVER_SQLSTATE = '55000';
