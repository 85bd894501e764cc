/**
 * Phase 3's steps: the retirement log, the reverse sync and read-only guard as functions, the switch
 * (Day 1), the rename (stage `rename`, Day 8), and complete's drop and ANALYZE (Day 15). Their SQL is in
 * ./sql/, one file per step and direction; this file says why each exists. The names they use are
 * those of names.ts, written out in the SQL (most of it sits in function bodies, where psql
 * substitutes nothing).
 */
import { sqlStepsIn } from '../../contract/sql-step.ts';
import type { Step } from '../../contract/step.ts';

const step = sqlStepsIn(new URL('./sql/', import.meta.url));

/**
 * The retirement log (RETIREMENT_TABLE): ONE row that says where Phase 3 stands. `read_only_since` is
 * when the read-only week began (the drop's grace period counts from it); `write_path` is where the app
 * writes (`legacy`: the old path, dual-written by Phase 1; `new`: the new schema only); `saved_triggers`
 * keeps the definitions of the legacy → new triggers dropped at the switch, so a rollback puts them back
 * exactly. A plain logged table: it survives a crash with everything else. Its creation takes
 * WRITE_PATH_LOCK exclusively (see write-path.ts).
 */
const RECORD_RETIREMENT = step('record-retirement', {
  why: 'when the read-only week began and where the app writes, durable and in one place',
});

/**
 * The reverse sync: while the legacy table is read-only (Phase 3, before the drop), every write the app
 * makes to the new schema is carried back to its legacy row, in the same transaction. So a rollback of
 * Phase 3 finds the legacy table complete — every write made after the switch included — and has
 * nothing to rebuild: it only switches the app back.
 *
 * Why this and not a rebuild at rollback time (from the legacy view): a rebuild would run at the worst
 * moment (something is wrong, we are rolling back), take time proportional to the table under a lock,
 * and would have to tell rows that changed in Phase 3 from rows that did not (rewriting an untouched row
 * from the view replaces its original text — `GREEN`, short `times`, a null label — by the canonical
 * form). The sync touches only the rows the app touches, when it touches them. Its cost: every write
 * to the new schema during the read-only week also rewrites one legacy row.
 *
 * How:
 * - AFTER … FOR EACH STATEMENT triggers with transition tables on SYNCED_TABLES (children: UPDATE only,
 *   a rename or a new owner; weeks, habits, habit_records: INSERT, UPDATE, DELETE) collect the legacy
 *   ids a statement touched (a week's `legacy_id`) and call `hv_p3_sync_legacy(ids)` once per
 *   statement: set-based, one upsert from the legacy view `habit_tracker_from_new` and one delete for
 *   weeks that no longer exist. The triggers are created by the switch; this step creates functions only.
 * - A week created in Phase 3 gets its legacy id from the legacy table's own sequence
 *   (LEGACY_ID_SEQUENCE, BEFORE INSERT on weeks), so its legacy row can never collide with an existing one.
 * - Every function is SECURITY DEFINER: the legacy copy is kept by the migration, not subject to the
 *   app role's privileges or RLS (Phase 2 turns RLS on: a parent's write must still reach the legacy
 *   row, and its joins must see the rows it touched). None is callable by the API roles: Supabase's
 *   default privileges grant EXECUTE on every new function to anon and authenticated (RPC), so it is
 *   revoked; triggers do not need it.
 * - A legacy row the sync writes is the legacy view's row: canonical (statuses lower-case, 7 days,
 *   week_period recomputed). Rows the app never touches in Phase 3 keep their original text.
 *
 * The read-only guard (hv_p3_legacy_read_only, created here too; its triggers by the switch): the
 * legacy table made read-only for the retirement week — by a trigger, not by `SET UNLOGGED`.
 * The plan's Day 1 is `ALTER TABLE habit_tracker SET UNLOGGED -- 성능 향상`. An unlogged table is not
 * read-only at all (every write still succeeds), it is not WAL-logged, and crash recovery TRUNCATEs
 * it: one crash during the "monitoring week" empties the table the rollback depends on. It also
 * rewrites the whole table under ACCESS EXCLUSIVE, and disappears from replicas and PITR backups.
 * Why a trigger rather than REVOKE of the write privileges:
 * - a trigger binds every role: REVOKE does not bind the table owner nor superusers (on Supabase the
 *   `postgres` role the migrations, the SQL editor and SECURITY DEFINER functions — Phase 1's sync among
 *   them — run as), nor a role that gets the privilege back through another grant;
 * - it refuses with a message that says what happened and what to do, under one SQLSTATE
 *   (READ_ONLY_SQLSTATE, 25006 read_only_sql_transaction), instead of "permission denied";
 * - it lets the reverse sync through (and only it: a transaction-local flag, REVERSE_SYNC_GUC, set by
 *   the sync function AND pg_trigger_depth() > 1, i.e. from inside a trigger, so a client cannot open
 *   it with a SET);
 * - like a REVOKE it is catalog state: WAL-logged, transactional, it survives a crash and a restart.
 * Statement triggers (BEFORE … FOR EACH STATEMENT): every write statement is refused, also one that
 * would touch no row — the app learns at its first write, whatever the data — and TRUNCATE, which row
 * triggers do not see, too. The guard costs nothing on reads and once per statement on writes;
 * creating it takes SHARE ROW EXCLUSIVE on the table for an instant.
 */
