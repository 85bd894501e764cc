/**
 * Phase 1's steps: the idempotency log, the trigger's group index, the re-derivation functions, the
 * dual-write API (plpgsql), the backup trigger and the reconcile. Their SQL is in ./sql/, one file per
 * step and direction; this file says why each exists. Each step closes what it creates to the API roles
 * in its own transaction (no RPC into the sync or the dual write's internals, no reading or forging
 * idempotency keys); the one entry point, hv_dual_write, is granted to service_role (the Edge Function).
 */
import { sqlStepsIn } from '../../contract/sql-step.ts';
import type { Step } from '../../contract/step.ts';

const step = sqlStepsIn(new URL('./sql/', import.meta.url));

/** The plan's trigger name, kept so its rollback (`DROP TRIGGER sync_habit_tracker_to_new`) still applies. */
export const SYNC_TRIGGER = 'sync_habit_tracker_to_new';

/**
 * The idempotency log: one row per request key, claimed FIRST in the request's transaction and
 * completed with the response in the same transaction. The claim is what makes duplicates safe: a
 * concurrent duplicate's INSERT … ON CONFLICT DO NOTHING waits on the claiming transaction's row lock
 * and then reads its stored response; a rolled-back claim leaves no row, so the retry runs for real.
 *
 * The plan checks for the key first and logs it after the writes: two concurrent duplicates both miss
 * the check and both execute.
 *
 * No down file: Phase 1's rollback keeps the log (see phase-1.ts). hv_op_seq numbers applied writes; a
 * write takes its number while holding every lock it needs, so sorting by it gives an order in which
 * conflicting writes happened — it is in every response as `opSeq`.
 */
const IDEMPOTENCY_LOG = step('create-idempotency-log', {
  why: 'request keys with their request hash and stored response, claimed first in the write transaction',
});

/** The group index the trigger's membership lookup needs (the legacy table has none). */
const WEEK_KEY_INDEX = step('index-habit-tracker-week-key', {
  why: 'every synced write looks up the rows of its (owner, child, week) group; CONCURRENTLY: the app writes this table',
  transactional: false,
  concurrentIndex: 'idx_habit_tracker_week_key',
});

/**
 * Re-deriving legacy rows into the new schema, shared by the backup trigger, the API's deleteWeek and
 * the reconcile step. It reuses Phase 0's hv_migrate_range, so a row synced here looks exactly as
 * if the backfill had migrated (or quarantined) it.
 *
 * The unit of work is the (owner, exact child name, week) group, not the row: which row of a group
 * migrates and which are quarantined as duplicate_week depends on all of them (the lowest valid id
 * wins). So hv_resync(ids) takes an advisory lock per group the rows are in now or were in (sorted,
 * so two writers cannot wait on each other in a cycle), forgets what the new schema holds for every
 * row of those groups, and migrates them again in id order. Rows that the mapping rules quarantine
 * go to migration_quarantine and leave no week; a row that an update fixed migrates.
 *
 * Errors: the trigger and the API let a failure of the re-derivation fail the write (both schemas change,
 * or neither); reconcile, which nobody waits on row by row, quarantines such a row as unexpected_error
 * as the backfill does, and the next reconcile retries it.
 *
 * weeks.template_id is new-only (the legacy row has no such column): it is carried across the
 * re-derivation by legacy id, into migration_quarantine.detail while the row is quarantined.
 * Children are never deleted (templates may point at them); a renamed child leaves its old row behind.
 */
const SYNC_FUNCTIONS = step('create-sync-functions', {
  why: 'one re-derivation for trigger, API and reconcile: Phase 0 mapping rules, group by group, under a lock',
});

/**
 * Request validation for the dual-write API, server-side: every field a function reads goes through
 * one of these, so a malformed request is a typed rejection (SQLSTATE DW422 invalid_request, DW416
 * habit_not_found) before anything is written, never a cast error half-way. The SQLSTATEs are
 * mapped to names in src/contract/dual-write-error.ts.
 */
const DUAL_WRITE_REQUESTS = step('create-dual-write-request-helpers', {
  why: 'typed rejections (DW4xx) for malformed requests, raised before any write',
});

