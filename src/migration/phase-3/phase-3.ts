import type pg from 'pg';
import type { Step } from '../step.ts';
import { runSteps, type ExecutorOptions, type StepResult } from '../executor.ts';
import { type MigrationOptions, variant } from '../migration-options.ts';
import { MigrationError } from '../migration-error.ts';
import { RECORD_RETIREMENT_STEP, readRetirement } from './retirement-log.ts';
import { RETIREMENT_FUNCTIONS_STEP, switchWritesStep } from './switch-writes.ts';
import { RENAME_LEGACY_STEP } from './rename.ts';
import { ANALYZE_STEP, DEFAULT_GRACE_DAYS, GRACE_NOT_OVER_SQLSTATE, dropLegacyStep, type RetireOptions } from './retire.ts';
import { LEGACY_TABLE, RETIRED_TABLE } from './names.ts';

/**
 * Phase 3's lock_timeout: an app write queued behind a DDL statement waits at most this long before
 * the DDL gives up (and is retried), so it bounds the stall a busy table can cause.
 */
export const PHASE3_LOCK_TIMEOUT_MS = 200;
export const PHASE3_LOCK_RETRIES = 40;
/** Defect ddl-without-lock-timeout: "no lock_timeout" is a day. */
const NO_LOCK_TIMEOUT_MS = 86_400_000;

export type Phase3Options = MigrationOptions & ExecutorOptions;

/**
 * Phase 3's reversible steps, in apply order. `apply` runs all but the last (the read-only week
 * begins); `rename` runs the last (Day 8); `rollback` runs every `down` in reverse.
 */
export function phase3Steps(opts?: MigrationOptions): Step[] {
  return [RECORD_RETIREMENT_STEP, RETIREMENT_FUNCTIONS_STEP, switchWritesStep(opts), RENAME_LEGACY_STEP];
}

/** The irreversible end: rename (if not done yet), drop after the grace period, analyze. */
export function phase3CompleteSteps(opts?: RetireOptions): Step[] {
  return [RENAME_LEGACY_STEP, dropLegacyStep(opts), ANALYZE_STEP];
}

function executor(opts: Phase3Options): ExecutorOptions {
  return {
    ...opts,
    lockTimeoutMs: variant(opts, 'ddl-without-lock-timeout', NO_LOCK_TIMEOUT_MS, opts.lockTimeoutMs ?? PHASE3_LOCK_TIMEOUT_MS),
    lockRetries: opts.lockRetries ?? PHASE3_LOCK_RETRIES,
  };
}

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
export const phase3 = {
  id: 'phase-3' as const,

  /**
   * The new schema must serve everything and agree with the legacy table: Phase 0 applied, every legacy
   * row migrated or quarantined, and no drift. (Once the switch has happened the legacy table is kept by
   * the reverse sync and these checks are not repeated.)
   */
  async validate(client: pg.ClientBase): Promise<void> {
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

  /** Day 1: the read-only week begins. Idempotent. */
  async apply(client: pg.ClientBase, opts: Phase3Options = {}): Promise<StepResult[]> {
    await this.validate(client);
    return runSteps(client, phase3Steps(opts).slice(0, -1), 'up', executor(opts));
  },

  /** Day 8: the rename. Idempotent. */
  async rename(client: pg.ClientBase, opts: Phase3Options = {}): Promise<StepResult[]> {
    const r = await readRetirement(client);
    if (r?.writePath !== 'new') throw new MigrationError('phase-3: rename before apply: the legacy table is not read-only yet');
    return runSteps(client, [RENAME_LEGACY_STEP], 'up', executor(opts));
  },

  /**
   * Day 15: drop the retired table, then ANALYZE. Refuses (MigrationError, SQLSTATE 55000) until the
   * grace period has passed since the read-only week began, unless `force`; refuses when anything the
   * migration does not know depends on the table.
   */
  async complete(client: pg.ClientBase, opts: Phase3Options & RetireOptions = {}): Promise<StepResult[]> {
    const r = await readRetirement(client);
    if (r?.droppedAt) return [];
    if (r?.writePath !== 'new') throw new MigrationError('phase-3: complete before apply: the legacy table is not read-only yet');
    const grace = opts.graceDays ?? DEFAULT_GRACE_DAYS;
    const enforced = variant(opts, 'drop-without-grace', false, !opts.force);
    if (enforced && (r.readOnlyDays ?? 0) < grace) {
      throw new MigrationError(
        `phase-3: refusing to drop public.${RETIRED_TABLE}: read-only for ${r.readOnlyDays ?? 0} of ${grace} days (since ${r.readOnlySince}); wait, or complete with force`,
        { code: GRACE_NOT_OVER_SQLSTATE },
      );
    }
    return runSteps(client, phase3CompleteSteps(opts), 'up', executor(opts));
  },

  /** Any time before the drop: every `down` in reverse. Refuses after the drop. Idempotent. */
  async rollback(client: pg.ClientBase, opts: Phase3Options = {}): Promise<StepResult[]> {
    const r = await readRetirement(client);
    if (r?.droppedAt) throw new MigrationError(`phase-3: cannot roll back: public.${RETIRED_TABLE} was dropped on ${r.droppedAt}; restore it from a backup`);
    if (!(await regclass(client, 'public.weeks'))) return [];
    return runSteps(client, phase3Steps(opts), 'down', executor(opts));
  },
};
