/**
 * Reading GRANT / REVOKE: what changes, on what, for whom; and what is not an object-privilege change.
 */
import { describe, expect, it } from 'vitest';
import { privilegeChange } from '../../../../src/lint/rules/advisor/privileges.ts';

describe('privilegeChange', () => {
  it('tables by default, several names, several roles, PRIVILEGES and CASCADE', () => {
    expect(privilegeChange('REVOKE ALL PRIVILEGES ON public.a, "B" FROM anon, "authenticated" CASCADE;')).toEqual({
      action: 'revoke',
      privileges: ['ALL'],
      target: { kind: 'relation', names: [{ schema: 'public', name: 'a' }, { schema: undefined, name: 'B' }] },
      roles: ['anon', 'authenticated'],
    });
  });

  it('column privileges, WITH GRANT OPTION, GROUP', () => {
    expect(privilegeChange('GRANT SELECT (id, name), UPDATE (name) ON TABLE t TO GROUP authenticated WITH GRANT OPTION')).toMatchObject({
      action: 'grant',
      privileges: ['SELECT', 'UPDATE'],
      roles: ['authenticated'],
    });
  });

  it('functions with argument lists, and ALL … IN SCHEMA', () => {
    expect(privilegeChange('REVOKE EXECUTE ON FUNCTION public.f(text, jsonb), g() FROM PUBLIC;')?.target).toEqual({
      kind: 'function',
      names: [{ schema: 'public', name: 'f' }, { schema: undefined, name: 'g' }],
    });
    expect(privilegeChange('GRANT ALL ON ALL ROUTINES IN SCHEMA public, "api" TO service_role;')?.target).toEqual({ kind: 'function', allInSchemas: ['public', 'api'] });
    expect(privilegeChange('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM anon;')?.target).toEqual({ kind: 'relation', allInSchemas: ['public'] });
  });

  it('not object privileges here: role membership, GRANT OPTION FOR, sequences, schemas, procedures', () => {
    expect(privilegeChange('GRANT authenticated TO authenticator;')).toBeUndefined();
    expect(privilegeChange('REVOKE GRANT OPTION FOR SELECT ON t FROM anon;')).toBeUndefined();
    expect(privilegeChange('REVOKE ALL ON SEQUENCE s FROM anon;')).toBeUndefined();
    expect(privilegeChange('GRANT USAGE ON SCHEMA public TO anon;')).toBeUndefined();
    expect(privilegeChange('GRANT EXECUTE ON PROCEDURE p() TO anon;')).toBeUndefined();
    expect(privilegeChange('SELECT 1;')).toBeUndefined();
  });
});
