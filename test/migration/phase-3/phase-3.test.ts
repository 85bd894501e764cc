/**
 * Phase 3 as a pgroll operation on real Postgres: start → rollback → start → complete, with what each
 * hook must leave behind (afterStart / afterRename / afterRollback / afterComplete), on top of Phases 0–2.
 */
import type pg from 'pg';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachPostgres } from '../../../src/db/attach-postgres.ts';
import { connect } from '../../../src/db/connect.ts';
import { loadDataset } from '../../../src/db/load-dataset.ts';
import type { StartedPostgres } from '../../../src/db/types.ts';
import type { LegacyDataset } from '../../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../../src/generate/legacy-dataset.ts';
import { catalogDiff, catalogFingerprint, type CatalogFingerprint } from '../../../src/check/catalog-fingerprint.ts';
import { phase3 } from '../../../src/migration/phase-3/phase-3.ts';
import { ourMigration } from '../../../src/migration/implementation.ts';
import { readRetirement } from '../../../src/migration/phase-3/retirement-log.ts';
import { writePathOf } from '../../../src/migration/phase-3/write-path.ts';
import { applyPhases } from '../../../properties/support/apply-up-to.ts';
import { withClaims } from '../../../src/db/as-user.ts';

const count = async (c: pg.ClientBase, sql: string) => Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
const triggersOn = async (c: pg.ClientBase, table: string) =>
  (await c.query<{ tgname: string }>(`SELECT tgname FROM pg_trigger WHERE tgrelid = to_regclass($1) AND NOT tgisinternal ORDER BY 1`, [`public.${table}`])).rows.map((r) => r.tgname);
const pathNow = async (c: pg.ClientBase) => {
  await c.query('BEGIN');
  try {
    return await writePathOf(c);
  } finally {
    await c.query('COMMIT');
  }
};

