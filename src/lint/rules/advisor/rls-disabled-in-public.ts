/**
 * Splinter 0013 `rls_disabled_in_public`, statically: a table created in an exposed schema whose
 * migration unit neither enables row level security nor takes the API roles' privileges away. Where
 * Supabase's automatic grants are on, `anon` and `authenticated` get ALL on every new table in
 * `public`, so until a later unit enables RLS every row is readable and writable with the anon key,
 * which ships in every client. The plan's Phase 0 creates its tables "RLS OFF" for days.
 */
import type { Rule, RuleHit } from '../rule.ts';
import { apiObjects } from './api-objects.ts';
import { howExposed, whoCan } from './exposure-text.ts';

export const rlsDisabledInPublic: Rule = {
  id: 'rls-disabled-in-public',
  severity: 'error',
  summary: 'table in public without ENABLE ROW LEVEL SECURITY or REVOKE … FROM anon, authenticated in the same step (splinter 0013)',
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const o of apiObjects(ctx)) {
      if (o.kind !== 'table' || o.rls || o.redefinition || o.exposedTo.length === 0) continue;
      const table = `${o.schema}.${o.name}`;
      hits.push({
        statement: o.statement,
        line: o.line,
        message:
          `table ${table} is created without ENABLE ROW LEVEL SECURITY, and ` +
          `${howExposed(o, `the ALL that Supabase's automatic grants give the API roles on new tables in ${o.schema}`)}: ` +
          `until RLS is enabled, ${whoCan(o)} can read and write every row through /rest/v1/${o.name}. ` +
          `In the same step, ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY (no policy yet = no rows for the API ` +
          `roles; the owner and service_role bypass RLS, so a backfill run as postgres is unaffected), or ` +
          `REVOKE ALL ON ${table} FROM anon, authenticated. Supabase's advisor reports this as 0013 ` +
          `rls_disabled_in_public (ERROR).`,
      });
    }
    return hits;
  },
};
