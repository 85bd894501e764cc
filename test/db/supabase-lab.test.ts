import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachPostgres } from '../../src/db/attach-postgres.ts';
import { withClaims } from '../../src/db/as-user.ts';
import { connect } from '../../src/db/connect.ts';
import { MIGRATION_ROLE } from '../../src/db/supabase-grants.ts';
import type { StartedPostgres, TestDatabase } from '../../src/db/types.ts';

/** The lab is as strict as a hosted Supabase project: what the migration's role may and may not do. */
describe('the Supabase lab', () => {
  let explicit: StartedPostgres;
  let auto: StartedPostgres;
  let dbExplicit: TestDatabase;
  let dbAuto: TestDatabase;
  beforeAll(async () => {
    explicit = await attachPostgres(inject('pgAdminUri'));
    auto = await attachPostgres(inject('pgAdminUri'), 'url', { supabaseGrants: 'auto' });
    [dbExplicit, dbAuto] = await Promise.all([explicit.createDatabase('lab_explicit'), auto.createDatabase('lab_auto')]);
  });
  afterAll(async () => {
    await explicit?.close();
    await auto?.close();
  });

  it('the migration connects as the hosted postgres role: owner of the database, not a superuser', async () => {
    const c = await connect(dbExplicit.uri);
    try {
      const { rows } = await c.query(
        `SELECT current_user AS who, r.rolsuper, r.rolcreaterole, r.rolbypassrls,
                (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) AS owner,
                pg_has_role(current_user, 'service_role', 'USAGE') AS holds_service_role
           FROM pg_roles r WHERE r.rolname = current_user`,
      );
      expect(rows[0]).toEqual({ who: MIGRATION_ROLE, rolsuper: false, rolcreaterole: true, rolbypassrls: true, owner: MIGRATION_ROLE, holds_service_role: true });
      await expect(c.query('ALTER SYSTEM SET work_mem = 1')).rejects.toMatchObject({ code: '42501' });
      await expect(c.query('CREATE EXTENSION IF NOT EXISTS file_fdw')).rejects.toMatchObject({ code: '42501' });
      await c.query('SET session_replication_role = replica'); // supautils allows it on hosted projects
      await c.query('RESET session_replication_role');
    } finally {
      await c.end();
    }
  });

  it('explicit: a new public table is closed to the API roles but for TRUNCATE/REFERENCES/TRIGGER; a new function is executable by anyone', async () => {
    const c = await connect(dbExplicit.uri);
    try {
      await c.query('CREATE TABLE lab_t (x int); CREATE FUNCTION lab_f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$');
      const { rows } = await c.query(
        `SELECT has_table_privilege('anon', 'lab_t', 'SELECT') AS sel, has_table_privilege('authenticated', 'lab_t', 'INSERT') AS ins,
                has_table_privilege('anon', 'lab_t', 'TRUNCATE') AS trunc, has_function_privilege('anon', 'lab_f()', 'EXECUTE') AS exec`,
      );
      expect(rows[0]).toEqual({ sel: false, ins: false, trunc: true, exec: true });
    } finally {
      await c.end();
    }
  });

  it('auto: a new public table is open to the API roles (the regime of older projects)', async () => {
    const c = await connect(dbAuto.uri);
    try {
      await c.query('CREATE TABLE lab_t (x int)');
      const { rows } = await c.query("SELECT has_table_privilege('anon', 'lab_t', 'SELECT') AS sel, has_table_privilege('authenticated', 'lab_t', 'DELETE') AS del");
      expect(rows[0]).toEqual({ sel: true, del: true });
    } finally {
      await c.end();
    }
  });

  it('the legacy table keeps the grants and RLS policy it had, in both regimes', async () => {
    for (const db of [dbExplicit, dbAuto]) {
      const c = await connect(db.uri);
      try {
        const { rows } = await c.query(
          `SELECT relrowsecurity AS rls, has_table_privilege('authenticated', 'habit_tracker', 'UPDATE') AS upd,
                  (SELECT count(*)::int FROM pg_policies WHERE tablename = 'habit_tracker') > 0 AS policy
             FROM pg_class WHERE oid = 'public.habit_tracker'::regclass`,
        );
        expect(rows[0]).toEqual({ rls: true, upd: true, policy: true });
      } finally {
        await c.end();
      }
    }
  });

  it('withClaims applies the role’s own settings as PostgREST does (anon 3 s, authenticated 8 s)', async () => {
    const c = await connect(dbExplicit.uri);
    try {
      const timeout = (role: 'anon' | 'authenticated') =>
        withClaims(c, null, role, async (t) => (await t.query<{ s: string }>("SELECT current_setting('statement_timeout') AS s")).rows[0]!.s);
      expect(await timeout('anon')).toBe('3s');
      expect(await timeout('authenticated')).toBe('8s');
      expect((await c.query<{ s: string }>("SELECT current_setting('statement_timeout') AS s")).rows[0]!.s).toBe('0'); // transaction-local
    } finally {
      await c.end();
    }
  });
});
