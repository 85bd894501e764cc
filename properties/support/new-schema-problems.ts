/**
 * The direct oracle's findings: the new tables against the rows the mapping rules give (natural keys,
 * column by column), every quarantine row's reason, detail and original row, and the warnings. Shared
 * by the properties that compare the new schema directly (after a backfill, and in Phase 1's
 * consistency checks, which loosen what Phase 1's writes decide).
 */
import type pg from 'pg';
import type { PropertyContext } from '../../src/runner/property.ts';
import type { MigrationImplementation } from '../../src/contract/implementation.ts';
import type { LegacyRow } from '../../src/contract/legacy-row.ts';
import type { QuarantineRow, RecordedWarning } from '../../src/contract/observation.ts';
import { expectedWarnings, type Outcome } from '../../src/check/canonical.ts';
import { expectedNewSchemaRows } from '../../src/check/new-schema-rows.ts';
import { newSchemaDiffs, type NewSchemaDiff, type NewSchemaDiffOptions } from '../../src/check/new-schema-diff.ts';
import { readNewSchemaRows, type UnkeyedRow } from '../../src/check/read-new-schema.ts';
import { quarantineProblems, type QuarantineProblem } from '../../src/check/quarantine-rows.ts';
import { accountingProblems, warningProblems, type WarningProblem } from '../../src/check/round-trip.ts';
import type { MigratedCase } from './phase-0-case.ts';

export interface DirectFindings {
  newSchema: Array<NewSchemaDiff | UnkeyedRow>;
  quarantine: QuarantineProblem[];
  warnings: WarningProblem[];
}

export interface DirectOptions extends NewSchemaDiffOptions {
  /** The template each week was made from, by legacy id (otherwise every week has none). */
  templates?: ReadonlyMap<number, string>;
  /** Only the warnings this keeps are compared, on both sides (default: all). */
  warnings?: (w: RecordedWarning) => boolean;
}

export async function directFindings(
  client: pg.ClientBase,
  impl: MigrationImplementation,
  legacy: readonly LegacyRow[],
  expected: ReadonlyMap<number, Outcome>,
  quarantine: readonly QuarantineRow[],
  opts: DirectOptions = {},
): Promise<DirectFindings> {
  const { rows, unkeyed } = await readNewSchemaRows(client, impl);
  const keep = opts.warnings ?? (() => true);
  return {
    newSchema: [...unkeyed, ...newSchemaDiffs(expectedNewSchemaRows(expected, opts.templates), rows, opts)],
    quarantine: quarantineProblems(legacy, expected, quarantine),
    warnings: warningProblems(expectedWarnings(legacy, expected).filter(keep), (await impl.observe.warnings(client)).filter(keep)),
  };
}

/** Every difference between the database and what the oracle expects of the case's legacy rows. */
export async function newSchemaProblems(ctx: PropertyContext, { legacy, expected, view, quarantine }: MigratedCase): Promise<unknown[]> {
  const found = await directFindings(ctx.client, ctx.impl, legacy, expected, quarantine);
  return [
    ...found.newSchema,
    ...accountingProblems(expected, new Set(view.map((v) => v.id)), quarantine),
    ...found.quarantine,
    ...found.warnings,
  ];
}