/**
 * What each API operation writes, in both schemas.
 *
 * Week operations are split in two functions that the dispatcher runs in one transaction, under the
 * legacy row's lock and its group's lock:
 * - hv_dw_legacy_change(op, row, request): pure — the columns of the legacy row after the operation,
 *   or a typed rejection. The dispatcher writes them with one UPDATE.
 * - hv_dw_new_write(op, week, request, key, now): the targeted new-schema write (habit ids stay
 *   stable: no delete-and-reinsert of the week, unlike the backup trigger's re-derivation).
 * createWeek and createTemplate write whole rows and have a function each.
 *
 * Mapping: the same rules as the backfill (Phase 0). A new week's id is md5('week:' || child || ':' ||
 * start) and its child's md5('child:' || owner || ':' || name), as hv_migrate_range derives them; a
 * habit added by the API gets md5('habit:' || idempotency key), which no other request can produce.
 * Legacy times of a habit that gets a status are rewritten in canonical form (7 entries, null → none,
 * lower case): the mapping rules read them as equal, and a 7-slot array is what jsonb_set needs.
 * The API writes weeks that migrate (createWeek validates what the rules would quarantine) and
 * refuses to write a quarantined week (DW423): the new schema has no row to keep in step.
 *
 * Every legacy statement of the API is wrapped in `PERFORM set_config('hv.dual_write', 'on', true)` …
 * `'off'`: on for that statement only (transaction-local, and switched off right after), so the backup
 * trigger does not re-derive what the API writes to the new schema itself — and a later raw write in
 * the same transaction is still synced. An error in the legacy statement fails the whole request.
 */
const DUAL_WRITE_OPERATIONS = step('create-dual-write-operations', {
  why: 'per-operation legacy change (pure) and new-schema write (targeted), createWeek and createTemplate',
});

/**
 * hv_dual_write(key, op, request): one request, one transaction, one round trip, both schemas. It
 * accepts the operations of DUAL_WRITE_OPS (src/contract/dual-write.ts).
 *
 * Order inside the transaction, and why:
 * 1. Claim the idempotency key (INSERT … ON CONFLICT DO NOTHING) before anything else. A concurrent
 *    duplicate blocks on that row until this transaction ends, then either sees the committed claim
 *    and returns its stored response (replayed), or — this one rolled back — claims it itself. A key
 *    reused with another request is rejected (DW409).
 * 2. Lock the legacy row (FOR UPDATE), then its (owner, child, week) group: the lock the backup
 *    trigger takes, so API writes and old clients' writes to one group take turns.
 * 3. Number the write (hv_op_seq) — under those locks, so numbers order conflicting writes.
 * 4. The legacy write, with hv.dual_write on for that statement (the trigger leaves it to us).
 * 5. The new-schema write. 6. Store the response under the key.
 * Any error anywhere rolls back all of it: both schemas change, or neither, and the key stays free.
 *
 * The plan instead checks the key, writes the old schema and ignores its failure, writes the new
 * schema, then logs the key — and its Promise.all makes the two writes two transactions.
 */
const DUAL_WRITE_DISPATCHER = step('create-dual-write-dispatcher', {
  why: 'idempotency claim first, locks, numbering, both writes and the stored response in one transaction',
});

/**
 * The backup path: old app versions write habit_tracker only, and this trigger (SYNC_TRIGGER) keeps
 * the new schema in step — INSERT, UPDATE of any column (a whole new habits array, a renamed child,
 * another owner, another week) and DELETE, each re-derived through hv_resync.
 *
 * Changes from the plan, and why:
 * - The plan's trigger is declared for INSERT OR UPDATE but its body handles INSERT only, and it has no
 *   DELETE: every legacy update or delete would drift.
 * - It looked the child up by name alone (another family's child of that name); hv_migrate_range keys a
 *   child by (owner, exact name).
 * - It inserted the week with ON CONFLICT (child_id, week_start_date) — a DEFERRABLE constraint in the
 *   plan, which Postgres refuses as an arbiter — and never wrote habits or records.
 * - Not double-applying the API's writes: the dual-write API sets hv.dual_write = on (transaction-local)
 *   around its own legacy statement, since it writes the new schema itself. A raw write leaves it unset.
 * AFTER ROW: the row is visible as written, and a failing sync fails the legacy write with it (both or
 * neither, for old clients too).
 * SECURITY DEFINER (search_path empty, every name qualified): an old client signed in as a parent
 * writes habit_tracker as `authenticated`; the sync must not run under that role's RLS on the new
 * tables (Phase 2) nor need rights on the bookkeeping tables. Setting hv.dual_write lets a writer skip
 * the sync (drift, which the drift detector reports and reconcile repairs), not gain any right.
 */
const SYNC_TRIGGER_STEP = step('create-sync-trigger', {
  why: 'old clients write the legacy table only: re-derive every inserted, updated or deleted row',
});

/** Runs the catch-up once the trigger is in place: from then on no legacy write goes unseen. */
const RECONCILE = step('reconcile', {
  why: 'legacy writes between the backfill and the trigger (or during a rollback) are re-derived; no down: it only writes data',
});

/** Phase 1's steps in order (see phase-1.ts for what its rollback keeps). */
export const PHASE1_STEPS: readonly Step[] = [
  IDEMPOTENCY_LOG,
  WEEK_KEY_INDEX,
  SYNC_FUNCTIONS,
  DUAL_WRITE_REQUESTS,
  DUAL_WRITE_OPERATIONS,
  DUAL_WRITE_DISPATCHER,
  SYNC_TRIGGER_STEP,
  RECONCILE,
];
