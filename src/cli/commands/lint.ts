/**
 * `habit-verify lint [files…] [--project] [--json]`: lint SQL / Markdown for unsafe DDL (squawk plus
 * habit-verify's own rules). Returns the text to print and the exit code; the main CLI prints and exits.
 *
 * Exit codes: 0 no error-severity finding · 1 error findings · 2 bad usage or a missing / unreadable /
 * unsupported file · 3 squawk cannot run.
 */
import { formatJson } from '../../lint/format-json.ts';
import { formatText } from '../../lint/format-text.ts';
import { compareFindings, type LintResult } from '../../lint/finding.ts';
import { lintFiles, lintProject, PROJECT_SQL_DIR, type LintOptions } from '../../lint/lint.ts';
import { renderPhaseSources } from '../../lint/phase-sources.ts';
import { ourMigration } from '../../migration/implementation.ts';

export interface LintCommandArgs {
  /** Files to lint (.sql, .md), relative to the current directory or absolute. */
  files: string[];
  /**
   * Also lint every .sql file under `<root>/src/migration/`, and every step of our implementation as the
   * executor runs it (its own file, or its family's template once per instance).
   */
  project: boolean;
  json: boolean;
  /** Project root (for `--project`). */
  root: string;
}

export const LINT_EXIT = { ok: 0, findings: 1, usage: 2, squawk: 3 } as const;

/**
 * `opts` is for tests and embedding (e.g. another squawk binary); the CLI passes none. The output
 * always ends with a newline, so callers can write it as is.
 */
export async function lintCommand(
  args: LintCommandArgs,
  opts: Pick<LintOptions, 'squawk'> = {},
): Promise<{ output: string; exitCode: number }> {
  const { output, exitCode } = await run(args, opts);
  return { output: output.endsWith('\n') ? output : `${output}\n`, exitCode };
}

async function run(args: LintCommandArgs, opts: Pick<LintOptions, 'squawk'>): Promise<{ output: string; exitCode: number }> {
  if (args.files.length === 0 && !args.project) {
    return {
      output: `habit-verify lint: nothing to lint: give .sql / .md files, or --project for ${PROJECT_SQL_DIR}/**/*.sql`,
      exitCode: LINT_EXIT.usage,
    };
  }
  const results: LintResult[] = [];
  if (args.files.length > 0) results.push(await lintFiles(args.files, opts));
  if (args.project) results.push(await lintProject(args.root, { ...opts, extraSources: renderPhaseSources(ourMigration, args.root) }));
  const result = merge(results);

  const fileErrors = result.errors.filter((e) => e.kind === 'unreadable-file' || e.kind === 'unsupported-file');
  if (fileErrors.length > 0) {
    return { output: fileErrors.map((e) => `habit-verify lint: ${e.message}`).join('\n'), exitCode: LINT_EXIT.usage };
  }
  const squawkErrors = result.errors.filter((e) => e.kind === 'squawk-unavailable' || e.kind === 'squawk-failed');
  if (squawkErrors.length > 0) {
    const lines = squawkErrors.map((e) => `habit-verify lint: ${e.message}`);
    return { output: [...lines, 'habit-verify lint: squawk could not run, so the lint is incomplete'].join('\n'), exitCode: LINT_EXIT.squawk };
  }
  const hasErrors = result.findings.some((f) => f.severity === 'error');
  return {
    output: args.json ? formatJson(result.findings) : formatText(result),
    exitCode: hasErrors ? LINT_EXIT.findings : LINT_EXIT.ok,
  };
}

function merge(results: LintResult[]): LintResult {
  return {
    files: results.flatMap((r) => r.files),
    findings: results.flatMap((r) => r.findings).sort(compareFindings),
    errors: results.flatMap((r) => r.errors),
  };
}
