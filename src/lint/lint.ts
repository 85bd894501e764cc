/**
 * The unsafe-DDL lint: squawk's rules plus habit-verify's own (`rules/`), over .sql files and the
 * ```sql blocks of Markdown files. Returns a {@link LintResult}; never prints, never exits, never throws
 * for a bad file or a missing squawk (those are `errors` in the result).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isSqlTemplate } from '../contract/sql-step.ts';
import { extractSql, makeChunk, sourceKindOf, type SqlChunk } from './extract-sql.ts';
import { compareFindings, type Finding, type LintError, type LintResult } from './finding.ts';
import { applyIgnores, ignoreDirectives, type IgnoreDirective, type LocatedFinding } from './ignore-comments.ts';
import { RULES } from './rules/index.ts';
import type { Rule } from './rules/rule.ts';
import { runRules } from './run-rules.ts';
import { flattenStatements, splitStatements, type Statement } from './split-statements.ts';
import { runSquawk, type SquawkOptions } from './squawk.ts';

export interface LintOptions {
  /** Base for relative paths (default `process.cwd()`). Findings keep the paths as given. */
  cwd?: string;
  /**
   * Resolve cross-references (a constraint declared DEFERRABLE, a trigger's function) across all the
   * files of the run instead of within each file. `lintProject` turns it on.
   */
  sharedScope?: boolean;
  /** Options for squawk, or `false` to run only habit-verify's own rules. */
  squawk?: SquawkOptions | false;
  /** Own rules to run (default: all of {@link RULES}). */
  rules?: readonly Rule[];
  /**
   * SQL given as text, linted with the files as if it were `file` (whose line `firstLine`, default 1,
   * is the content's first): e.g. the steps of an implementation as the executor runs them
   * (phase-sources.ts). `lintProject` lints a file given here only through this text.
   */
  extraSources?: ReadonlyArray<{ file: string; content: string; firstLine?: number }>;
}

/** Where the project's own migration SQL lives, relative to the project root. */
export const PROJECT_SQL_DIR = 'src/migration';

interface ParsedFile {
  file: string;
  chunks: SqlChunk[];
  statements: Statement[];
}

/** Lint the given .sql / .md files. */
export async function lintFiles(paths: readonly string[], opts: LintOptions = {}): Promise<LintResult> {
  const cwd = opts.cwd ?? process.cwd();
  const errors: LintError[] = [];
  const parsed: ParsedFile[] = [];
  for (const file of paths) {
    const kind = sourceKindOf(file);
    if (kind === undefined) {
      errors.push({ kind: 'unsupported-file', file, message: `${file}: not a .sql or .md file; lint reads SQL files and the \`\`\`sql blocks of Markdown` });
      continue;
    }
    let content: string;
    try {
      content = await readFile(path.resolve(cwd, file), 'utf8');
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      errors.push({ kind: 'unreadable-file', file, message: `${file}: cannot read (${e.code ?? e.message})` });
      continue;
    }
    const chunks = extractSql(file, content, kind);
    parsed.push({ file, chunks, statements: flattenStatements(chunks.flatMap(splitStatements)) });
  }
  for (const { file, content, firstLine } of opts.extraSources ?? []) {
    const chunks = [makeChunk(file, firstLine ?? 1, content.replace(/\r\n?/g, '\n'))];
    parsed.push({ file, chunks, statements: flattenStatements(chunks.flatMap(splitStatements)) });
  }

  const sharedScope = opts.sharedScope ? parsed.flatMap((p) => p.statements) : undefined;
  const located: LocatedFinding[] = parsed.flatMap((p) =>
    runRules(opts.rules ?? RULES, p.statements, sharedScope ?? p.statements),
  );

  const allChunks = parsed.flatMap((p) => p.chunks);
  if (opts.squawk !== false) {
    const squawk = await runSquawk(allChunks, { cwd, ...opts.squawk });
    errors.push(...squawk.errors);
    for (const finding of squawk.findings) located.push({ finding, chunk: squawk.chunkOf.get(finding)! });
  }

  const directives = new Map<SqlChunk, IgnoreDirective[]>(allChunks.map((c) => [c, ignoreDirectives(c)]));
  const { kept, problems } = applyIgnores(located, directives);
  return { files: [...new Set(parsed.map((p) => p.file))], findings: dedupe([...kept, ...problems]).sort(compareFindings), errors };
}

/**
 * Lint every .sql file under `<root>/src/migration/`, cross-referencing across all of them. A file that
 * `opts.extraSources` gives as text (a step as the executor runs it) is linted as that text only. A
 * family's template (`*.template.up.sql`) is linted through the instances given as extra sources, not
 * alone: squawk cannot parse its psql variables.
 */
export async function lintProject(root: string, opts: LintOptions = {}): Promise<LintResult> {
  const given = new Set((opts.extraSources ?? []).map((s) => path.resolve(root, s.file)));
  const files = (await projectSqlFiles(root)).filter((f) => !isSqlTemplate(f) && !given.has(path.resolve(root, f)));
  return lintFiles(files, { ...opts, cwd: root, sharedScope: true });
}

/** The project's SQL files, relative to `root` with `/` separators, sorted; none if the dir is absent. */
export async function projectSqlFiles(root: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(path.join(root, PROJECT_SQL_DIR), { recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.toLowerCase().endsWith('.sql'))
    .map((e) => `${PROJECT_SQL_DIR}/${e.split(path.sep).join('/')}`)
    .sort();
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify([f.file, f.line, f.rule, f.message, f.source]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
