/**
 * Shared steps of the phase-2 properties: a database with Phase 0 (and Phase 1, for histories) and
 * Phase 2 applied (RLS on) before any data; one case = load a dataset as it stood before the
 * migration, backfill, then apply a history of writes through Phase 1's paths.
 */
import type pg from 'pg';
import type { PropertyContext } from '../../../src/runner/property.ts';
import type { LegacyDataset } from '../../../src/generate/dataset.ts';
import { ANOMALIES } from '../../../src/generate/anomalies.ts';
import type { AnomalyId } from '../../../src/generate/anomaly-id.ts';
import { loadDataset } from '../../../src/db/load-dataset.ts';
import { applyUpTo } from '../../support/apply-up-to.ts';
import { loadBeforeMigration } from '../../support/load-before-migration.ts';
import { withClaims, type SupabaseRole } from '../../../src/db/as-user.ts';
import { applyHistory, type HistoryOutcome, type HistoryStep } from './history.ts';
import { expectMigratedNow } from '../../support/expect-migrated.ts';

/**
 * Anomalies whose rows migrate on their own (as is, normalized or with a warning): a bias towards
 * readable data, not a promise — two may compose into a quarantine, so properties ask the oracle.
 */
export const MIGRATING_ANOMALIES: readonly AnomalyId[] = ANOMALIES.filter((a) => a.treatment.kind !== 'quarantine').map((a) => a.id);

export { STRANGER, asUserRolledBack } from '../../../src/db/as-user.ts';

/**
 * Phase 0, then (withPhase1) Phase 1 — its validate wants a completed backfill, which on an empty
 * table is immediate — then Phase 2, whose validate refuses a sync trigger that would run as the
 * writing role (no override here: Phase 1's trigger must pass it).
 */
export async function setupPhase2(ctx: PropertyContext, opts: { withPhase1?: boolean } = {}): Promise<void> {
  await applyUpTo(ctx, 'phase-2', opts.withPhase1 ? {} : { skip: ['phase-1'] });
}

export interface Migrated {
  history: HistoryOutcome;
}

/**
 * Loads the dataset as it stood before the migration (with session_replication_role = replica, so a
 * Phase 1 trigger does not see the load), backfills, then applies the history of writes.
 */
export async function migrateWithHistory(ctx: PropertyContext, dataset: LegacyDataset, history: readonly HistoryStep[]): Promise<Migrated> {
  await loadBeforeMigration(ctx.client, () => loadDataset(ctx.client, dataset));
  await ctx.impl.backfill.run(ctx.client);
  await expectMigratedNow(ctx.client, ctx.impl, 'after the backfill'); // else every comparison below holds of nothing
  return { history: await applyHistory(ctx.client, history, ctx.impl) };
}

/** Owners of legacy rows (the users whose reads matter), in a stable order. */
export async function owners(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ u: string }>(
    'SELECT DISTINCT user_id::text AS u FROM public.habit_tracker WHERE user_id IS NOT NULL ORDER BY 1',
  );
  return rows.map((r) => r.u);
}

/** Owners of migrated weeks (accounts that exist in auth.users), in a stable order. */
export async function migratedOwners(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ u: string }>(
    'SELECT DISTINCT w.user_id::text AS u FROM public.weeks w JOIN auth.users a ON a.id = w.user_id ORDER BY 1',
  );
  return rows.map((r) => r.u);
}

/** Runs `fn` as a signed-in user (authenticated, claims with sub), committing. */
export function asUser<T>(client: pg.ClientBase, userId: string, fn: (c: pg.ClientBase) => Promise<T>, role: SupabaseRole = 'authenticated'): Promise<T> {
  return withClaims(client, { sub: userId, role }, role, fn);
}

