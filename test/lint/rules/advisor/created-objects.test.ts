/**
 * Reading what a CREATE makes: kind, schema, and the properties the advisor rules judge.
 */
import { describe, expect, it } from 'vitest';
import { createdObject, securityInvokerIn } from '../../../../src/lint/rules/advisor/created-objects.ts';

const created = (sql: string) => createdObject(sql, sql);

describe('createdObject', () => {
  it('tables, temporary or not', () => {
    expect(created('CREATE UNLOGGED TABLE IF NOT EXISTS public.t (id int)')).toMatchObject({ kind: 'table', schema: 'public', name: 't', temporary: false });
    expect(created('CREATE GLOBAL TEMPORARY TABLE t (id int)')).toMatchObject({ kind: 'table', temporary: true });
  });

  it('views (recursive, column list, options) and materialized views', () => {
    expect(created('CREATE OR REPLACE RECURSIVE VIEW v (n) WITH (security_invoker = on) AS SELECT 1')).toMatchObject({ kind: 'view', securityInvoker: true });
    expect(created('CREATE MATERIALIZED VIEW api.mv AS SELECT 1')).toMatchObject({ kind: 'materialized-view', schema: 'api', name: 'mv' });
  });

  it('functions: definer, search_path, trigger, identity arguments', () => {
    expect(created("CREATE FUNCTION f(a double precision, b character varying, INOUT c int) RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$ $$")).toMatchObject({
      kind: 'function',
      definer: true,
      searchPathSet: true,
      returnsTrigger: true,
      signature: '(double precision, character varying, int)',
    });
    expect(created('CREATE FUNCTION f() RETURNS TABLE (trigger text) LANGUAGE sql AS $$ $$')).toMatchObject({ returnsTrigger: false, definer: false, signature: '()' });
  });

  it('anything else is not a creation here', () => {
    expect(created('CREATE INDEX i ON t (a)')).toBeUndefined();
    expect(created('CREATE PROCEDURE p() LANGUAGE sql AS $$ $$')).toBeUndefined();
  });
});

describe('securityInvokerIn', () => {
  it.each([
    ['(security_invoker)', true],
    ['(security_invoker = TRUE)', true],
    ["(security_barrier, security_invoker='1')", true],
    ['(security_invoker = off)', false],
    ['(security_barrier = true)', undefined],
  ])('%s → %s', (options, expected) => {
    expect(securityInvokerIn(options)).toBe(expected);
  });
});
