/**
 * `ALTER TABLE t ADD CONSTRAINT … NOT VALID` where t is created earlier in the same file. NOT VALID only
 * skips checking rows that already exist; a new table has none, so it changes nothing, and the
 * constraint is enforced on every row inserted afterwards — the backfill included. The plan's comments
 * read it as "not applied yet"; rows the legacy table holds that violate it then fail the backfill.
 */
import { lineAt } from '../split-statements.ts';
import type { Rule, RuleHit } from './rule.ts';
import { baseName, createdTable, IDENT, QNAME } from './sql-names.ts';

const ADD_NOT_VALID = new RegExp(
  String.raw`^\s*ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(${QNAME})\s+ADD\s+(?:CONSTRAINT\s+(${IDENT})\s+)?[\s\S]*?\bNOT\s+VALID\b`,
  'i',
);

export const notValidOnNewTable: Rule = {
  id: 'not-valid-on-new-table',
  severity: 'warning',
  summary: 'NOT VALID on a table created in the same file: no effect, the constraint is enforced on every insert',
  check({ statements }) {
    const hits: RuleHit[] = [];
    const createdHere = new Set<string>();
    for (const statement of statements) {
      const created = createdTable(statement);
      if (created !== undefined) createdHere.add(created);
      const m = ADD_NOT_VALID.exec(statement.code);
      if (!m || !createdHere.has(baseName(m[1]!))) continue;
      const table = baseName(m[1]!);
      const name = m[2] === undefined ? 'the constraint' : `constraint ${baseName(m[2])}`;
      hits.push({
        statement,
        line: lineAt(statement, m.index),
        message:
          `${name} is added NOT VALID to ${table}, which this file creates: NOT VALID only skips rows that ` +
          `already exist (none here) and ${name === 'the constraint' ? 'it' : 'the constraint'} is enforced on ` +
          `every row inserted afterwards, the backfill included. Add it after the backfill (NOT VALID, then ` +
          `VALIDATE CONSTRAINT), or clean the data it would reject first.`,
      });
    }
    return hits;
  },
};
