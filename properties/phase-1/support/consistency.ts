import type pg from 'pg';
import { expectedOutcomes } from '../../../src/check/canonical.ts';
import { readLegacyRows, readUserIds } from '../../../src/check/read-state.ts';
import type { MigrationImplementation } from '../../../src/contract/implementation.ts';
import type { DriftRow } from '../../../src/contract/observation.ts';
import type { CanonicalRow } from '../../../src/check/canonical.ts';
import { accountingProblems, roundTripDiffs, type AccountingProblem, type FieldDiff } from '../../../src/check/round-trip.ts';
import { directFindings, type DirectFindings } from '../../support/new-schema-problems.ts';

/**
 * Is the new schema what the mapping rules make of the legacy table as it is now? Round trip of every
 * migrated row, every row accounted for with the right quarantine reason, the drift detector — and the
 * direct oracle: the new tables column by column (a display_order shifted in every week cancels out
 * through the legacy view), the quarantine's original rows, the warnings.
 */
export interface Consistency extends DirectFindings {
  diffs: FieldDiff[];
  problems: AccountingProblem[];
  drift: DriftRow[];
}

export interface ConsistencyOptions {
  /**
   * The template each week was created from, by legacy id, when the case knows it (it sent every
   * createWeek); without it, weeks.template_id is not compared.
   */
  templates?: ReadonlyMap<number, string>;
}

/**
 * Phase 1 decides these, not the mapping rules: a child stays when its weeks are deleted or moved, and
 * keeps the created_at of the week that created it.
 */
const DECIDED_BY_WRITES = ['children.created_at'];
const MAY_OUTLIVE_THEIR_WEEKS = new Set(['children'] as const);
/**
 * Warnings a row's own values decide. near_duplicate_child depends on the owner's other rows: a write
 * re-derives its own group only, so a sibling written later does not add the warning to older rows.
 */
const OWN_ROW_WARNINGS = new Set(['week_period_mismatch']);
const ownRow = (w: { code: string }) => OWN_ROW_WARNINGS.has(w.code);

export async function readConsistency(client: pg.ClientBase, impl: MigrationImplementation, opts: ConsistencyOptions = {}): Promise<Consistency> {
  const legacy = await readLegacyRows(client);
  const expected = expectedOutcomes(legacy, await readUserIds(client));
  const view = (await impl.observe.legacyView(client)) as CanonicalRow[];
  const quarantined = await impl.observe.quarantine(client);
  const direct = await directFindings(client, impl, legacy, expected, quarantined, {
    ignore: new Set([...DECIDED_BY_WRITES, ...(opts.templates ? [] : ['weeks.template_id'])]),
    extraAllowed: MAY_OUTLIVE_THEIR_WEEKS,
    ...(opts.templates ? { templates: opts.templates } : {}),
    warnings: ownRow,
  });
  return {
    diffs: roundTripDiffs(expected, view),
    problems: accountingProblems(expected, new Set(view.map((v) => v.id)), quarantined),
    drift: await impl.observe.drift(client),
    ...direct,
  };
}

export const isConsistent = (c: Consistency) =>
  c.diffs.length === 0 && c.problems.length === 0 && c.drift.length === 0 && c.newSchema.length === 0 && c.quarantine.length === 0 && c.warnings.length === 0;

export function describeInconsistency(c: Consistency): string {
  const first = (xs: unknown[]) => JSON.stringify(xs[0]);
  return [
    c.diffs.length ? `${c.diffs.length} round-trip difference(s) (first: legacy ${c.diffs[0]!.legacy_id} ${c.diffs[0]!.field})` : '',
    c.problems.length ? `${c.problems.length} accounting problem(s) (first: legacy ${c.problems[0]!.legacy_id} ${c.problems[0]!.problem})` : '',
    c.drift.length ? `${c.drift.length} drift row(s)` : '',
    c.newSchema.length ? `${c.newSchema.length} new-schema row difference(s) (first: ${first(c.newSchema)})` : '',
    c.quarantine.length ? `${c.quarantine.length} quarantine row problem(s) (first: ${first(c.quarantine)})` : '',
    c.warnings.length ? `${c.warnings.length} warning difference(s) (first: ${first(c.warnings)})` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
