/**
 * What the unsafe-DDL lint reports: findings (from squawk or from our own rules) and the errors that
 * stopped part of a run from happening at all.
 */
export type Severity = 'error' | 'warning' | 'info';

/** Who produced a finding: the squawk binary, or one of habit-verify's own rules in `src/lint/rules/`. */
export type FindingSource = 'squawk' | 'ours';

export interface Finding {
  /** Rule id: squawk's `rule_name` (e.g. `ban-drop-table`) or ours (e.g. `set-unlogged`). */
  rule: string;
  severity: Severity;
  /** The path as the caller gave it (for `--project`, relative to the project root). */
  file: string;
  /** 1-based line in `file` (for Markdown, the line in the .md, not in the code block). */
  line: number;
  message: string;
  source: FindingSource;
}

/**
 * Why (part of) a lint run could not happen. `unreadable-file` / `unsupported-file` are the caller's
 * fault (CLI exit 2); `squawk-unavailable` / `squawk-failed` are infrastructure (CLI exit 3).
 */
export type LintError =
  | { kind: 'unreadable-file'; file: string; message: string }
  | { kind: 'unsupported-file'; file: string; message: string }
  | { kind: 'squawk-unavailable'; message: string }
  | { kind: 'squawk-failed'; file: string; message: string };

export interface LintResult {
  /** Every file that was read and linted, in the order given. */
  files: string[];
  /** Sorted by file, line, rule. */
  findings: Finding[];
  errors: LintError[];
}

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

/** Sort by file, then line, then rule (then message, so the order is total and stable). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.file, b.file) || a.line - b.line || cmp(a.rule, b.rule) || cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
