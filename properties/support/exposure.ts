/**
 * The exposure property of a gate: walk the gate's steps (a phase's apply, backfill and complete; or
 * every rollback from the top) measuring who can reach what at each step boundary, and compare with
 * the reviewed matrix (src/check/access-policy.ts). Killed by shadow-tables-open-to-api,
 * internal-functions-executable, rls-after-grants.
 */
import fc from 'fast-check';
import { PHASE_IDS, type PhaseId } from '../../src/contract/phase.ts';
import type { PhaseTag, PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { loadDataset } from '../../src/db/load-dataset.ts';
import { exposureViolations, intendedContextOf } from '../../src/check/access-policy.ts';
import { walkAccess, type Move } from '../../src/runner/access-walk.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { loadBeforeMigration } from './load-before-migration.ts';
import { startOver } from './start-over.ts';

export interface ExposureCase {
  dataset: LegacyDataset;
}

/**
 * The moves of a gate: the phases before it quietly, its own measured, then (but Phase 3) its rollback,
 * measured once over against the phase before (plan §롤백: a rollback closes what the phase opened);
 * rollback: all up quietly, every rollback measured.
 */
export function gateMoves(gate: PhaseTag): Move[] {
  if (gate === 'rollback') {
    return [
      ...PHASE_IDS.map((phase): Move => ({ phase, direction: 'up', measured: false, keepLegacy: true })),
      ...[...PHASE_IDS].reverse().map((phase): Move => ({ phase, direction: 'down' })),
    ];
  }
  const before = PHASE_IDS.slice(0, PHASE_IDS.indexOf(gate));
  // then the phase's own rollback, measured once it is over (Phase 3's drop cannot be rolled back)
  const back: Move[] = gate === 'phase-3' ? [] : [{ phase: gate, direction: 'down', measured: 'end' }];
  return [...before.map((phase: PhaseId): Move => ({ phase, direction: 'up', measured: false, keepLegacy: true })), { phase: gate, direction: 'up' }, ...back];
}

export function exposureProperty(gate: PhaseTag): PropertyDef<ExposureCase> {
  const what =
    gate === 'rollback' ? 'every rollback' : `${gate}'s apply${gate === 'phase-0' ? ', backfill' : ''} and complete${gate === 'phase-3' ? '' : ', and after its rollback'}`;
  return {
    name: `${gate}/exposure`,
    tags: [gate],
    description: `At every step boundary of ${what}, no API role can do more than the access matrix allows (anon nothing new, no internal function executable, TRUNCATE nobody's), anon and a signed-in stranger reach 0 rows, and every SECURITY DEFINER function pins its search_path.`,
    defaultRuns: 2,
    // Not shrunk: what a role can reach does not depend on which rows are there (any two families do),
    // and each try reruns the whole walk; the dataset is small already.
    arbitrary: () =>
      fc.noShrink(
        fc.record(
          { dataset: legacyDatasetArbitrary({ mode: 'realistic', minRows: 2, maxRows: 4 }).filter((d) => new Set(d.rows.map((r) => r.user_id)).size >= 2) },
          { noNullPrototype: true },
        ),
      ),
    setup: async () => undefined,
    reset: (ctx) => startOver(ctx),
    toDataset: (c) => c.dataset,
    async check(input, ctx) {
      await loadBeforeMigration(ctx.client, () => loadDataset(ctx.client, input.dataset));
      const owner = input.dataset.rows.find((r) => r.user_id)?.user_id ?? undefined;
      const steps = await walkAccess(ctx.client, ctx.impl, gateMoves(gate), owner ? { owner } : {});
      const policy = intendedContextOf(ctx.impl, steps[0]!.snapshot);
      const exposed = steps
        .slice(1)
        .map((s) => ({ at: `${s.phase} ${s.direction} ${s.step}`, violations: exposureViolations(s.phase, s.snapshot, policy) }))
        .filter((s) => s.violations.length > 0);
      if (exposed.length === 0) return;
      const first = exposed[0]!;
      const kinds = [...new Set(exposed.flatMap((s) => s.violations.map((v) => v.detail)))];
      throw new PropertyFailure(
        `exposure: ${exposed.length} step boundar${exposed.length === 1 ? 'y' : 'ies'} beyond the access matrix, first after ${first.at}: ${first.violations[0]!.detail}` +
          (kinds.length > 1 ? ` (and ${kinds.length - 1} more kind(s))` : ''),
        { steps: exposed.slice(0, 8).map((s) => ({ at: s.at, violations: s.violations.slice(0, 12).map((v) => v.detail) })), distinct: kinds.slice(0, 40) },
      );
    },
  };
}
