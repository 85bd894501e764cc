import type pg from 'pg';
import { definePhase } from '../../contract/define-phase.ts';
import type { PhaseOptions } from '../../contract/phase.ts';
import { MigrationError } from '../../contract/migration-error.ts';
import { readRetirement } from './retirement-log.ts';
import { PHASE3_COMPLETE_STEPS, PHASE3_STEPS } from './steps.ts';
import { DEFAULT_GRACE_DAYS, GRACE_NOT_OVER_SQLSTATE, GRACE_SETTING, LEGACY_TABLE, RETIRED_TABLE } from './names.ts';

/**
 * Phase 3's lock_timeout: an app write queued behind a DDL statement waits at most this long before
 * the DDL gives up (and is retried), so it bounds the stall a busy table can cause.
 */
export const PHASE3_LOCK_TIMEOUT_MS = 200;
export const PHASE3_LOCK_RETRIES = 40;

async function regclass(client: pg.ClientBase, name: string): Promise<boolean> {
  const { rows } = await client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [name]);
  return rows[0]?.t != null;
}

/**
 * Phase 3 — retire the legacy table. validate / apply / rename / complete / rollback side by side.
 *
 * apply (Day 1): the app's writes go to the new schema only, Phase 1's legacy → new trigger is dropped,
 * the reverse sync keeps the legacy table current, and the legacy table refuses every other write.
 * rename (Day 8): habit_tracker → habit_tracker_old. complete (Day 15): the drop, guarded by the grace
 * period, then ANALYZE. rollback (any time before the drop): the legacy table is back under its name,
 * writable, with every write made since the switch; the app writes the legacy path again.
 */
export const phase3 = definePhase({
  id: 'phase-3',
  // apply (Day 1): the retirement log, its functions, the switch; rename (Day 8) is a stage of its own
  steps: PHASE3_STEPS,
  // the irreversible end: rename (if not done yet), drop after the grace period, analyze
  completeSteps: PHASE3_COMPLETE_STEPS,
  executor: { lockTimeoutMs: PHASE3_LOCK_TIMEOUT_MS, lockRetries: PHASE3_LOCK_RETRIES },

  /**
   * The new schema must serve everything and agree with the legacy table: Phase 0 applied, every legacy
   * row migrated or quarantined, and no drift. (Once the switch has happened the legacy table is kept by
   * the reverse sync and these checks are not repeated.)
   */
  async validate(client: pg.ClientBase) {
    const retirement = await readRetirement(client);
    if (retirement?.droppedAt) throw new MigrationError(`phase-3: completed on ${retirement.droppedAt}; the legacy table is gone`);
    if (retirement?.writePath === 'new') return;
    if (!(await regclass(client, `public.${LEGACY_TABLE}`))) throw new MigrationError(`phase-3: public.${LEGACY_TABLE} does not exist`);
    for (const rel of ['public.weeks', 'public.habit_tracker_from_new', 'public.migration_quarantine']) {
      if (!(await regclass(client, rel))) throw new MigrationError(`phase-3: ${rel} does not exist; apply Phase 0 (and run the backfill) first`);
    }
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM public.${LEGACY_TABLE} h
        WHERE NOT EXISTS (SELECT 1 FROM public.weeks w WHERE w.legacy_id = h.id)
          AND NOT EXISTS (SELECT 1 FROM public.migration_quarantine q WHERE q.legacy_id = h.id)`,
    );
    if (rows[0]!.n > 0) throw new MigrationError(`phase-3: ${rows[0]!.n} legacy row(s) are neither migrated nor quarantined; finish the backfill first`);
    const drift = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM public.hv_drift()');
    if (drift.rows[0]!.n > 0) {
      throw new MigrationError(`phase-3: ${drift.rows[0]!.n} difference(s) between the legacy table and the new schema (hv_drift); retiring now would lose them`);
    }
  },
  /**
   * Day 15: drop the retired table, then ANALYZE. Refuses (MigrationError, SQLSTATE 55000) until the
   * grace period has passed since the read-only week began, unless `force`; refuses when anything the
   * migration does not know depends on the table (the drop is RESTRICT).
   */
  async beforeComplete(client: pg.ClientBase, opts: PhaseOptions) {
    const r = await readRetirement(client);
    if (r?.droppedAt) return 'done';
    if (r?.writePath !== 'new') throw new MigrationError('phase-3: complete before apply: the legacy table is not read-only yet');
    const grace = opts.graceDays ?? DEFAULT_GRACE_DAYS;
    if (!Number.isFinite(grace) || grace < 0) throw new RangeError(`graceDays must be a number >= 0, got ${grace}`);
    if (!opts.force && (r.readOnlyDays ?? 0) < grace) {
      throw new MigrationError(
        `phase-3: refusing to drop public.${RETIRED_TABLE}: read-only for ${r.readOnlyDays ?? 0} of ${grace} days (since ${r.readOnlySince}); wait, or complete with force`,
        { code: GRACE_NOT_OVER_SQLSTATE },
      );
    }
    // the drop step checks the grace period again, in its own transaction, with this setting
    await client.query('SELECT set_config($1, $2, false)', [GRACE_SETTING, String(opts.force ? 0 : grace * 86400)]);
  },

  async afterComplete(client: pg.ClientBase) {
    await client.query(`RESET ${GRACE_SETTING}`).catch(() => undefined);
  },

  /** Any time before the drop: every `down` in reverse. Refuses after the drop. Idempotent. */
  async beforeRollback(client: pg.ClientBase) {
    const r = await readRetirement(client);
    if (r?.droppedAt) throw new MigrationError(`phase-3: cannot roll back: public.${RETIRED_TABLE} was dropped on ${r.droppedAt}; restore it from a backup`);
    if (!(await regclass(client, 'public.weeks'))) return 'skip';
  },

  extra: (parts, run) => ({
    /** Day 8: the rename. Idempotent. */
    async rename(client: pg.ClientBase, opts: PhaseOptions = {}) {
      const r = await readRetirement(client);
      if (r?.writePath !== 'new') throw new MigrationError('phase-3: rename before apply: the legacy table is not read-only yet');
      return run(client, parts.steps.filter((s) => s.stage === 'rename'), 'up', opts);
    },
  }),
});
