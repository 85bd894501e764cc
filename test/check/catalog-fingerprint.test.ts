import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachPostgres } from '../../src/db/attach-postgres.ts';
import { connect } from '../../src/db/connect.ts';
import type { StartedPostgres } from '../../src/db/types.ts';
import { catalogDiff, catalogFingerprint } from '../../src/check/catalog-fingerprint.ts';

describe('catalog fingerprint', () => {
  let server: StartedPostgres;
  let c: pg.Client;

  beforeAll(async () => {
    server = await attachPostgres(inject('pgAdminUri'));
    c = await connect((await server.createDatabase('catalog_fp')).uri);
  });
  afterAll(async () => {
    await c?.end();
    await server?.close();
  });

  it('is stable, and sees each kind of leftover as one added or removed line', async () => {
    const base = await catalogFingerprint(c);
    expect(catalogDiff(base, await catalogFingerprint(c))).toEqual([]);
    expect(base.relations.some((l) => l.startsWith('habit_tracker r persistence=p'))).toBe(true);

    await c.query(`ALTER TABLE public.habit_tracker SET UNLOGGED`);
    await c.query(`CREATE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`);
    await c.query(`CREATE TRIGGER t BEFORE UPDATE ON public.habit_tracker FOR EACH ROW EXECUTE FUNCTION public.f()`);
    await c.query(`CREATE INDEX i ON public.habit_tracker (child_name)`);
    await c.query(`CREATE VIEW public.v AS SELECT id FROM public.habit_tracker`);
    await c.query(`ALTER TABLE public.habit_tracker FORCE ROW LEVEL SECURITY`); // RLS itself is on already (src/migration/legacy/schema.sql)
    await c.query(`CREATE POLICY p ON public.habit_tracker USING (true)`);
    const d = catalogDiff(base, await catalogFingerprint(c));
    expect(d.map((x) => x.kind).sort()).toEqual(['columns', 'functions', 'indexes', 'policies', 'relations', 'triggers', 'views']);
    expect(d.find((x) => x.kind === 'relations')!.added.some((l) => l.includes('persistence=u'))).toBe(true);

    await c.query(`DROP POLICY p ON public.habit_tracker; ALTER TABLE public.habit_tracker NO FORCE ROW LEVEL SECURITY;
                   DROP VIEW public.v; DROP INDEX public.i; DROP TRIGGER t ON public.habit_tracker; DROP FUNCTION public.f();
                   ALTER TABLE public.habit_tracker SET LOGGED`);
    expect(catalogDiff(base, await catalogFingerprint(c))).toEqual([]);
  });

  it('ignores the harness hooks (hv_test_…) and the order of privileges', async () => {
    const base = await catalogFingerprint(c);
    await c.query(`CREATE FUNCTION public.hv_test_hook() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`);
    await c.query(`CREATE TRIGGER hv_test_hook AFTER INSERT ON public.habit_tracker FOR EACH STATEMENT EXECUTE FUNCTION public.hv_test_hook()`);
    await c.query(`REVOKE ALL ON public.habit_tracker FROM anon; GRANT ALL ON public.habit_tracker TO anon`);
    expect(catalogDiff(base, await catalogFingerprint(c))).toEqual([]);
    await c.query(`DROP TRIGGER hv_test_hook ON public.habit_tracker; DROP FUNCTION public.hv_test_hook()`);
  });
});
