/**
 * The Supabase-advisor rules beyond one-statement cases (those are in ./cases.ts): what a finding says,
 * the migration unit (a file, a rendered step, one ```sql block), CREATE OR REPLACE of an object an
 * earlier file created, and hv-lint-ignore.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintFiles } from '../../../../src/lint/lint.ts';
import { ADVISOR_RULES } from '../../../../src/lint/rules/advisor/index.ts';
import { rlsDisabledInPublic } from '../../../../src/lint/rules/advisor/rls-disabled-in-public.ts';
import { securityDefinerFunctionExecutable } from '../../../../src/lint/rules/advisor/security-definer-function-executable.ts';
import { securityDefinerView } from '../../../../src/lint/rules/advisor/security-definer-view.ts';
import { functionSearchPathMutable } from '../../../../src/lint/rules/advisor/function-search-path-mutable.ts';
import { invokerFunctionExecutable } from '../../../../src/lint/rules/advisor/invoker-function-executable.ts';
import { ourMigration } from '../../../../src/migration/implementation.ts';
import { findDefect } from '../../../../src/defects/index.ts';
import { rlsPolicyAlwaysTrue } from '../../../../src/lint/rules/advisor/rls-policy-always-true.ts';
import { ruleFindings, ruleLines } from '../../helpers.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hv-lint-advisor-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Write files into the temp dir and lint them with the advisor rules only (no squawk). */
async function lint(files: Record<string, string>, sharedScope = false) {
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return lintFiles(Object.keys(files), { cwd: dir, squawk: false, rules: ADVISOR_RULES, sharedScope });
}

const DEFINER =
  "CREATE OR REPLACE FUNCTION public.hv_write(p_key text) RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = '' AS $$ SELECT 1 $$;\n";

describe('what a finding says', () => {
  it('rls-disabled-in-public: the table, who can reach it, the fix, the splinter lint', () => {
    const [f] = ruleFindings(rlsDisabledInPublic, 'CREATE TABLE children (id uuid);');
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('table public.children');
    expect(f?.message).toContain('anon and authenticated keep');
    expect(f?.message).toContain('/rest/v1/children');
    expect(f?.message).toContain('ALTER TABLE public.children ENABLE ROW LEVEL SECURITY');
    expect(f?.message).toContain('REVOKE ALL ON public.children FROM anon, authenticated');
    expect(f?.message).toContain('0013 rls_disabled_in_public');
  });

  it('security-definer-view names the view and 0010', () => {
    const [f] = ruleFindings(securityDefinerView, 'CREATE VIEW public.habit_tracker_from_new AS SELECT 1;');
    expect(f?.message).toContain('view public.habit_tracker_from_new');
    expect(f?.message).toContain('WITH (security_invoker = true)');
    expect(f?.message).toContain('0010 security_definer_view');
  });

  it('function-search-path-mutable names the function with its identity arguments and 0011', () => {
    const sql = 'CREATE FUNCTION f(p_id uuid, OUT n int, p_at timestamp with time zone DEFAULT now(), VARIADIC p_x text[]) LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN n := 1; END $$;';
    const [f] = ruleFindings(functionSearchPathMutable, sql);
    expect(f?.message).toContain('public.f(uuid, timestamp with time zone, text[])');
    expect(f?.message).toContain("SET search_path = ''");
    expect(f?.message).toContain('0011 function_search_path_mutable');
  });

  it('security-definer-function-executable: anon by default → 0028 and 0029; a GRANT to authenticated → 0029, said as such', () => {
    const [byDefault] = ruleFindings(securityDefinerFunctionExecutable, DEFINER);
    expect(byDefault?.message).toContain('anyone holding the anon key');
    expect(byDefault?.message).toContain('/rest/v1/rpc/hv_write');
    expect(byDefault?.message).toContain('REVOKE EXECUTE ON FUNCTION public.hv_write(text) FROM PUBLIC, anon, authenticated');
    expect(byDefault?.message).toMatch(/0028 anon_security_definer_function_executable and 0029 authenticated_/);
    const [granted] = ruleFindings(
      securityDefinerFunctionExecutable,
      DEFINER + 'REVOKE ALL ON FUNCTION public.hv_write(text) FROM PUBLIC, anon;\nGRANT EXECUTE ON FUNCTION public.hv_write(text) TO authenticated;',
    );
    expect(granted?.message).toContain('a GRANT in this step gives it to authenticated');
    expect(granted?.message).toContain('any signed-in user');
    expect(granted?.message).not.toContain('0028');
  });

  it('invoker-function-executable is info and says why', () => {
    const [f] = ruleFindings(invokerFunctionExecutable, 'CREATE FUNCTION hv_backfill_batch(n int) RETURNS int LANGUAGE sql AS $$ SELECT n $$;');
    expect(f?.severity).toBe('info');
    expect(f?.message).toContain("caller's privileges and RLS");
  });
});

