/**
 * JSON report of a lint run: exactly `{ "findings": [{ rule, severity, file, line, message, source }] }`.
 */
import type { Finding } from './finding.ts';

export function formatJson(findings: readonly Finding[]): string {
  const out = findings.map(({ rule, severity, file, line, message, source }) => ({ rule, severity, file, line, message, source }));
  return JSON.stringify({ findings: out }, null, 2);
}
