/**
 * Splinter 0024 `rls_policy_always_true`, statically: a permissive policy for PUBLIC, `anon` or
 * `authenticated` whose condition lets every row through — `USING (true)` (or none) on UPDATE, DELETE
 * or ALL, `WITH CHECK (true)` (or none, on INSERT) on a write. RLS is on, and checks nothing: a
 * signed-in user can update, delete or insert other families' rows. Supabase's own policy template
 * "Enable insert for authenticated users only" is `WITH CHECK (true)`. `USING (true)` on SELECT is
 * left alone, as splinter does: public read access is often meant.
 */
import { lineAt } from '../../split-statements.ts';
import type { Rule, RuleHit } from '../rule.ts';
import { IDENT, matchingParen, QNAME, splitTopLevel, unquote } from '../sql-names.ts';
import { qualifiedName } from './privileges.ts';

const POLICY = new RegExp(String.raw`^\s*CREATE\s+POLICY\s+(${IDENT})\s+ON\s+(${QNAME})`, 'i');

export const rlsPolicyAlwaysTrue: Rule = {
  id: 'rls-policy-always-true',
  severity: 'warning',
  summary: 'permissive policy for the API roles with USING (true) / WITH CHECK (true) on a write (splinter 0024)',
  check({ statements }) {
    const hits: RuleHit[] = [];
    for (const statement of statements) {
      const m = POLICY.exec(statement.code);
      if (!m) continue;
      const code = statement.code.slice(m.index + m[0].length);
      if (/\bAS\s+RESTRICTIVE\b/i.test(code)) continue;
      const command = (/\bFOR\s+(ALL|SELECT|INSERT|UPDATE|DELETE)\b/i.exec(code)?.[1] ?? 'ALL').toUpperCase();
      const roles = rolesOf(code);
      if (!roles.some((r) => r === 'public' || r === 'anon' || r === 'authenticated')) continue;
      const using = clause(code, /\bUSING\s*\(/i);
      const check = clause(code, /\bWITH\s+CHECK\s*\(/i);
      const writes = command !== 'SELECT';
      const openUsing = ['UPDATE', 'DELETE', 'ALL'].includes(command) && (using === undefined || alwaysTrue(using));
      const openCheck =
        writes && (check !== undefined ? alwaysTrue(check) : command === 'INSERT' || (command !== 'DELETE' && using !== undefined && alwaysTrue(using)));
      if (!openUsing && !openCheck) continue;
      const policy = unquote(m[1]!);
      const q = qualifiedName(m[2]!);
      const table = q.schema === undefined ? q.name : `${q.schema}.${q.name}`;
      const what = [openUsing ? `USING ${using === undefined ? '(none)' : '(true)'}` : '', openCheck ? `WITH CHECK ${check === undefined ? '(none)' : '(true)'}` : '']
        .filter((s) => s !== '')
        .join(' and ');
      const who = roles.every((r) => r === 'authenticated') ? 'any signed-in user' : 'anyone holding the anon key';
      const can = [
        openUsing ? (command === 'DELETE' ? 'delete every row' : command === 'UPDATE' ? 'update every row' : 'update and delete every row') : '',
        openCheck ? 'write rows with any values (another owner, another family)' : '',
      ].filter((s) => s !== '');
      hits.push({
        statement,
        line: lineAt(statement, m.index),
        message:
          `policy ${policy} on ${table} FOR ${command} TO ${roles.join(', ')} is permissive with ${what}: RLS is on ` +
          `and checks nothing there, so ${who} can ${can.join(' and ')}. Write the condition each row must meet ` +
          `(e.g. user_id = (SELECT auth.uid())) in USING and WITH CHECK. Supabase's advisor reports this as 0024 ` +
          `rls_policy_always_true (WARN).`,
      });
    }
    return hits;
  },
};

/** `TO a, b` roles (lower-case), PUBLIC when the clause is absent. */
function rolesOf(code: string): string[] {
  const m = /\bTO\s+([\s\S]*?)(?=\s+USING\b|\s+WITH\s+CHECK\b|\s*;|\s*$)/i.exec(code);
  return m ? splitTopLevel(m[1]!, ',').map((r) => unquote(r.trim())) : ['public'];
}

/** The expression inside `USING ( … )` / `WITH CHECK ( … )`, or undefined. */
function clause(code: string, opener: RegExp): string | undefined {
  const m = opener.exec(code);
  if (!m) return undefined;
  const open = m.index + m[0].length - 1;
  const close = matchingParen(code, open);
  return close === -1 ? undefined : code.slice(open + 1, close - 1);
}

/** `true`, `(true)`, `1=1`, `(1 = 1)`, as splinter normalizes them. */
function alwaysTrue(expression: string): boolean {
  let e = expression.replace(/\s+/g, '').toLowerCase();
  while (e.startsWith('(') && e.endsWith(')') && matchingParen(e, 0) === e.length) e = e.slice(1, -1);
  return e === 'true' || e === '1=1';
}