const RETIREMENT_FUNCTIONS = step('create-retirement-functions', {
  why: 'the reverse sync and the read-only guard as functions first: creating functions locks no table',
});

/**
 * The switch (the plan's Day 1): in ONE transaction, dual write off, reverse sync on, legacy read-only.
 *
 * One transaction because each half alone is wrong for a moment: the legacy → new triggers (Phase 1's
 * backup path) and the reverse sync together would feed each other in a loop; the reverse sync off
 * while the app already writes the new schema would lose those writes for the legacy table; the guard
 * on while an app transaction still writes the legacy path would fail it. Inside the step:
 * 1. the app's write path flips to `new` (`migration_retirement.write_path`, read FOR SHARE by the app
 *    in each write transaction: the flip waits for writes in flight, later writes wait at the flag and
 *    then see `new`). First, before any table lock: an app transaction waiting at the flag holds no
 *    lock this step could need, so the two cannot deadlock;
 * 2. every table it touches is locked, legacy first then the new tables parent → child, under the
 *    executor's lock_timeout (a busy table makes the step give up and retry, never queue the app), and
 *    the legacy table's own triggers — Phase 1's sync — are saved and dropped;
 * 3. the reverse sync triggers are created on the new tables;
 * 4. the read-only guard is created on the legacy table.
 * The rollback does the same in reverse, also in one transaction.
 */
const SWITCH_WRITES = step('switch-writes-to-new', {
  why: 'dual write off, reverse sync on, legacy read-only — atomically (see the module comment)',
});

/**
 * The plan's Day 8: habit_tracker → habit_tracker_old (LEGACY_TABLE → RETIRED_TABLE). Anything that
 * still reads or writes the legacy table by name fails loudly now, while the data is still there to go
 * back to. The reverse sync names its target in its body, so it is re-created for the new name in the
 * same transaction (an app write in between would otherwise hit a table that no longer exists).
 * Triggers, indexes, the sequence and the rows follow the table. ACCESS EXCLUSIVE for an instant:
 * taken under lock_timeout, retried.
 */
const RENAME_LEGACY = step('rename-legacy', {
  why: 'stragglers that still use the legacy table by name fail now, while a rollback is still one step',
  stage: 'rename',
});

/**
 * The end of Phase 3 (the plan's Day 15–16): drop the retired table — only after the grace period — and
 * ANALYZE. Irreversible: after it, Phase 3 can no longer be rolled back.
 *
 * Changes from the plan:
 * - The drop refuses until the grace period has passed since the read-only week began (recorded in
 *   migration_retirement), unless forced. The check runs in the drop's own transaction, reading the
 *   period from the session setting GRACE_SETTING (seconds; complete() sets it from graceDays, 0 when
 *   forced), DEFAULT_GRACE_DAYS when unset.
 * - `DROP TABLE … CASCADE` would silently take along whatever still depends on the table (a report view,
 *   a function of its row type): here only the migration's own dependents go first (its `hv_…`
 *   functions of the legacy row type — Phase 0's classifiers, Phase 1's legacy-change function — and the
 *   backfill and drift functions that read the table by name), then the table with RESTRICT: an unknown
 *   dependent stops the drop, in one transaction, with the legacy table and the reverse sync intact.
 * - Quarantined legacy rows are not lost with the table: migration_quarantine keeps every original.
 */
const DROP_LEGACY = step('drop-legacy', {
  why: 'the retired table goes, after the grace period, with RESTRICT: an unknown dependent stops it',
});

/**
 * No `VACUUM FULL`: it rewrites every table under ACCESS EXCLUSIVE (writes and reads stop, table by
 * table) and needs room for a second copy; DROP TABLE already gives the legacy table's space back to
 * the OS. A plain ANALYZE of NEW_SCHEMA_TABLES refreshes the planner's statistics without blocking writes.
 */
const ANALYZE = step('analyze-new-tables', {
  why: 'fresh planner statistics for the tables that now serve everything; no VACUUM FULL (see phase-3/steps.ts)',
});

/** apply (Day 1) runs these but the rename (stage `rename`, Day 8); rollback undoes them all, in reverse. */
export const PHASE3_STEPS: readonly Step[] = [RECORD_RETIREMENT, RETIREMENT_FUNCTIONS, SWITCH_WRITES, RENAME_LEGACY];

/** complete (Day 15): the rename (if not done yet), the drop after the grace period, ANALYZE. Irreversible. */
export const PHASE3_COMPLETE_STEPS: readonly Step[] = [RENAME_LEGACY, DROP_LEGACY, ANALYZE];
