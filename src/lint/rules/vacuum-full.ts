/**
 * `VACUUM FULL` rewrites each table it touches under ACCESS EXCLUSIVE (no reads, no writes) and needs
 * disk for a full copy; without a table list it does that to every table in the database, one after
 * another. That is downtime, in a plan that promises none. Plain `VACUUM` (or pg_repack) reclaims space
 * online. Squawk 2.66 does not flag it.
 */
import { lineAt } from '../split-statements.ts';
import type { Rule, RuleHit } from './rule.ts';
import { splitTopLevel } from './sql-names.ts';

const VACUUM = /^\s*VACUUM\b(?:\s*(\(([^)]*)\)))?((?:\s+(?:FULL|FREEZE|VERBOSE|ANALYZE|ANALYSE)\b)*)([^;]*)/i;

export const vacuumFull: Rule = {
  id: 'vacuum-full',
  severity: 'error',
  summary: 'VACUUM FULL takes ACCESS EXCLUSIVE and rewrites every table it touches',
  check({ statements }) {
    const hits: RuleHit[] = [];
    for (const statement of statements) {
      const m = VACUUM.exec(statement.code);
      if (!m || !isFull(m[2], m[3] ?? '')) continue;
      const tables = (m[4] ?? '').trim();
      const what =
        tables === ''
          ? 'every table in the database, one at a time, each'
          : tables.replace(/\s+/g, ' ');
      hits.push({
        statement,
        line: lineAt(statement, m.index),
        message:
          `VACUUM FULL rewrites ${what} under ACCESS EXCLUSIVE (blocking reads and writes) and needs disk ` +
          `for a full copy: downtime. Use plain VACUUM (ANALYZE), or pg_repack for a table that must shrink.`,
      });
    }
    return hits;
  },
};

function isFull(parenOptions: string | undefined, legacyOptions: string): boolean {
  if (parenOptions !== undefined) {
    return splitTopLevel(parenOptions, ',').some((opt) => {
      const m = /^\s*FULL\b\s*(\S*)/i.exec(opt);
      return m !== null && !/^(false|off|0)$/i.test(m[1] ?? '');
    });
  }
  return /\bFULL\b/i.test(legacyOptions);
}
