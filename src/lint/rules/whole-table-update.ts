/**
 * `UPDATE t SET …` without WHERE on a live table (one this file did not just create): a single long
 * transaction that locks every row until commit — every concurrent write to a row waits, dual writes
 * and triggers included — and leaves a dead copy of each row behind. Batch it by key range, one commit
 * per batch. Squawk 2.66 does not flag it.
 */
import { lineAt } from '../split-statements.ts';
import type { Rule, RuleHit } from './rule.ts';
import { baseName, createdTable, IDENT, QNAME } from './sql-names.ts';

const UPDATE = new RegExp(
  String.raw`(^|[^\w$])UPDATE\s+(?:ONLY\s+)?(${QNAME})\s*\*?(?:\s+(?:AS\s+)?(?!SET\b)${IDENT})?\s+SET\b`,
  'i',
);
/** Keywords that make `UPDATE` part of something else: `DO UPDATE SET`, `FOR UPDATE`, `OR UPDATE`. */
const NOT_A_STATEMENT = /\b(DO|FOR|OR|BEFORE|AFTER|OF|ON)\s*$/i;

export const wholeTableUpdate: Rule = {
  id: 'whole-table-update',
  severity: 'warning',
  summary: 'UPDATE without WHERE on a live table: one transaction locking every row; batch it',
  check({ statements }) {
    const hits: RuleHit[] = [];
    const createdHere = new Set<string>();
    for (const statement of statements) {
      const created = createdTable(statement);
      if (created !== undefined) createdHere.add(created);
      const m = UPDATE.exec(statement.code);
      if (!m) continue;
      const at = m.index + m[1]!.length;
      if (NOT_A_STATEMENT.test(statement.code.slice(0, at))) continue;
      const rest = statement.code.slice(at);
      if (/\bWHERE\b/i.test(rest)) continue;
      const table = baseName(m[2]!);
      if (createdHere.has(table)) continue;
      hits.push({
        statement,
        line: lineAt(statement, at),
        message:
          `UPDATE ${table} without WHERE rewrites every row in one transaction: it holds a lock on every row ` +
          `until commit (concurrent writes and dual-write triggers wait) and leaves a dead copy of each row. ` +
          `Update in key-range batches (WHERE id > $last ORDER BY id LIMIT n), committing each batch.`,
      });
    }
    return hits;
  },
};
