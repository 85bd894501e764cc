/**
 * `habit-verify check` on an implementation that cannot do a part of it: the plan as written, whose
 * Phase 0 script fails on real Postgres (25001). The result says which part failed, with the answer
 * and its SQLSTATE, and the check fails (exit 1) — it is the implementation's fault, not the harness's.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkDatabase, checkPassed } from '../../src/check/check-database.ts';
import { attachPostgres } from '../../src/db/attach-postgres.ts';
import { connect } from '../../src/db/connect.ts';
import { loadDataset } from '../../src/db/load-dataset.ts';
import type { StartedPostgres } from '../../src/db/types.ts';
import { sampleDataset } from '../../src/generate/sample.ts';
import { planV2 } from '../../src/plan-v2/implementation.ts';

describe('checkDatabase', () => {
  let server: StartedPostgres;
  let db: pg.Client;
  beforeAll(async () => {
    server = await attachPostgres(inject('pgAdminUri'));
    db = await connect((await server.createDatabase('check_database')).uri);
  });
  afterAll(async () => {
    await db?.end();
    await server?.close();
  });

  it("names the part the implementation failed (the plan's Phase 0, 25001) and fails the check, with the legacy rows counted", async () => {
    await loadDataset(db, sampleDataset({ seed: 3, rows: 6, mode: 'realistic' }));
    const r = await checkDatabase(db, planV2);
    expect(r.failure).toMatchObject({ what: "Phase 0's apply", step: 'shadow-schema', code: '25001' });
    expect(r.failure!.message).toMatch(/CREATE INDEX CONCURRENTLY cannot run inside a transaction block/);
    expect(r).toMatchObject({ legacyRows: 6, migratedRows: 0, constraintsValidated: false });
    expect(checkPassed(r)).toBe(false);
    // the parts that ran are timed, and only those
    expect(Object.keys(r.stageMs)).toEqual(['phase0']);
  });
});
