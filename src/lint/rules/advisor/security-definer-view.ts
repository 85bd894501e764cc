/**
 * Splinter 0010 `security_definer_view`, statically: a view created in an exposed schema without
 * `WITH (security_invoker = true)` (PostgreSQL 15+) that the API roles can still select from. A view
 * runs its query with its owner's privileges, and the owner (`postgres`) bypasses RLS: every row of the
 * tables behind it is visible through the API, whatever their policies say. `CREATE OR REPLACE VIEW`
 * without the option resets it, so each CREATE is judged on its own (an `ALTER VIEW … SET
 * (security_invoker = true)` later in the same unit counts).
 */
import type { Rule, RuleHit } from '../rule.ts';
import { apiObjects } from './api-objects.ts';
import { howExposed, whoCan } from './exposure-text.ts';

export const securityDefinerView: Rule = {
  id: 'security-definer-view',
  severity: 'error',
  summary: 'view in public without WITH (security_invoker = true): it bypasses RLS as its owner (splinter 0010)',
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const o of apiObjects(ctx)) {
      if (o.kind !== 'view' || o.securityInvoker || o.exposedTo.length === 0) continue;
      const view = `${o.schema}.${o.name}`;
      hits.push({
        statement: o.statement,
        line: o.line,
        message:
          `view ${view} is created without WITH (security_invoker = true), and ` +
          `${howExposed(o, `the ALL that Supabase's automatic grants give the API roles on new views in ${o.schema}`)}: ` +
          `a view runs as its owner (postgres, which bypasses RLS), so ${whoCan(o)} sees through ` +
          `/rest/v1/${o.name} every row of the tables it reads, whatever their RLS policies say. Create ` +
          `it WITH (security_invoker = true) (PostgreSQL 15+; CREATE OR REPLACE VIEW without it resets the ` +
          `option), or REVOKE ALL ON ${view} FROM anon, authenticated in the same step. Supabase's advisor ` +
          `reports this as 0010 security_definer_view (ERROR).`,
      });
    }
    return hits;
  },
};
