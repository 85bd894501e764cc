/**
 * Steps whose SQL lives in .sql files, one per step and direction — `<dir>/<step>.up.sql` and, when the
 * step can be undone, `<dir>/<step>.down.sql` — so the SQL reads, diffs, lints and runs with psql as it
 * is (pgroll keeps its SQL as named files too). A file holds the SQL exactly as the executor runs it,
 * plus one final newline.
 *
 * A family of steps that differ only by a name (one per table, constraint or index) shares a template,
 * `<dir>/<family>.template.up.sql` (and `.down.sql`), whose psql variables (`:table`, `:'v'`, `:"v"`)
 * are filled from `vars`: the same template runs with `psql -v table=children -f …`. psql does not
 * substitute inside dollar-quoted bodies, so names a function body uses are written out in the file.
 *
 * Files are read once, when the phase module is loaded; a missing up file fails the load, naming it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Step } from './step.ts';
import { interpolatePsqlVariables, SqlTemplateError } from './psql-variables.ts';

export interface SqlStepOptions {
  /** Why the step exists (the comment a reviewer reads). */
  why: string;
  /** false for CREATE/DROP INDEX CONCURRENTLY, VACUUM (see {@link Step.transactional}). */
  transactional?: boolean;
  concurrentIndex?: string;
  stage?: string;
  /** Render `<family>.template.{up,down}.sql` with `vars` instead of reading `<step>.{up,down}.sql`. */
  template?: { family: string; vars: Readonly<Record<string, string>> };
}

/** Where one direction of a step's SQL was read from. */
export interface SqlStepFile {
  /** Absolute path of the .sql file (the template, for a family's step). */
  path: string;
  /** The values filled into the template; absent for a step's own file. */
  vars?: Readonly<Record<string, string>>;
}

export interface SqlStepSource {
  up: SqlStepFile;
  down?: SqlStepFile;
}

/** A family's template (`<family>.template.up.sql`, `.down.sql`): SQL with psql variables, not runnable alone. */
export function isSqlTemplate(file: string): boolean {
  return /\.template\.(up|down)\.sql$/.test(file);
}

/** Builds one step from its files in a phase's sql/ folder. */
export type SqlStepLoader = (name: string, opts: SqlStepOptions) => Step;

// By identity: a step rebuilt from this one (a broken variant's patched copy) is no longer the file's.
const SOURCES = new WeakMap<Step, SqlStepSource>();

/** The loader of the steps in `dir` (e.g. `new URL('./sql/', import.meta.url)`). */
export function sqlStepsIn(dir: URL): SqlStepLoader {
  return (name, opts) => {
    const base = opts.template ? `${opts.template.family}.template` : name;
    const used = new Set<string>();
    const read = (direction: 'up' | 'down'): { sql: string; file: SqlStepFile } | undefined => {
      const path = fileURLToPath(new URL(`${base}.${direction}.sql`, dir));
      if (!existsSync(path)) return undefined;
      const text = withoutFinalNewline(readFileSync(path, 'utf8'));
      if (!opts.template) return { sql: text, file: { path } };
      const filled = interpolatePsqlVariables(text, opts.template.vars, path);
      for (const v of filled.used) used.add(v);
      return { sql: filled.sql, file: { path, vars: opts.template.vars } };
    };
    const up = read('up');
    if (!up) throw new SqlTemplateError(`step ${name}: ${fileURLToPath(new URL(`${base}.up.sql`, dir))} does not exist; every step has an up file`);
    const down = read('down');
    const unused = Object.keys(opts.template?.vars ?? {}).filter((v) => !used.has(v));
    if (unused.length > 0) throw new SqlTemplateError(`step ${name}: the template ${base} has no :${unused.join(', :')}; remove it from vars or use it`);
    const step: Step = {
      name,
      why: opts.why,
      up: up.sql,
      ...(down ? { down: down.sql } : {}),
      ...(opts.transactional !== undefined ? { transactional: opts.transactional } : {}),
      ...(opts.concurrentIndex !== undefined ? { concurrentIndex: opts.concurrentIndex } : {}),
      ...(opts.stage !== undefined ? { stage: opts.stage } : {}),
    };
    SOURCES.set(step, { up: up.file, ...(down ? { down: down.file } : {}) });
    return step;
  };
}

/** The files a step was read from, or undefined when it was not built by {@link sqlStepsIn} (or was rebuilt since). */
export function sqlSourceOf(step: Step): SqlStepSource | undefined {
  return SOURCES.get(step);
}

/** The file holds the SQL and one final newline (as editors and `git diff` want it). */
function withoutFinalNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}
