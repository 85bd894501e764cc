/**
 * A UNIQUE / PRIMARY KEY constraint declared DEFERRABLE. Postgres accepts it, but such a constraint can
 * never be an ON CONFLICT arbiter (so every upsert on those columns — SQL `ON CONFLICT` or supabase-js
 * `.upsert({ onConflict })` — fails) and no foreign key can reference it. The plan declares its natural
 * keys this way and then upserts on them. Squawk 2.66 does not flag it.
 */
import { deferrableConstraints } from './deferrable-constraints.ts';
import type { Rule } from './rule.ts';

export const deferrableUnique: Rule = {
  id: 'deferrable-unique',
  severity: 'warning',
  summary: 'DEFERRABLE unique constraint: cannot be an ON CONFLICT arbiter nor referenced by a foreign key',
  check({ statements }) {
    return deferrableConstraints(statements).map((c) => ({
      statement: c.statement,
      line: c.line,
      message:
        `${c.kind} (${c.columns.join(', ')}) on ${c.table}${c.name ? ` (${c.name})` : ''} is DEFERRABLE: no ` +
        `INSERT … ON CONFLICT (${c.columns.join(', ')}) can use it as arbiter (Postgres rejects it, ` +
        `supabase-js upserts included) and no foreign key can reference it. Make it NOT DEFERRABLE.`,
    }));
  },
};
