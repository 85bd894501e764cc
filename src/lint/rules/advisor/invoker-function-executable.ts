/**
 * The SECURITY INVOKER counterpart of splinter 0028/0029 (splinter has no lint for it): a function in
 * an exposed schema that `anon` or `authenticated` can still execute after its migration unit.
 * PostgreSQL grants EXECUTE on every new function to PUBLIC, so each one is an RPC endpoint at
 * /rest/v1/rpc/<name>.
 *
 * Severity `info`: an invoker function runs with the caller's privileges and under the caller's RLS,
 * so it reveals or changes nothing the caller's own table grants do not already allow (those are what
 * rls-disabled-in-public checks). What it adds is surface: internal helpers (a backfill batch, a
 * reconcile) become callable endpoints that spend the API roles' statement_timeout on work clients
 * were never meant to start. Trigger functions are left out: PostgreSQL refuses to call them directly.
 */
import type { Rule, RuleHit } from '../rule.ts';
import { apiObjects } from './api-objects.ts';
import { EXECUTE_DEFAULTS, howExposed, whoCan } from './exposure-text.ts';

export const invokerFunctionExecutable: Rule = {
  id: 'invoker-function-executable',
  severity: 'info',
  summary: 'SECURITY INVOKER function in public left executable by anon / authenticated: an RPC endpoint',
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const o of apiObjects(ctx)) {
      if (o.kind !== 'function' || o.definer || o.returnsTrigger || o.redefinition || o.exposedTo.length === 0) continue;
      const fn = `${o.schema}.${o.name}${o.signature}`;
      hits.push({
        statement: o.statement,
        line: o.line,
        message:
          `function ${fn} is executable by the API roles after this step (${howExposed(o, EXECUTE_DEFAULTS)}), ` +
          `so it is an RPC endpoint (/rest/v1/rpc/${o.name}) for ${whoCan(o)}. It runs with ` +
          `the caller's privileges and RLS (SECURITY INVOKER), so it exposes no data the caller's grants do ` +
          `not, but it lets API clients start work they were never meant to. Unless clients call it, REVOKE ` +
          `EXECUTE ON FUNCTION ${fn} FROM PUBLIC, anon, authenticated in the same step, or create it in a ` +
          `schema the API does not expose. (Supabase's advisor checks this only for SECURITY DEFINER ` +
          `functions: 0028/0029.)`,
      });
    }
    return hits;
  },
};
