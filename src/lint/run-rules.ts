/**
 * Apply habit-verify's own rules to one file's statements.
 */
import type { Statement } from './split-statements.ts';
import type { LocatedFinding } from './ignore-comments.ts';
import type { Rule } from './rules/rule.ts';

export function runRules(
  rules: readonly Rule[],
  statements: readonly Statement[],
  scope: readonly Statement[],
): LocatedFinding[] {
  const out: LocatedFinding[] = [];
  for (const rule of rules) {
    for (const hit of rule.check({ statements, scope })) {
      out.push({
        finding: {
          rule: rule.id,
          severity: rule.severity,
          file: hit.statement.chunk.file,
          line: hit.line,
          message: hit.message,
          source: 'ours',
        },
        chunk: hit.statement.chunk,
        statementLine: topLevelLine(hit.statement, statements),
      });
    }
  }
  return out;
}

/** The line of the top-level statement containing `s` (an ignore comment sits above that one). */
function topLevelLine(s: Statement, statements: readonly Statement[]): number {
  if (s.depth === 0) return s.line;
  const parent = statements.find((p) => p.depth === 0 && p.chunk === s.chunk && p.start <= s.start && s.end <= p.end);
  return parent?.line ?? s.line;
}