describe('phase-3 unit (start → rollback → start → complete)', () => {
  let server: StartedPostgres;
  let client: pg.Client;
  let before: CatalogFingerprint;
  let firstWeek: number;

  beforeAll(async () => {
    server = await attachPostgres(inject('pgAdminUri'));
    client = await connect((await server.createDatabase('phase3_unit')).uri);
    const [dataset] = fc.sample(legacyDatasetArbitrary({ mode: 'realistic', minRows: 5, maxRows: 5 }), { seed: 3, numRuns: 1 }) as [LegacyDataset];
    await loadDataset(client, dataset);
    await applyPhases(client, ourMigration, 'phase-2');
    before = await catalogFingerprint(client);
    firstWeek = Number((await client.query<{ id: string }>('SELECT min(legacy_id)::text AS id FROM public.weeks')).rows[0]!.id);
  });
  afterAll(async () => {
    await client?.end();
    await server?.close();
  });

  it('validate refuses while a legacy row is neither migrated nor quarantined', async () => {
    await client.query(`ALTER TABLE public.habit_tracker DISABLE TRIGGER sync_habit_tracker_to_new`);
    try {
      await client.query(`INSERT INTO public.habit_tracker (user_id, child_name, week_start_date) SELECT id, 'late', DATE '2031-01-06' FROM auth.users LIMIT 1`);
      await expect(phase3.validate(client)).rejects.toThrow(/neither migrated nor quarantined/);
      await client.query(`DELETE FROM public.habit_tracker WHERE child_name = 'late'`);
    } finally {
      await client.query(`ALTER TABLE public.habit_tracker ENABLE TRIGGER sync_habit_tracker_to_new`);
    }
    await expect(phase3.validate(client)).resolves.toBeUndefined();
  });

  it('names every step, and every step has a down', () => {
    expect(phase3.steps.map((s) => s.name)).toEqual(['record-retirement', 'create-retirement-functions', 'switch-writes-to-new', 'rename-legacy']);
    expect(phase3.steps.every((s) => s.down)).toBe(true);
  });

  it('afterStart: writes go to the new schema, Phase 1 trigger saved and dropped, guard and reverse sync on', async () => {
    expect(await pathNow(client)).toBe('legacy');
    const results = await phase3.apply(client);
    expect(results.map((r) => r.name)).toEqual(['record-retirement', 'create-retirement-functions', 'switch-writes-to-new']);
    expect(await pathNow(client)).toBe('new');
    expect(await triggersOn(client, 'habit_tracker')).toEqual(['hv_p3_legacy_no_truncate', 'hv_p3_legacy_read_only']);
    const r = (await readRetirement(client))!;
    expect(r.savedTriggers.map((t) => t.name)).toEqual(['sync_habit_tracker_to_new']);
    expect(r.readOnlySince).not.toBeNull();
    await expect(client.query(`UPDATE public.habit_tracker SET theme = 'x'`)).rejects.toMatchObject({ code: '25006' });
    await client.query(`UPDATE public.weeks SET theme = 'written in phase 3' WHERE legacy_id = $1`, [firstWeek]);
    expect((await client.query('SELECT theme FROM public.habit_tracker WHERE id = $1', [firstWeek])).rows[0].theme).toBe('written in phase 3');
  });

  it('a signed-in parent (authenticated, under Phase 2 RLS) writes the new schema, and the legacy row follows', async () => {
    const { rows } = await client.query<{ user_id: string }>('SELECT user_id::text FROM public.weeks WHERE legacy_id = $1', [firstWeek]);
    const claims = { sub: rows[0]!.user_id, role: 'authenticated' };
    await withClaims(client, claims, 'authenticated', async (c) => {
      expect(await writePathOf(c)).toBe('new');
      const u = await c.query(`UPDATE public.weeks SET theme = 'by the parent' WHERE legacy_id = $1`, [firstWeek]);
      expect(u.rowCount).toBe(1);
    });
    expect((await client.query('SELECT theme FROM public.habit_tracker WHERE id = $1', [firstWeek])).rows[0].theme).toBe('by the parent');
    // the legacy table refuses the parent with the read-only error, not a permission error
    await expect(withClaims(client, claims, 'authenticated', (c) => c.query(`UPDATE public.habit_tracker SET theme = 'x' WHERE id = $1`, [firstWeek])))
      .rejects.toMatchObject({ code: '25006' });
    // and the definer functions are not exposed as RPC
    await expect(withClaims(client, claims, 'authenticated', (c) => c.query('SELECT public.hv_p3_sync_legacy(ARRAY[1::bigint])')))
      .rejects.toMatchObject({ code: '42501' });
  });

  it('apply is idempotent (saved triggers are not overwritten by a rerun)', async () => {
    await phase3.apply(client);
    expect((await readRetirement(client))!.savedTriggers.map((t) => t.name)).toEqual(['sync_habit_tracker_to_new']);
  });

  it('afterRename: habit_tracker_old, still read-only, still followed by the reverse sync', async () => {
    await phase3.rename(client);
    expect(await count(client, `SELECT count(*) AS n FROM pg_class WHERE relname = 'habit_tracker' AND relnamespace = 'public'::regnamespace`)).toBe(0);
    await expect(client.query(`DELETE FROM public.habit_tracker_old`)).rejects.toMatchObject({ code: '25006' });
    await client.query(`UPDATE public.weeks SET theme = 'after the rename' WHERE legacy_id = $1`, [firstWeek]);
    expect((await client.query('SELECT theme FROM public.habit_tracker_old WHERE id = $1', [firstWeek])).rows[0].theme).toBe('after the rename');
  });

  it('complete refuses before the grace period, with SQLSTATE 55000', async () => {
    await expect(phase3.complete(client)).rejects.toMatchObject({ code: '55000' });
    await expect(phase3.complete(client, { graceDays: 0 })).resolves.toBeDefined();
    // graceDays 0 completed it: start over on a fresh database for the rest
  });

  it('afterComplete: the legacy table and the retirement machinery are gone (the write-path flag stays); rollback refuses', async () => {
    expect(await count(client, `SELECT count(*) AS n FROM pg_class WHERE relname LIKE 'habit\\_tracker%' AND relkind = 'r'`)).toBe(0);
    // only the app's write-path flag stays (with the log): apps keep reading `new`
    expect((await client.query(`SELECT proname FROM pg_proc WHERE proname LIKE 'hv\\_p3\\_%'`)).rows.map((r) => r.proname)).toEqual(['hv_p3_write_path']);
    expect(await pathNow(client)).toBe('new');
    expect(await count(client, `SELECT count(*) AS n FROM pg_trigger WHERE tgname LIKE 'hv\\_p3\\_%'`)).toBe(0);
    await expect(phase3.rollback(client)).rejects.toThrow(/cannot roll back/);
    expect((await readRetirement(client))!.droppedAt).not.toBeNull();
  });
});

describe('phase-3 unit: rollback before the drop', () => {
  let server: StartedPostgres;
  let client: pg.Client;

  beforeAll(async () => {
    server = await attachPostgres(inject('pgAdminUri'));
    client = await connect((await server.createDatabase('phase3_rollback')).uri);
    const [dataset] = fc.sample(legacyDatasetArbitrary({ mode: 'realistic', minRows: 4, maxRows: 4 }), { seed: 5, numRuns: 1 }) as [LegacyDataset];
    await loadDataset(client, dataset);
    await applyPhases(client, ourMigration, 'phase-2');
  });
  afterAll(async () => {
    await client?.end();
    await server?.close();
  });

  it('start → rename → rollback → start → complete: catalog back as before, then dropped', async () => {
    const before = await catalogFingerprint(client);
    await phase3.apply(client);
    await phase3.rename(client);
    const down = await phase3.rollback(client);
    expect(down.steps.map((r) => r.name)).toEqual(['rename-legacy', 'switch-writes-to-new', 'create-retirement-functions', 'record-retirement']);
    expect(catalogDiff(before, await catalogFingerprint(client))).toEqual([]);
    expect(await triggersOn(client, 'habit_tracker')).toEqual(['sync_habit_tracker_to_new']);
    expect(await pathNow(client)).toBe('legacy');
    await phase3.rollback(client); // idempotent: a second rollback changes nothing
    expect(catalogDiff(before, await catalogFingerprint(client))).toEqual([]);
    await phase3.apply(client);
    await client.query(`UPDATE public.migration_retirement SET read_only_since = now() - interval '14 days'`);
    const done = await phase3.complete(client);
    expect(done.map((r) => r.name)).toEqual(['rename-legacy', 'drop-legacy', 'analyze-new-tables']);
  });
});
