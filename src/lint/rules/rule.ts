/**
 * The contract of habit-verify's own lint rules: the checks squawk (2.66) does not make on this
 * migration. A rule is a pure function over parsed statements; it never reads files or runs squawk.
 */
import type { Severity } from '../finding.ts';
import type { Statement } from '../split-statements.ts';

export interface RuleContext {
  /** Every statement of the file being linted (all chunks, nested function bodies included), in order. */
  readonly statements: readonly Statement[];
  /**
   * Every statement visible for cross-references (constraint declarations, trigger functions): the
   * same file, or, in `--project` mode, all the project's SQL. Includes `statements`.
   */
  readonly scope: readonly Statement[];
}

/** Where and why a rule fired; the runner adds the rule id, severity, file and source. */
export interface RuleHit {
  statement: Statement;
  /** 1-based line in the original file. */
  line: number;
  message: string;
}

export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  /** One line on what the rule guards against (for docs and `--help`). */
  readonly summary: string;
  check(ctx: RuleContext): RuleHit[];
}
