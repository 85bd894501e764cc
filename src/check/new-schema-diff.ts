/**
 * The direct oracle's comparison: expected against actual new-schema rows, table by table, row by
 * natural key, column by column. Pure.
 */
import { jsonEqual } from './round-trip.ts';
import { COMPARED_COLUMNS, NATURAL_KEYS, NEW_SCHEMA_TABLES, OPTIONAL_COLUMNS, type NewSchemaRows, type NewSchemaTable } from './new-schema-rows.ts';

/** One difference: a row missing or extra, or one column of a row differing. */
export interface NewSchemaDiff {
  table: NewSchemaTable;
  /** The natural key, by column name. */
  key: Record<string, unknown>;
  /** The column, or `row` for a missing or extra row. */
  column: string;
  expected: unknown;
  actual: unknown;
}

export interface NewSchemaDiffOptions {
  /** `table.column` entries not compared: values the mapping rules do not decide at that point. */
  ignore?: ReadonlySet<string>;
  /** Tables that may hold rows beyond the expected ones (Phase 1 never deletes a child whose weeks are gone). */
  extraAllowed?: ReadonlySet<NewSchemaTable>;
}

export function newSchemaDiffs(expected: NewSchemaRows, actual: NewSchemaRows, opts: NewSchemaDiffOptions = {}): NewSchemaDiff[] {
  const ignore = opts.ignore ?? new Set<string>();
  const diffs: NewSchemaDiff[] = [];
  for (const table of NEW_SCHEMA_TABLES) {
    const named = (k: string) => Object.fromEntries(NATURAL_KEYS[table].map((c, i) => [c, (JSON.parse(k) as unknown[])[i]]));
    for (const [k, want] of expected[table]) {
      const got = actual[table].get(k);
      if (!got) {
        diffs.push({ table, key: named(k), column: 'row', expected: 'present', actual: 'missing' });
        continue;
      }
      for (const column of COMPARED_COLUMNS[table]) {
        if (ignore.has(`${table}.${column}`)) continue;
        const has = Object.hasOwn(got, column);
        if (!has && OPTIONAL_COLUMNS.has(`${table}.${column}`)) continue;
        if (!has || !jsonEqual(want[column] ?? null, got[column] ?? null)) {
          diffs.push({ table, key: named(k), column, expected: want[column] ?? null, actual: has ? got[column] : '(no such column)' });
        }
      }
    }
    if (opts.extraAllowed?.has(table)) continue;
    for (const k of actual[table].keys()) {
      if (!expected[table].has(k)) diffs.push({ table, key: named(k), column: 'row', expected: 'absent', actual: 'present' });
    }
  }
  return diffs;
}
