/**
 * The direct oracle's findings after a backfill: the new tables against the rows the mapping rules give
 * (natural keys, column by column), accounting, every quarantine row's reason, detail and original
 * row, and the warnings. Shared by the properties that compare the new schema directly.
 */
import type { PropertyContext } from '../../src/runner/property.ts';
import { expectedWarnings } from '../../src/check/canonical.ts';
import { expectedNewSchemaRows } from '../../src/check/new-schema-rows.ts';
import { newSchemaDiffs } from '../../src/check/new-schema-diff.ts';
import { readNewSchemaRows } from '../../src/check/read-new-schema.ts';
import { quarantineProblems } from '../../src/check/quarantine-rows.ts';
import { accountingProblems, warningProblems } from '../../src/check/round-trip.ts';
import type { MigratedCase } from './phase-0-case.ts';

/** Every difference between the database and what the oracle expects of the case's legacy rows. */
export async function newSchemaProblems(ctx: PropertyContext, { legacy, expected, view, quarantine }: MigratedCase): Promise<unknown[]> {
  const { rows, unkeyed } = await readNewSchemaRows(ctx.client, ctx.impl);
  return [
    ...unkeyed,
    ...newSchemaDiffs(expectedNewSchemaRows(expected), rows),
    ...accountingProblems(expected, new Set(view.map((v) => v.id)), quarantine),
    ...quarantineProblems(legacy, expected, quarantine),
    ...warningProblems(expectedWarnings(legacy, expected), await ctx.impl.observe.warnings(ctx.client)),
  ];
}
