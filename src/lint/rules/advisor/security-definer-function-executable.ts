/**
 * Splinter 0028 `anon_security_definer_function_executable` and 0029
 * `authenticated_security_definer_function_executable`, statically: a SECURITY DEFINER function in an
 * exposed schema that `anon` or `authenticated` can still execute after its migration unit. PostgreSQL
 * grants EXECUTE on every new function to PUBLIC (and Supabase's automatic grants give it to the API
 * roles too), so it is an RPC endpoint at /rest/v1/rpc/<name> that runs as its owner, past RLS.
 * Trigger functions are left out: PostgreSQL refuses to call them other than as triggers.
 */
import type { Rule, RuleHit } from '../rule.ts';
import { apiObjects } from './api-objects.ts';
import { EXECUTE_DEFAULTS, howExposed, whoCan } from './exposure-text.ts';

export const securityDefinerFunctionExecutable: Rule = {
  id: 'security-definer-function-executable',
  severity: 'warning',
  summary: 'SECURITY DEFINER function in public that anon / authenticated can call as RPC (splinter 0028/0029)',
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const o of apiObjects(ctx)) {
      if (o.kind !== 'function' || !o.definer || o.returnsTrigger || o.redefinition || o.exposedTo.length === 0) continue;
      const fn = `${o.schema}.${o.name}${o.signature}`;
      const lints = o.exposedTo.map((r) => (r === 'anon' ? '0028 anon_' : '0029 authenticated_') + 'security_definer_function_executable');
      hits.push({
        statement: o.statement,
        line: o.line,
        message:
          `SECURITY DEFINER function ${fn} is executable by the API roles after this step (` +
          `${howExposed(o, EXECUTE_DEFAULTS)}), so ${whoCan(o)} can call /rest/v1/rpc/${o.name}, and it runs ` +
          `with its owner's privileges, past RLS. ` +
          `In the same step, REVOKE EXECUTE ON FUNCTION ${fn} FROM PUBLIC, anon, authenticated and GRANT it ` +
          `only to the role that needs it, or make it SECURITY INVOKER; if a client role is meant to call it, ` +
          `say so with an hv-lint-ignore and the reason. Supabase's advisor reports this as ${lints.join(' and ')} (WARN).`,
      });
    }
    return hits;
  },
};
