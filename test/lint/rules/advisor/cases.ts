/**
 * Firing and quiet cases of the Supabase-advisor rules, in the shape of test/lint/rules.test.ts's
 * table (which runs them and checks every registered rule has both).
 */
import { functionSearchPathMutable } from '../../../../src/lint/rules/advisor/function-search-path-mutable.ts';
import { invokerFunctionExecutable } from '../../../../src/lint/rules/advisor/invoker-function-executable.ts';
import { materializedViewInApi } from '../../../../src/lint/rules/advisor/materialized-view-in-api.ts';
import { rlsDisabledInPublic } from '../../../../src/lint/rules/advisor/rls-disabled-in-public.ts';
import { rlsPolicyAlwaysTrue } from '../../../../src/lint/rules/advisor/rls-policy-always-true.ts';
import { securityDefinerFunctionExecutable } from '../../../../src/lint/rules/advisor/security-definer-function-executable.ts';
import { securityDefinerView } from '../../../../src/lint/rules/advisor/security-definer-view.ts';
import type { Rule } from '../../../../src/lint/rules/rule.ts';

export interface RuleCase {
  rule: Rule;
  name: string;
  sql: string;
  /** Lines the rule must report; [] = must stay quiet. */
  lines: number[];
}

const definer = (name = 'public.f', extra = "SET search_path = ''"): string =>
  `CREATE OR REPLACE FUNCTION ${name}(p_id uuid, p_n integer DEFAULT 1) RETURNS integer\n` +
  `LANGUAGE plpgsql SECURITY DEFINER ${extra} AS $$\nBEGIN\n  RETURN p_n;\nEND;\n$$;\n`;
const invoker = (name = 'public.f'): string =>
  `CREATE FUNCTION ${name}(p_id uuid) RETURNS integer LANGUAGE sql STABLE AS $$ SELECT 1 $$;\n`;
const closed = 'REVOKE EXECUTE ON FUNCTION public.f(uuid, integer) FROM PUBLIC, anon, authenticated;\n';

const rls = rlsDisabledInPublic;
const view = securityDefinerView;
const path = functionSearchPathMutable;
const exec = securityDefinerFunctionExecutable;

