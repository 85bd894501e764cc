/**
 * The reachability property of a gate: after each part of the gate's phase (or after each rollback),
 * every path the app takes then (support/app-paths.ts) works as the API role the app uses — no
 * 42501 from a grant that only the `auto` regime gave, no statement timeout. Killed by
 * dual-write-needs-implicit-grants, compare-log-not-granted.
 */
import fc from 'fast-check';
import type pg from 'pg';
import { PHASE_IDS, type PhaseId } from '../../src/contract/phase.ts';
import type { MigrationImplementation } from '../../src/contract/implementation.ts';
import type { PhaseTag, PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { loadDataset } from '../../src/db/load-dataset.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { APP_PATHS, PATHS_BY_PHASE } from './app-paths.ts';
import { applyPhases } from './apply-up-to.ts';
import { loadBeforeMigration } from './load-before-migration.ts';
import { startOver } from './start-over.ts';

export interface ReachabilityCase {
  dataset: LegacyDataset;
}

interface Blocked {
  after: string;
  path: string;
  error: string;
}

type Stage = { after: string; paths: keyof typeof PATHS_BY_PHASE; run: (c: pg.ClientBase, impl: MigrationImplementation) => Promise<unknown> };

/** Every phase of `phases` (the ones before a gate's) applied, the backfill run, Phase 3 up to its rename, never past it. */
async function bringTo(client: pg.ClientBase, impl: MigrationImplementation, phases: readonly PhaseId[]): Promise<void> {
  const last = phases.at(-1);
  if (last) await applyPhases(client, impl, last, { backfill: true, rename: true });
}

function stagesOf(gate: PhaseTag): { before: readonly PhaseId[]; stages: Stage[] } {
  if (gate === 'rollback') {
    const down = [...PHASE_IDS].reverse();
    return {
      before: PHASE_IDS,
      stages: down.map((id, i) => ({ after: `${id} rollback`, paths: i + 1 < down.length ? down[i + 1]! : 'legacy', run: (c, impl) => impl.phases[id].rollback(c) })),
    };
  }
  const before = PHASE_IDS.slice(0, PHASE_IDS.indexOf(gate));
  const apply: Stage = { after: `${gate} apply`, paths: gate, run: (c, impl) => impl.phases[gate].apply(c) };
  if (gate === 'phase-0') {
    return { before, stages: [apply, { after: 'phase-0 backfill and complete', paths: gate, run: async (c, impl) => (await impl.backfill.run(c), impl.phases[gate].complete(c)) }] };
  }
  if (gate === 'phase-3') {
    return {
      before,
      stages: [
        apply,
        { after: 'phase-3 rename', paths: gate, run: (c, impl) => impl.phases['phase-3'].rename(c) },
        { after: 'phase-3 complete (drop)', paths: gate, run: (c, impl) => impl.phases['phase-3'].complete(c, { force: true }) },
      ],
    };
  }
  return { before, stages: [apply, { after: `${gate} complete`, paths: gate, run: (c, impl) => impl.phases[gate].complete(c) }] };
}

export function reachabilityProperty(gate: PhaseTag): PropertyDef<ReachabilityCase> {
  const { before, stages } = stagesOf(gate);
  return {
    name: `${gate}/reachability`,
    tags: [gate],
    description: `After each part of ${gate === 'rollback' ? 'every rollback' : gate}, every path the app takes then works as the API role it uses (the parent signed in, or the server): no missing grant (42501), no statement timeout.`,
    defaultRuns: 2,
    // Not shrunk: a missing grant does not depend on the rows (any family will do), and each try
    // reruns every part of the phase; the dataset is small already.
    arbitrary: () =>
      fc.noShrink(
        fc.record(
          { dataset: legacyDatasetArbitrary({ mode: 'realistic', minRows: 2, maxRows: 4 }).filter((d) => d.rows.some((r) => r.user_id !== null)) },
          { noNullPrototype: true },
        ),
      ),
    setup: async () => undefined,
    reset: (ctx) => startOver(ctx),
    toDataset: (c) => c.dataset,
    async check(input, ctx) {
      await loadBeforeMigration(ctx.client, () => loadDataset(ctx.client, input.dataset));
      const parent = input.dataset.rows.find((r) => r.user_id !== null)!.user_id!;
      await bringTo(ctx.client, ctx.impl, before);
      const blocked: Blocked[] = [];
      for (const stage of stages) {
        await stage.run(ctx.client, ctx.impl);
        for (const id of PATHS_BY_PHASE[stage.paths]) {
          const error = await APP_PATHS[id].run(ctx.client, ctx.impl, parent);
          if (error !== null) blocked.push({ after: stage.after, path: APP_PATHS[id].what, error });
        }
      }
      if (blocked.length > 0) {
        const first = blocked[0]!;
        throw new PropertyFailure(`reachability: after ${first.after}, ${first.path}: ${first.error}${blocked.length > 1 ? ` (${blocked.length - 1} more)` : ''}`, { blocked });
      }
    },
  };
}
