/**
 * Shared helpers for the lint tests: run habit-verify's own rules on an SQL string, and find the plan.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeChunk } from '../../src/lint/extract-sql.ts';
import type { Finding } from '../../src/lint/finding.ts';
import type { Rule } from '../../src/lint/rules/rule.ts';
import { runRules } from '../../src/lint/run-rules.ts';
import { flattenStatements, splitStatements } from '../../src/lint/split-statements.ts';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** CI checks out `shared/` beside the clone. */
export const PLAN_PATH = path.resolve(PROJECT_ROOT, '../shared/seed/MIGRATION_PLAN_v2.md');
export const PLAN_PRESENT = existsSync(PLAN_PATH);

/** Own-rule findings of `sql` (as file `t.sql`), no squawk. */
export function ruleFindings(rule: Rule, sql: string): Finding[] {
  const statements = flattenStatements(splitStatements(makeChunk('t.sql', 1, sql)));
  return runRules([rule], statements, statements).map((l) => l.finding);
}

/** `[rule, line]` pairs, for compact assertions. */
export const ruleLines = (findings: readonly Finding[]): Array<[string, number]> =>
  findings.map((f) => [f.rule, f.line]);
