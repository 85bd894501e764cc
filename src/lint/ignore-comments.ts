/**
 * Suppressing a finding on purpose, with a reason.
 *
 * - squawk's rules: squawk's own syntax, which squawk applies itself —
 *   `-- squawk-ignore ban-drop-table -- legacy table, read-only for a week first` on the line before
 *   the statement (or at the end of its line); `-- squawk-ignore-file rule` for the whole file.
 * - habit-verify's rules (squawk reports names it does not know in `squawk-ignore` as `unused-ignore`):
 *   `-- hv-lint-ignore set-unlogged, vacuum-full -- why this is safe here`, same placement;
 *   `-- hv-lint-ignore-file rule -- why` for the whole file (in Markdown: the whole ```sql block).
 *   It matches any rule id, squawk's included, but squawk's own comment is the one to use for those.
 *
 * The reason goes after a second `--`. An `hv-lint-ignore` without one, or without a rule name, does not
 * suppress anything; an ignore comment of either kind without a reason is reported (`invalid-ignore`).
 */
import { lineOfOffset, type SqlChunk } from './extract-sql.ts';
import type { Finding } from './finding.ts';
import { tokenize } from './sql-tokens.ts';

export interface IgnoreDirective {
  tool: 'squawk' | 'hv-lint';
  /** 1-based line of the comment in the original file. */
  line: number;
  fileWide: boolean;
  /** The comment follows code on its line (applies to that line, not the next). */
  trailing: boolean;
  rules: string[];
  reason: string | undefined;
}

const DIRECTIVE = /^(squawk-ignore|hv-lint-ignore)(-file)?(?:\s+|$)(.*)$/;

/** Ignore comments of a chunk (top-level comments only: not inside function bodies). */
export function ignoreDirectives(chunk: SqlChunk): IgnoreDirective[] {
  const out: IgnoreDirective[] = [];
  for (const t of tokenize(chunk.text)) {
    if (t.kind !== 'line-comment' && t.kind !== 'block-comment') continue;
    const raw = chunk.text.slice(t.start, t.end);
    const body = (t.kind === 'line-comment' ? raw.slice(2) : raw.slice(2, -2)).trim();
    const m = DIRECTIVE.exec(body);
    if (!m) continue;
    const [names = '', ...reasonParts] = (m[3] ?? '').split('--');
    const reason = reasonParts.join('--').trim();
    const lineStart = chunk.text.lastIndexOf('\n', t.start - 1) + 1;
    out.push({
      tool: m[1] === 'squawk-ignore' ? 'squawk' : 'hv-lint',
      line: lineOfOffset(chunk, t.start),
      fileWide: m[2] !== undefined,
      trailing: chunk.text.slice(lineStart, t.start).trim() !== '',
      rules: names.split(',').map((n) => n.trim()).filter((n) => n !== ''),
      reason: reason === '' ? undefined : reason,
    });
  }
  return out;
}

/** A finding plus where it sits, so an ignore comment can match it. */
export interface LocatedFinding {
  finding: Finding;
  chunk: SqlChunk;
  /** 1-based line where the statement the finding is about starts (own rules only). */
  statementLine?: number;
}

/** Drop the findings an effective `hv-lint-ignore` covers; report malformed ignore comments. */
export function applyIgnores(
  located: readonly LocatedFinding[],
  directives: ReadonlyMap<SqlChunk, readonly IgnoreDirective[]>,
): { kept: Finding[]; problems: Finding[] } {
  const problems: Finding[] = [];
  for (const [chunk, list] of directives) {
    for (const d of list) {
      const problem = directiveProblem(d);
      if (problem) {
        problems.push({ rule: 'invalid-ignore', severity: 'warning', file: chunk.file, line: d.line, message: problem, source: 'ours' });
      }
    }
  }
  const kept = located
    .filter(({ finding, chunk, statementLine }) => {
      const list = directives.get(chunk) ?? [];
      return !list.some((d) => isEffective(d) && d.rules.includes(finding.rule) && covers(d, finding.line, statementLine));
    })
    .map((l) => l.finding);
  return { kept, problems };
}

const isEffective = (d: IgnoreDirective): boolean => d.tool === 'hv-lint' && d.reason !== undefined && d.rules.length > 0;

function covers(d: IgnoreDirective, line: number, statementLine: number | undefined): boolean {
  if (d.fileWide) return true;
  const target = d.trailing ? d.line : d.line + 1;
  return line === target || statementLine === target;
}

function directiveProblem(d: IgnoreDirective): string | undefined {
  const syntax = `${d.tool}-ignore${d.fileWide ? '-file' : ''}`;
  if (d.rules.length === 0 && d.tool === 'hv-lint') {
    return `${syntax} names no rule, so it suppresses nothing: write \`-- ${syntax} <rule>[, <rule>] -- <reason>\`.`;
  }
  if (d.rules.some((r) => /\s/.test(r))) {
    return `${syntax} ${d.rules.join(', ')}: rule names are comma-separated; put the reason after \` -- \`.`;
  }
  if (d.reason === undefined) {
    return d.tool === 'hv-lint'
      ? `${syntax} ${d.rules.join(', ')} has no reason, so it suppresses nothing: add \` -- <why this is safe here>\`.`
      : `${syntax} ${d.rules.join(', ') || '(all rules)'} has no reason: add \` -- <why this is safe here>\`.`;
  }
  return undefined;
}
