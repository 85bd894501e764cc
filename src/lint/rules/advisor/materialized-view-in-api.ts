/**
 * Splinter 0016 `materialized_view_in_api`, statically: a materialized view created in an exposed
 * schema that the API roles can still select from after its unit. A materialized view has no RLS and
 * no security_invoker: whoever can select from it sees every row it stored, as its owner read them.
 */
import type { Rule, RuleHit } from '../rule.ts';
import { apiObjects } from './api-objects.ts';
import { howExposed, whoCan } from './exposure-text.ts';

export const materializedViewInApi: Rule = {
  id: 'materialized-view-in-api',
  severity: 'warning',
  summary: 'materialized view in public selectable by anon / authenticated: no RLS applies (splinter 0016)',
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const o of apiObjects(ctx)) {
      if (o.kind !== 'materialized-view' || o.redefinition || o.exposedTo.length === 0) continue;
      const view = `${o.schema}.${o.name}`;
      hits.push({
        statement: o.statement,
        line: o.line,
        message:
          `materialized view ${view} is selectable by the API roles after this step (` +
          `${howExposed(o, `the ALL that Supabase's automatic grants give the API roles on new relations in ${o.schema}`)}): ` +
          `it has no RLS and stores rows as its owner read them, so ${whoCan(o)} sees all of them through ` +
          `/rest/v1/${o.name}. REVOKE ALL ON ` +
          `${view} FROM anon, authenticated in the same step, or create it in a schema the API does not expose. ` +
          `Supabase's advisor reports this as 0016 materialized_view_in_api (WARN).`,
      });
    }
    return hits;
  },
};
