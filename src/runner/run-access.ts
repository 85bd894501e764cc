/**
 * The measured access matrix of an implementation, step by step, on a fresh database of the run's
 * grant regime holding a small seeded dataset (so rows are measured, not just privileges). Every
 * phase goes up on one database; the rollbacks go down on a second one brought to the same point
 * (Phase 3's drop cannot be rolled back). Returns the steps and what each exposes; prints nothing.
 */
import type { MigrationImplementation } from '../contract/implementation.ts';
import { PHASE_IDS, type PhaseId } from '../contract/phase.ts';
import { connect } from '../db/connect.ts';
import { loadDataset } from '../db/load-dataset.ts';
import type { SupabaseGrants } from '../db/supabase-grants.ts';
import type { StartedPostgres } from '../db/types.ts';
import { exposureViolations, intendedContextOf, type ExposureViolation } from '../check/access-policy.ts';
import { sampleDataset } from '../generate/sample.ts';
import type { LegacyDataset } from '../generate/dataset.ts';
import { walkAccess, type AccessStep, type Move } from './access-walk.ts';
import { harness } from './harness-error.ts';

export interface AccessRunOptions {
  /** Only this phase's steps (up, then its rollback); default every phase. */
  phase?: PhaseId;
  seed: number;
  /** Legacy rows loaded before Phase 0 (default 24). */
  rows?: number;
}

export interface MeasuredStep extends AccessStep {
  violations: ExposureViolation[];
}

export interface AccessRun {
  implementation: string;
  regime: SupabaseGrants;
  serverVersion: number;
  seed: number;
  /** The signed-in parent measured as `owner` (the one with the most legacy rows). */
  owner: string;
  steps: MeasuredStep[];
}

export async function runAccess(pg: StartedPostgres, impl: MigrationImplementation, opts: AccessRunOptions): Promise<AccessRun> {
  const dataset = sampleDataset({ seed: opts.seed, rows: opts.rows ?? 24, mode: 'realistic' });
  const owner = ownerOf(dataset.rows.flatMap((r) => (r.user_id ? [r.user_id] : [])));
  const target = opts.phase ? [opts.phase] : [...PHASE_IDS];
  const last = target[target.length - 1]!;
  const quietly = (phases: readonly PhaseId[]): Move[] => phases.map((phase) => ({ phase, direction: 'up', measured: false, keepLegacy: true }));
  const before = (p: PhaseId) => PHASE_IDS.slice(0, PHASE_IDS.indexOf(p));
  // up: what precedes the first target quietly, then every target measured
  const up = await walkOn(pg, impl, 'access_up', dataset, owner, [...quietly(before(target[0]!)), ...target.map((phase): Move => ({ phase, direction: 'up' }))]);
  // down: on a second database, every phase up to the last target (Phase 3 without its drop), then the rollbacks in reverse
  const down = await walkOn(pg, impl, 'access_down', dataset, owner, [
    ...quietly([...before(last), last]),
    ...[...target].reverse().map((phase): Move => ({ phase, direction: 'down' })),
  ]);
  const ctx = intendedContextOf(impl, up[0]!.snapshot);
  const steps = [...up, ...down.slice(1)].map((s) => ({ ...s, violations: exposureViolations(s.phase, s.snapshot, ctx) }));
  return { implementation: impl.name, regime: pg.supabaseGrants, serverVersion: pg.serverVersion, seed: opts.seed, owner, steps };
}

async function walkOn(pg: StartedPostgres, impl: MigrationImplementation, label: string, dataset: LegacyDataset, owner: string, moves: readonly Move[]): Promise<AccessStep[]> {
  const db = await pg.createDatabase(label);
  const client = await connect(db.uri);
  try {
    await harness('load the legacy data as it stood before the migration', () => loadDataset(client, dataset));
    return await walkAccess(client, impl, moves, { owner });
  } finally {
    await client.end();
    await db.drop();
  }
}

/** The user with the most rows (ties: the smallest id), for a stable `owner`. */
function ownerOf(users: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const u of users) counts.set(u, (counts.get(u) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '00000000-0000-4000-8000-000000000001';
}
