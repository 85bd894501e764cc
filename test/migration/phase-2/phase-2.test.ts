/**
 * Phase 2 as a pgroll operation: start → rollback → start → complete on real Postgres, with what each
 * hook must leave behind (afterStart / afterRollback / afterComplete).
 */
import type pg from 'pg';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachPostgres } from '../../../src/db/attach-postgres.ts';
import { connect } from '../../../src/db/connect.ts';
import { withClaims } from '../../../src/db/as-user.ts';
import { loadDataset } from '../../../src/db/load-dataset.ts';
import type { StartedPostgres } from '../../../src/db/types.ts';
import { phase0 } from '../../../src/migration/phase-0/phase-0.ts';
import { runBackfill } from '../../../src/migration/phase-0/backfill.ts';
import { legacyDatasetArbitrary } from '../../../src/generate/legacy-dataset.ts';
import { phase2, phase2Status, RLS_TABLES, PHASE0_NOT_VALID_CONSTRAINTS, ourReadPath, ALL_LEGACY, readWeekLegacy } from '../../../src/migration/phase-2/index.ts';
import type { LegacyDataset } from '../../../src/generate/dataset.ts';

const ACL_SQL = `SELECT c.relname, coalesce(c.relacl::text, 'null') AS acl FROM pg_class c
                  WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v') ORDER BY 1`;

/** ACL text with its items sorted (GRANT order changes the text, not the meaning). */
const sortAcl = (r: { relname: string; acl: string }) => ({ relname: r.relname, acl: r.acl.replace(/^\{|\}$/g, '').split(',').sort().join(',') });

describe('phase-2 unit (start → rollback → start → complete)', () => {
  let server: StartedPostgres;
  let client: pg.Client;
  let dataset: LegacyDataset;
  let aclBefore: Array<{ relname: string; acl: string }>;

  beforeAll(async () => {
    server = await attachPostgres(inject('pgAdminUri'));
    client = await connect((await server.createDatabase('phase2_unit')).uri);
    await phase0.apply(client);
    [dataset] = fc.sample(legacyDatasetArbitrary({ mode: 'realistic', minRows: 6, maxRows: 6 }), { seed: 7, numRuns: 1 }) as [LegacyDataset];
    await loadDataset(client, dataset);
    await runBackfill(client);
    aclBefore = (await client.query<{ relname: string; acl: string }>(ACL_SQL)).rows;
  });
  afterAll(async () => {
    await client?.end();
    await server?.close();
  });

  it('validate refuses a database without Phase 0', async () => {
    const bare = await connect((await server.createDatabase('phase2_bare')).uri);
    try {
      await expect(phase2.validate(bare)).rejects.toThrow(/table public\.children.*missing; apply Phase 0/);
    } finally {
      await bare.end();
    }
  });

  it('before: constraints NOT VALID, RLS off, status lists all of it', async () => {
    const s = await phase2Status(client);
    expect(s.notValidated).toHaveLength(PHASE0_NOT_VALID_CONSTRAINTS.length);
    expect(s.rlsOff).toEqual([...RLS_TABLES].sort());
    await expect(phase2.complete(client)).rejects.toThrow(/not complete/);
  });

  it('afterStart: everything validated, RLS on with a policy per table, view security_invoker, anon revoked', async () => {
    await phase2.apply(client);
    const s = await phase2Status(client);
    expect(s).toEqual({ notValidated: [], rlsOff: [], withoutPolicy: [], mismatches: 0 });
    const { rows } = await client.query(`SELECT reloptions FROM pg_class WHERE oid = 'public.habit_tracker_from_new'::regclass`);
    expect(rows[0].reloptions).toEqual(['security_invoker=true']);
    const grants = await client.query(
      `SELECT table_name, privilege_type FROM information_schema.role_table_grants
        WHERE grantee = 'anon' AND table_schema = 'public' AND table_name <> 'habit_tracker' ORDER BY 1, 2`,
    );
    expect(grants.rows).toEqual([]);
    const truncate = await client.query(
      `SELECT table_name FROM information_schema.role_table_grants WHERE grantee = 'authenticated' AND privilege_type = 'TRUNCATE'
          AND table_schema = 'public' AND table_name = ANY ($1)`,
      [[...RLS_TABLES]],
    );
    expect(truncate.rows).toEqual([]);
  });

  it('apply is idempotent', async () => {
    await phase2.apply(client);
    expect(await phase2Status(client)).toEqual({ notValidated: [], rlsOff: [], withoutPolicy: [], mismatches: 0 });
  });

  it('auth.uid() is an InitPlan in the policies (evaluated once per statement, not per row)', async () => {
    const user = dataset.users[0]!.id;
    const plan = await withClaims(client, { sub: user, role: 'authenticated' }, 'authenticated', async (c) => {
      const { rows } = await c.query<{ 'QUERY PLAN': string }>('EXPLAIN SELECT * FROM public.habit_records');
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/InitPlan/);
    // parent lookups are hashed subplans (one per statement), never correlated per-row subplans
    expect(plan).toMatch(/hashed SubPlan/);
    expect(plan).not.toMatch(/(?<!hashed )SubPlan \d+\)/);
  });

  it('afterRollback: no policy, RLS off, ACLs exactly as before, constraints still validated, mismatch log kept', async () => {
    await phase2.rollback(client);
    const s = await phase2Status(client);
    expect(s.rlsOff).toEqual([...RLS_TABLES].sort());
    expect(s.withoutPolicy).toEqual([...RLS_TABLES].sort());
    expect(s.notValidated).toEqual([]);
    const acl = (await client.query<{ relname: string; acl: string }>(ACL_SQL)).rows.filter((r) => r.relname !== 'read_mismatches');
    expect(acl.map(sortAcl)).toEqual(aclBefore.map(sortAcl));
    const { rows } = await client.query(`SELECT reloptions FROM pg_class WHERE oid = 'public.habit_tracker_from_new'::regclass`);
    // security_invoker since Phase 0 created the view: the rollback leaves it as Phase 2 found it
    expect(rows[0].reloptions).toEqual(['security_invoker=true']);
    expect((await client.query(`SELECT to_regclass('public.read_mismatches') AS t`)).rows[0].t).toBe('read_mismatches');
  });

  it('flag off (ALL_LEGACY): every read served from legacy, whatever the percentage', async () => {
    const user = dataset.users[0]!.id;
    const row = dataset.rows.find((r) => r.user_id === user)!;
    for (const pct of [0, 50, 100]) {
      const served = await ourReadPath().week(client, { legacyId: row.id }, { userId: user, flags: { ...ALL_LEGACY, newSchemaPercentage: pct } });
      expect(served.source).toBe('legacy');
      expect(served.value).toEqual(await readWeekLegacy(client, { legacyId: row.id }));
      expect((await ourReadPath().list(client, { userId: user, flags: { ...ALL_LEGACY, newSchemaPercentage: pct } })).source).toBe('legacy');
    }
  });

  it('afterComplete: start again, then complete passes', async () => {
    await phase2.apply(client);
    await expect(phase2.complete(client)).resolves.toEqual([]);
  });

  it('complete refuses while compare mode has recorded mismatches', async () => {
    await client.query(`SELECT public.hv_record_read_mismatch('read_week', '{}', 'value', 'null', 'null', NULL)`);
    await expect(phase2.complete(client)).rejects.toThrow(/1 read mismatch/);
    await client.query('TRUNCATE public.read_mismatches');
  });
});
