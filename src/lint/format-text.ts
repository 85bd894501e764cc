/**
 * Text report of a lint run: one line per finding, `file:line severity rule message [source]`, then a
 * summary. Reads the result only.
 */
import type { Finding, LintResult } from './finding.ts';

export function formatFinding(f: Finding): string {
  return `${f.file}:${f.line} ${f.severity} ${f.rule} ${f.message} [${f.source}]`;
}

export function formatText(result: LintResult): string {
  const lines = result.findings.map(formatFinding);
  lines.push(summaryLine(result));
  for (const e of result.errors) lines.push(`error: ${e.message}`);
  return lines.join('\n');
}

export function summaryLine(result: LintResult): string {
  const count = (s: Finding['severity']): number => result.findings.filter((f) => f.severity === s).length;
  const n = result.findings.length;
  const files = result.files.length;
  const bySource = (s: Finding['source']): number => result.findings.filter((f) => f.source === s).length;
  return (
    `${n} finding${n === 1 ? '' : 's'} (${count('error')} error, ${count('warning')} warning, ${count('info')} info; ` +
    `${bySource('squawk')} from squawk, ${bySource('ours')} from our rules) in ${files} file${files === 1 ? '' : 's'}`
  );
}
