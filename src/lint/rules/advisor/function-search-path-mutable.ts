/**
 * Splinter 0011 `function_search_path_mutable`, for SECURITY DEFINER functions: no `SET search_path`
 * clause (in the CREATE, or an `ALTER FUNCTION … SET search_path` in the same unit). The function runs
 * with its owner's privileges but resolves every unqualified table, function and operator through the
 * caller's search_path, so a caller who can put an object earlier on that path (a schema it can create
 * in, or pg_temp, which is searched first for relations unless listed) runs code as the owner.
 *
 * Splinter also lists SECURITY INVOKER functions; those run with the caller's own privileges, where a
 * hostile search_path only hurts the caller, so they are left out here.
 */
import type { Rule, RuleHit } from '../rule.ts';
import { apiObjects } from './api-objects.ts';

export const functionSearchPathMutable: Rule = {
  id: 'function-search-path-mutable',
  severity: 'warning',
  summary: 'SECURITY DEFINER function without SET search_path: callers choose what it resolves (splinter 0011)',
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const o of apiObjects(ctx)) {
      if (o.kind !== 'function' || !o.definer || o.searchPathSet) continue;
      const fn = `${o.schema}.${o.name}${o.signature}`;
      hits.push({
        statement: o.statement,
        line: o.line,
        message:
          `SECURITY DEFINER function ${fn} has no SET search_path: it runs with its owner's privileges ` +
          `(postgres bypasses RLS) but resolves unqualified names through the caller's search_path, so whoever ` +
          `can place a table, function or operator earlier on that path (pg_temp included) decides what it ` +
          `runs. Pin it in the CREATE: SET search_path = '' with every name schema-qualified, or a fixed list ` +
          `such as SET search_path = pg_catalog, public, pg_temp. Supabase's advisor reports this as 0011 ` +
          `function_search_path_mutable (WARN).`,
      });
    }
    return hits;
  },
};
