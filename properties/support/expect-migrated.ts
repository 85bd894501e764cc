/**
 * A property about how rows are migrated proves nothing when none was: each one that compares runs
 * with each other (idempotency, resumability, batch sizes…) first requires that every legacy row the
 * oracle (src/check/canonical.ts) migrates is in the implementation's legacy view, so an empty
 * backfill fails it instead of passing.
 */
import type pg from 'pg';
import type { Outcome } from '../../src/check/canonical.ts';
import type { MigrationImplementation } from '../../src/contract/implementation.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { readOutcomes } from './phase-0-case.ts';

/** The legacy ids the oracle migrates that the view lacks, in id order. */
export function notMigrated(expected: ReadonlyMap<number, Outcome>, view: ReadonlyArray<{ id: number }>): number[] {
  const seen = new Set(view.map((v) => v.id));
  return [...expected].filter(([id, o]) => o.kind === 'migrate' && !seen.has(id)).map(([id]) => id).sort((a, b) => a - b);
}

/** Fails (`when`: e.g. "after the backfill") unless every row the oracle migrates is migrated. */
export function expectMigrated(expected: ReadonlyMap<number, Outcome>, view: ReadonlyArray<{ id: number }>, when: string): void {
  const missing = notMigrated(expected, view);
  if (missing.length > 0) {
    const migrating = [...expected.values()].filter((o) => o.kind === 'migrate').length;
    throw new PropertyFailure(`${when}, ${missing.length} of the ${migrating} legacy row(s) the mapping rules migrate are not in the new schema (first: #${missing[0]})`, {
      notMigrated: missing.slice(0, 50),
    });
  }
}

/**
 * The same, read from the database now (the legacy rows as stored, and the implementation's view);
 * `upTo`: only the legacy rows up to that id (those there before the app started writing).
 */
export async function expectMigratedNow(client: pg.ClientBase, impl: MigrationImplementation, when: string, opts: { upTo?: number } = {}): Promise<void> {
  const { expected, view } = await readOutcomes(client, impl);
  const upTo = opts.upTo;
  expectMigrated(upTo === undefined ? expected : new Map([...expected].filter(([id]) => id <= upTo)), view, when);
}
