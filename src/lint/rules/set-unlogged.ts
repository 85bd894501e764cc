/**
 * `ALTER TABLE … SET UNLOGGED` on a table that holds data. An unlogged table is not WAL-logged: it is
 * truncated by crash recovery, it is empty on streaming replicas and in WAL-based backups / PITR, and
 * the switch itself rewrites the table under ACCESS EXCLUSIVE. The plan does it to the legacy table it
 * keeps "for rollback" — the one table whose loss it cannot afford. Squawk 2.66 does not flag it.
 */
import { lineAt } from '../split-statements.ts';
import type { Rule, RuleHit } from './rule.ts';
import { baseName, QNAME } from './sql-names.ts';

const SET_UNLOGGED = new RegExp(
  String.raw`\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(${QNAME})[\s\S]*?\bSET\s+UNLOGGED\b`,
  'i',
);

export const setUnlogged: Rule = {
  id: 'set-unlogged',
  severity: 'error',
  summary: 'ALTER TABLE … SET UNLOGGED: a crash truncates the table, replicas and backups lose it',
  check({ statements }) {
    const hits: RuleHit[] = [];
    for (const statement of statements) {
      const m = SET_UNLOGGED.exec(statement.code);
      if (!m) continue;
      const table = baseName(m[1]!);
      hits.push({
        statement,
        line: lineAt(statement, m.index),
        message:
          `ALTER TABLE ${table} SET UNLOGGED: an unlogged table is truncated after a crash and is not WAL-logged ` +
          `(empty on replicas, missing from WAL backups/PITR), and the switch rewrites it under ACCESS EXCLUSIVE; ` +
          `a table kept for rollback must stay logged. To stop writes, REVOKE INSERT, UPDATE, DELETE ` +
          `(or add a trigger that raises) instead.`,
      });
    }
    return hits;
  },
};