export const ADVISOR_CASES: RuleCase[] = [
  { rule: rls, name: 'unqualified table, no RLS, no REVOKE', sql: 'SELECT 1;\nCREATE TABLE children (id uuid PRIMARY KEY);', lines: [2] },
  { rule: rls, name: 'quoted public name, IF NOT EXISTS', sql: 'CREATE TABLE IF NOT EXISTS\n  public."Weeks" (id int);', lines: [2] },
  { rule: rls, name: 'revoked from anon only', sql: 'CREATE TABLE t (id int);\nREVOKE ALL ON t FROM anon;', lines: [1] },
  { rule: rls, name: 'SELECT revoked, writes still granted', sql: 'CREATE TABLE t (id int);\nREVOKE SELECT ON TABLE t FROM anon, authenticated;', lines: [1] },
  { rule: rls, name: 'REVOKE FROM PUBLIC leaves the API roles their own grants', sql: 'CREATE TABLE t (id int);\nREVOKE ALL ON t FROM PUBLIC;', lines: [1] },
  {
    rule: rls,
    name: 'revoked, then granted back (column grant included)',
    sql: 'CREATE TABLE t (id int, a int);\nREVOKE ALL ON t FROM anon, authenticated;\nGRANT UPDATE (a) ON t TO authenticated;',
    lines: [1],
  },
  { rule: rls, name: 'enabled, then disabled', sql: 'CREATE TABLE t (id int);\nALTER TABLE t ENABLE ROW LEVEL SECURITY;\nALTER TABLE t DISABLE ROW LEVEL SECURITY;', lines: [1] },
  { rule: rls, name: 'created in a DO block', sql: 'DO $$\nBEGIN\n  CREATE TABLE t (id int);\nEND\n$$;', lines: [3] },
  { rule: rls, name: 'RLS enabled in the same unit', sql: 'CREATE TABLE public.t (id int);\nALTER TABLE IF EXISTS ONLY public.t ENABLE ROW LEVEL SECURITY;', lines: [] },
  { rule: rls, name: 'RLS enabled among other actions', sql: 'CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN b int, ENABLE ROW LEVEL SECURITY;', lines: [] },
  { rule: rls, name: 'closed to both API roles', sql: 'CREATE TABLE t (id int);\nREVOKE ALL PRIVILEGES ON TABLE public.t FROM anon, authenticated;', lines: [] },
  {
    rule: rls,
    name: 'closed role by role, with a privilege list',
    sql: 'CREATE TABLE t (id int);\nREVOKE SELECT, INSERT, UPDATE, DELETE ON t FROM anon;\nREVOKE ALL ON t FROM "authenticated" CASCADE;\nGRANT TRUNCATE ON t TO authenticated;',
    lines: [],
  },
  { rule: rls, name: 'ALL TABLES IN SCHEMA public', sql: 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\nREVOKE ALL ON ALL TABLES IN SCHEMA public FROM anon, authenticated;', lines: [] },
  {
    rule: rls,
    name: 'RLS enabled inside IF … THEN of a DO block',
    sql: "CREATE TABLE t (id int);\nDO $$\nBEGIN\n  IF current_setting('x', true) IS NULL THEN ALTER TABLE t ENABLE ROW LEVEL SECURITY;\n  END IF;\nEND\n$$;",
    lines: [],
  },
  {
    rule: rls,
    name: 'not exposed: another schema, temporary, search_path set elsewhere',
    sql: 'CREATE TABLE private.t (id int);\nCREATE TEMP TABLE s (id int);\nSET search_path = migration, public;\nCREATE TABLE u (id int);',
    lines: [],
  },
  { rule: rls, name: 'dropped in the same unit', sql: 'CREATE TABLE scratch (id int);\nDROP TABLE IF EXISTS public.scratch;', lines: [] },
  {
    rule: rls,
    name: 'only in a comment, a string, or a function body (runs when called, not now)',
    sql: "-- CREATE TABLE t (id int);\nSELECT 'CREATE TABLE t (id int)';\nCREATE FUNCTION private.mk() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  CREATE TABLE t (id int);\nEND\n$$;",
    lines: [],
  },

  { rule: view, name: 'plain view', sql: 'CREATE VIEW v AS SELECT * FROM weeks;', lines: [1] },
  { rule: view, name: 'other options only', sql: 'SELECT 1;\nCREATE OR REPLACE VIEW public.v (a) WITH (security_barrier) AS SELECT 1;', lines: [2] },
  { rule: view, name: 'security_invoker = false', sql: 'CREATE VIEW v WITH (security_invoker = false) AS SELECT 1;', lines: [1] },
  { rule: view, name: 'set, then RESET', sql: 'CREATE VIEW v WITH (security_invoker) AS SELECT 1;\nALTER VIEW v RESET (security_invoker);', lines: [1] },
  {
    rule: view,
    name: 'security_invoker: true, on, bare, quoted',
    sql: "CREATE VIEW a WITH (security_invoker = true) AS SELECT 1;\nCREATE VIEW b WITH (security_barrier, security_invoker=on) AS SELECT 1;\nCREATE VIEW c WITH (security_invoker) AS SELECT 1;\nCREATE VIEW d WITH (security_invoker = 'yes') AS SELECT 1;",
    lines: [],
  },
  { rule: view, name: 'ALTER VIEW … SET (security_invoker) in the same unit', sql: 'CREATE VIEW v AS SELECT 1;\nALTER VIEW IF EXISTS public.v SET (security_invoker = on);', lines: [] },
  { rule: view, name: 'closed to the API roles', sql: 'CREATE VIEW v AS SELECT 1;\nREVOKE ALL ON v FROM anon, authenticated;', lines: [] },
  { rule: view, name: 'temporary or in another schema', sql: 'CREATE TEMP VIEW v AS SELECT 1;\nCREATE VIEW private.w AS SELECT 1;', lines: [] },

  { rule: path, name: 'definer without SET search_path', sql: definer('public.f', ''), lines: [1] },
  { rule: path, name: 'SET search_path inside the body does not pin the function', sql: definer('f', '').replace('RETURN p_n;', "SET search_path = '';\n  RETURN p_n;"), lines: [1] },
  { rule: path, name: 'in a schema the API does not expose too (triggers run it)', sql: definer('private.f', ''), lines: [1] },
  { rule: path, name: "SET search_path = ''", sql: definer(), lines: [] },
  { rule: path, name: 'a fixed list, FROM CURRENT', sql: definer('a', 'SET search_path = pg_catalog, public, pg_temp') + definer('b', 'SET search_path FROM CURRENT'), lines: [] },
  { rule: path, name: 'pinned by ALTER FUNCTION in the same unit', sql: definer('f', '') + "ALTER FUNCTION f(uuid, integer) SET search_path = '';", lines: [] },
  { rule: path, name: 'invoker functions are out of scope', sql: invoker(), lines: [] },

  { rule: exec, name: 'pinned definer without REVOKE', sql: definer(), lines: [1] },
  { rule: exec, name: 'revoked from PUBLIC only: the API roles keep their own grant', sql: definer() + 'REVOKE EXECUTE ON FUNCTION public.f(uuid, integer) FROM PUBLIC;', lines: [1] },
  {
    rule: exec,
    name: 'granted to authenticated on purpose is still 0029',
    sql: definer() + 'REVOKE EXECUTE ON FUNCTION public.f(uuid, integer) FROM PUBLIC, anon;\nGRANT EXECUTE ON FUNCTION public.f(uuid, integer) TO authenticated, service_role;',
    lines: [1],
  },
  {
    rule: exec,
    name: 'a REVOKE in dynamic SQL is invisible to a static lint',
    sql: definer() + "DO $$ BEGIN EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC, anon, authenticated', 'public.f(uuid, integer)'); END $$;",
    lines: [1],
  },
  {
    rule: exec,
    name: 'attributes written after a $tag$ body',
    sql: "CREATE FUNCTION public.f() RETURNS int AS $body$\n  SELECT 1 -- SECURITY INVOKER\n$body$ LANGUAGE sql SECURITY DEFINER SET search_path = '';",
    lines: [1],
  },
  { rule: exec, name: 'made SECURITY INVOKER by ALTER FUNCTION in the same unit', sql: definer() + 'ALTER FUNCTION public.f(uuid, integer) SECURITY INVOKER;', lines: [] },
  { rule: exec, name: 'revoked from PUBLIC, anon, authenticated; granted to service_role', sql: definer() + closed + 'GRANT EXECUTE ON FUNCTION public.f(uuid, integer) TO service_role;', lines: [] },
  { rule: exec, name: 'ALL FUNCTIONS IN SCHEMA, by name without arguments', sql: definer() + 'REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC, anon, authenticated;\n' + definer('g') + 'REVOKE EXECUTE ON ROUTINE g FROM PUBLIC, anon, authenticated;', lines: [] },
  {
    rule: exec,
    name: 'trigger functions cannot be called as RPC; other schemas are not exposed',
    sql:
      "CREATE FUNCTION public.trg() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$ BEGIN RETURN NEW; END $$;\n" +
      definer('private.f'),
    lines: [],
  },
  {
    rule: exec,
    name: 'REVOKE inside IF … THEN of a DO block',
    sql: definer() + "DO $$\nBEGIN\n  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN\n    " + closed + '  END IF;\nEND\n$$;',
    lines: [],
  },

  { rule: materializedViewInApi, name: 'materialized view in public', sql: 'CREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT 1;', lines: [1] },
  { rule: materializedViewInApi, name: 'SELECT revoked from both roles', sql: 'CREATE MATERIALIZED VIEW mv AS SELECT 1;\nREVOKE SELECT ON mv FROM anon, authenticated;', lines: [] },

  {
    rule: rlsPolicyAlwaysTrue,
    name: "WITH CHECK (true): Supabase's 'Enable insert for authenticated users only'",
    sql: 'CREATE POLICY "Enable insert for authenticated users only" ON public.weeks\n  AS PERMISSIVE FOR INSERT TO authenticated WITH CHECK (true);',
    lines: [1],
  },
  {
    rule: rlsPolicyAlwaysTrue,
    name: 'FOR ALL with a real USING but WITH CHECK (1 = 1)',
    sql: 'SELECT 1;\nCREATE POLICY p ON weeks FOR ALL TO anon, authenticated USING (user_id = (SELECT auth.uid())) WITH CHECK ((1 = 1));',
    lines: [2],
  },
  { rule: rlsPolicyAlwaysTrue, name: 'DELETE USING (true) for PUBLIC (no TO)', sql: 'CREATE POLICY p ON t FOR DELETE USING (true);', lines: [1] },
  { rule: rlsPolicyAlwaysTrue, name: 'UPDATE USING (true) without WITH CHECK: both open', sql: 'CREATE POLICY p ON t FOR UPDATE TO authenticated USING (true);', lines: [1] },
  {
    rule: rlsPolicyAlwaysTrue,
    name: 'real conditions; SELECT USING (true); restrictive; service_role only',
    sql:
      'CREATE POLICY a ON weeks FOR ALL TO authenticated USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));\n' +
      'CREATE POLICY b ON weeks FOR SELECT TO anon USING (true);\n' +
      'CREATE POLICY c ON weeks AS RESTRICTIVE FOR ALL TO authenticated USING (true);\n' +
      'CREATE POLICY d ON weeks FOR ALL TO service_role USING (true) WITH CHECK (true);',
    lines: [],
  },

  { rule: invokerFunctionExecutable, name: 'invoker function left executable', sql: 'SELECT 1;\n' + invoker(), lines: [2] },
  {
    rule: invokerFunctionExecutable,
    name: 'revoked; trigger function; definer (the other rule); other schema',
    sql:
      invoker() + 'REVOKE ALL ON FUNCTION public.f FROM PUBLIC, anon, authenticated;\n' +
      'CREATE FUNCTION t() RETURNS TRIGGER LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n' + definer('d') + invoker('private.g'),
    lines: [],
  },
];
