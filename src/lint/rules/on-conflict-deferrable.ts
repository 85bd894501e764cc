/**
 * `INSERT … ON CONFLICT (cols)` whose arbiter is a unique constraint declared DEFERRABLE (in the same
 * file, or in `--project` mode anywhere in the project's SQL). Postgres refuses to plan it: "ON CONFLICT
 * does not support deferrable unique constraints/exclusion constraints as arbiters". Inside a trigger
 * function that error aborts the write that fired the trigger. Squawk 2.66 does not flag it.
 */
import { lineAt, type Statement } from '../split-statements.ts';
import { deferrableConstraints, type DeferrableConstraint } from './deferrable-constraints.ts';
import type { Rule, RuleHit } from './rule.ts';
import { baseName, columnList, IDENT, matchingParen, QNAME, sameSet, unquote } from './sql-names.ts';

const INSERT_INTO = new RegExp(String.raw`\bINSERT\s+INTO\s+(${QNAME})`, 'i');
const ON_CONFLICT = new RegExp(String.raw`\bON\s+CONFLICT\s*(?:(\()|ON\s+CONSTRAINT\s+(${IDENT}))`, 'i');

export const onConflictDeferrable: Rule = {
  id: 'on-conflict-deferrable',
  severity: 'error',
  summary: 'ON CONFLICT whose arbiter is a DEFERRABLE unique constraint: Postgres rejects the statement',
  check({ statements, scope }) {
    const deferrable = deferrableConstraints(scope);
    if (deferrable.length === 0) return [];
    const hits: RuleHit[] = [];
    for (const statement of statements) {
      const hit = check(statement, deferrable);
      if (hit) hits.push(hit);
    }
    return hits;
  },
};

function check(statement: Statement, deferrable: DeferrableConstraint[]): RuleHit | undefined {
  const insert = INSERT_INTO.exec(statement.code);
  const conflict = ON_CONFLICT.exec(statement.code);
  if (!insert || !conflict) return undefined;
  const table = baseName(insert[1]!);
  let arbiter: DeferrableConstraint | undefined;
  let target: string;
  if (conflict[1] !== undefined) {
    const open = conflict.index + conflict[0].length - 1;
    const close = matchingParen(statement.code, open);
    if (close === -1) return undefined;
    const columns = columnList(statement.code.slice(open + 1, close - 1));
    target = `(${columns.join(', ')})`;
    arbiter = deferrable.find((c) => c.table === table && sameSet(c.columns, columns));
  } else {
    const name = unquote(conflict[2]!);
    target = `ON CONSTRAINT ${name}`;
    arbiter = deferrable.find((c) => c.table === table && c.name === name);
  }
  if (!arbiter) return undefined;
  const declared = arbiter.name === undefined ? `${arbiter.kind} (${arbiter.columns.join(', ')})` : arbiter.name;
  const where = `${arbiter.statement.chunk.file}:${arbiter.line}`;
  return {
    statement,
    line: lineAt(statement, conflict.index),
    message:
      `ON CONFLICT ${target} on ${table}: its arbiter ${declared} is declared DEFERRABLE (${where}); Postgres ` +
      `rejects the statement ("ON CONFLICT does not support deferrable unique constraints/exclusion ` +
      `constraints as arbiters")${statement.depth > 0 ? ', aborting the write that called this function' : ''}. ` +
      `Declare the constraint NOT DEFERRABLE.`,
  };
}