describe('rls-policy-always-true', () => {
  it("kills the defect catalogue's rls-with-check-true statically, and passes Phase 2's own policies", () => {
    const policiesSql = (defect?: 'rls-with-check-true'): string => {
      const impl = defect ? findDefect(defect)!.apply(ourMigration) : ourMigration;
      return impl.phases['phase-2'].steps.filter((s) => s.name.startsWith('rls-policy-')).map((s) => s.up).join('\n');
    };
    const broken = ruleFindings(rlsPolicyAlwaysTrue, policiesSql('rls-with-check-true'));
    expect(broken).toHaveLength(6);
    expect(broken[0]?.message).toMatch(/policy hv_children_own_family on public\.children FOR ALL TO authenticated is permissive with WITH CHECK \(true\)/);
    expect(broken[0]?.message).toContain('0024 rls_policy_always_true');
    expect(ruleFindings(rlsPolicyAlwaysTrue, policiesSql())).toEqual([]);
  });
});

describe('the migration unit', () => {
  it('one ```sql block of a Markdown plan: RLS enabled in a later block leaves the table open in between', async () => {
    const md = '# plan\n\n```sql\nCREATE TABLE children (id uuid);\n```\n\nlater:\n\n```sql\nALTER TABLE children ENABLE ROW LEVEL SECURITY;\n```\n';
    const result = await lint({ 'plan.md': md });
    expect(ruleLines(result.findings)).toEqual([['rls-disabled-in-public', 4]]);
  });

  it('one .sql file: RLS enabled further down the same file is fine', async () => {
    const result = await lint({ 'step.sql': 'BEGIN;\nCREATE TABLE children (id uuid);\nCREATE INDEX ON children (id);\nALTER TABLE children ENABLE ROW LEVEL SECURITY;\nCOMMIT;\n' });
    expect(result.findings).toEqual([]);
  });

  it('a REVOKE in another file does not close the window', async () => {
    const result = await lint({ 'a-create.sql': DEFINER, 'b-close.sql': 'REVOKE ALL ON FUNCTION public.hv_write(text) FROM PUBLIC, anon, authenticated;\n' }, true);
    expect(result.findings.map((f) => [f.file, f.rule])).toEqual([['a-create.sql', 'security-definer-function-executable']]);
  });

  it('CREATE OR REPLACE of a function an earlier file created keeps that file\'s privileges (shared scope)', async () => {
    const closed = DEFINER + 'REVOKE ALL ON FUNCTION public.hv_write(text) FROM PUBLIC, anon, authenticated;\n';
    const shared = await lint({ 'a-create.sql': closed, 'b-replace.sql': DEFINER }, true);
    expect(shared.findings).toEqual([]);
    // Without the earlier file in scope, the redefinition is judged on its own.
    const alone = await lint({ 'b-replace.sql': DEFINER });
    expect(ruleLines(alone.findings)).toEqual([['security-definer-function-executable', 1]]);
  });

  it('…but a CREATE OR REPLACE VIEW without security_invoker resets the option, wherever the view was first created', async () => {
    const result = await lint(
      { 'a-view.sql': 'CREATE VIEW v WITH (security_invoker = true) AS SELECT 1;\n', 'b-view.sql': 'CREATE OR REPLACE VIEW v AS SELECT 2;\n' },
      true,
    );
    expect(result.findings.map((f) => [f.file, f.rule])).toEqual([['b-view.sql', 'security-definer-view']]);
  });
});

describe('hv-lint-ignore', () => {
  it('suppresses an advisor finding with a reason, not without one', async () => {
    const withReason = await lint({
      'ok.sql': '-- hv-lint-ignore security-definer-function-executable -- the client calls it; it checks auth.uid() itself\n' + DEFINER,
    });
    expect(withReason.findings).toEqual([]);
    const without = await lint({ 'bad.sql': '-- hv-lint-ignore rls-disabled-in-public\nCREATE TABLE t (id int);\n' });
    expect(ruleLines(without.findings)).toEqual([['invalid-ignore', 1], ['rls-disabled-in-public', 2]]);
  });

  it('a comment above a DO block covers what the block creates', async () => {
    const result = await lint({ 'do.sql': '-- hv-lint-ignore rls-disabled-in-public -- scratch table, dropped by the next step\nDO $$\nBEGIN\n  CREATE TABLE scratch (id int);\nEND\n$$;\n' });
    expect(result.findings).toEqual([]);
  });
});
