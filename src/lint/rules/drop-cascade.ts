/**
 * `DROP … CASCADE`: drops, without listing them, every object that depends on the target — views,
 * foreign keys on other tables, functions' dependents. Squawk's `ban-drop-table` flags the drop itself,
 * not the cascade. Without CASCADE an unexpected dependent makes the drop fail loudly instead.
 */
import { lineAt } from '../split-statements.ts';
import type { Rule, RuleHit } from './rule.ts';

const DROP_CASCADE =
  /^\s*DROP\s+((?:MATERIALIZED\s+)?VIEW|TABLE|SCHEMA|TYPE|DOMAIN|FUNCTION|PROCEDURE|SEQUENCE|EXTENSION|INDEX(?:\s+CONCURRENTLY)?|TRIGGER|OWNED)\b([\s\S]*?)\bCASCADE\s*;?\s*$/i;

export const dropCascade: Rule = {
  id: 'drop-cascade',
  severity: 'warning',
  summary: 'DROP … CASCADE silently drops every dependent object',
  check({ statements }) {
    const hits: RuleHit[] = [];
    for (const statement of statements) {
      const m = DROP_CASCADE.exec(statement.code);
      if (!m) continue;
      const kind = m[1]!.toUpperCase().replace(/\s+/g, ' ');
      const target = m[2]!.replace(/\bIF\s+EXISTS\b/i, '').replace(/\s+/g, ' ').trim();
      hits.push({
        statement,
        line: lineAt(statement, m.index),
        message:
          `DROP ${kind} ${target} CASCADE also drops every object that depends on it (views, foreign keys ` +
          `of other tables, …) without naming them. Drop known dependents explicitly and leave CASCADE ` +
          `off, so an unexpected dependent fails the step instead of vanishing.`,
      });
    }
    return hits;
  },
};
