/**
 * The paged round trip and accounting (what `check` runs) against the whole-table oracles
 * (expectedOutcomes, roundTripDiffs, accountingProblems over every row at once): the same counts, the
 * same diffs and problems, with pages of 7 rows, so duplicates of a week fall on different pages. On
 * adversarial data, with our migration and with defects that make diffs and accounting problems;
 * the recorded warnings counted by range as they are counted whole.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectedOutcomes, type CanonicalRow } from '../../src/check/canonical.ts';
import { readLegacyRows, readUserIds } from '../../src/check/read-state.ts';
import { accountingProblems, roundTripDiffs } from '../../src/check/round-trip.ts';
import { roundTripPages } from '../../src/check/round-trip-pages.ts';
import type { MigrationImplementation } from '../../src/contract/implementation.ts';
import { attachPostgres } from '../../src/db/attach-postgres.ts';
import { connect } from '../../src/db/connect.ts';
import { loadDataset } from '../../src/db/load-dataset.ts';
import type { StartedPostgres } from '../../src/db/types.ts';
import { findDefect } from '../../src/defects/index.ts';
import { sampleDataset } from '../../src/generate/sample.ts';
import { ourMigration } from '../../src/migration/implementation.ts';

const sortKey = (x: { legacy_id: number }) => JSON.stringify(x);

describe('roundTripPages', () => {
  let server: StartedPostgres;
  beforeAll(async () => {
    server = await attachPostgres(inject('pgAdminUri'));
  });
  afterAll(async () => {
    await server?.close();
  });

  async function both(impl: MigrationImplementation, seed: number): Promise<{ found: number; reasons: Record<string, number>; warnings: Record<string, number> }> {
    const db = await server.createDatabase(`pages_${seed}`);
    const client: pg.Client = await connect(db.uri);
    try {
      await loadDataset(client, sampleDataset({ seed, rows: 150, mode: 'adversarial' }));
      await impl.phases['phase-0'].apply(client);
      await impl.backfill.run(client, { batchSize: 11 });
      const legacy = await readLegacyRows(client);
      const view = (await impl.observe.legacyView(client)) as CanonicalRow[];
      const quarantine = await impl.observe.quarantine(client);
      const expected = expectedOutcomes(legacy, await readUserIds(client));
      const diffs = roundTripDiffs(expected, view);
      const problems = accountingProblems(expected, new Set(view.map((v) => v.id)), quarantine);

      const paged = await roundTripPages(client, impl.observe, { pageRows: 7 });
      expect(paged).toMatchObject({ legacyRows: legacy.length, migratedRows: view.length, quarantinedRows: quarantine.length });
      expect(paged.roundTripMismatches).toBe(diffs.length);
      expect(paged.accountingProblems).toBe(problems.length);
      expect(paged.diffs.map(sortKey).sort()).toEqual(diffs.map(sortKey).sort());
      expect(paged.problems.map(sortKey).sort()).toEqual(problems.map(sortKey).sort());
      const reasons: Record<string, number> = {};
      for (const q of quarantine) reasons[q.reason] = (reasons[q.reason] ?? 0) + 1;
      expect(paged.quarantineReasons).toEqual(reasons);
      const warnings: Record<string, number> = {};
      for (const w of await impl.observe.warnings(client)) warnings[w.code] = (warnings[w.code] ?? 0) + 1;
      expect(paged.warnings).toEqual(warnings);
      // The temporary table is gone: a second run on the same connection works.
      expect((await roundTripPages(client, impl.observe, { pageRows: 1000, maxExamples: 2 })).diffs.length).toBe(Math.min(2, diffs.length));
      return { found: diffs.length + problems.length, reasons, warnings };
    } finally {
      await client.end();
      await db.drop();
    }
  }

  it('agrees with the whole-table oracles on our migration (duplicates across pages; nothing wrong)', async () => {
    const r = await both(ourMigration, 5);
    expect(r.found).toBe(0);
    expect(r.reasons.duplicate_week).toBeGreaterThan(0);
    expect(Object.keys(r.warnings).length).toBeGreaterThan(0);
  });

  it('counts nothing twice for an implementation that ignores the range (returns every row each time)', async () => {
    const o = ourMigration.observe;
    const ignoring = { ...ourMigration, observe: { ...o, legacyView: (db: pg.ClientBase) => o.legacyView(db), quarantine: (db: pg.ClientBase) => o.quarantine(db), warnings: (db: pg.ClientBase) => o.warnings(db) } };
    expect((await both(ignoring, 7)).found).toBe(0);
  });

  it.each(['dedupe-within-batch-only', 'records-only-for-present-times'])('agrees with them under the defect %s (problems and diffs found)', async (id) => {
    expect((await both(findDefect(id)!.apply(ourMigration), 8)).found).toBeGreaterThan(0);
  });
});
