/**
 * The SQL an implementation's phases run, as lint sources — one per step and direction, each as the
 * executor runs it (after `SET lock_timeout`, which the lint cannot otherwise see; on a line 0 of its
 * own, so the SQL keeps its file's line numbers) — so the unsafe-DDL lint reads what the gates run and
 * points at the file it lives in:
 * - a step read from its own .sql file (src/contract/sql-step.ts): that file, read from disk;
 * - a step of a family: the family's template path, with the instance as rendered (values are one line
 *   each, so line N of an instance is line N of the template). squawk cannot parse a template's psql
 *   variables, so a template is linted through its instances, never alone;
 * - any other step (SQL kept in strings by another implementation, or a step rebuilt since it was read):
 *   a virtual file `src/migration/<phase>/<step>.<direction>.sql`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LOCK_TIMEOUT_MS } from '../contract/executor.ts';
import type { MigrationImplementation } from '../contract/implementation.ts';
import { PHASE_IDS } from '../contract/phase.ts';
import { sqlSourceOf } from '../contract/sql-step.ts';
import type { Step } from '../contract/step.ts';

export interface LintSource {
  /** Display path (relative to the project root when the file is under it). */
  file: string;
  content: string;
  /** Line in `file` of the content's first line (default 1). */
  firstLine?: number;
}

/** `root`: the project root the lint runs from (paths are shown relative to it). */
export function renderPhaseSources(impl: MigrationImplementation, root: string): LintSource[] {
  return PHASE_IDS.flatMap((id) => {
    const phase = impl.phases[id];
    const prologue = `SET lock_timeout = ${phase.executor.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS}; -- as src/contract/executor.ts runs every step\n`;
    const seen = new Set<string>();
    return [...phase.steps, ...phase.completeSteps]
      .filter((s) => !seen.has(s.name) && seen.add(s.name))
      .flatMap((s) =>
        (['up', 'down'] as const).flatMap((direction) => {
          const sql = s[direction];
          if (!sql) return [];
          const source = fileSource(s, direction, sql, root);
          return [source ? { file: source.file, content: `${prologue}${source.content}`, firstLine: 0 } : {
            file: `src/migration/${id}/${s.name}.${direction}.sql`,
            content: `${prologue}${sql.trim()}\n`,
          }];
        }),
      );
  });
}

/** The step's own file as on disk, or its template's path with the instance; undefined when it has neither. */
function fileSource(step: Step, direction: 'up' | 'down', sql: string, root: string): { file: string; content: string } | undefined {
  const from = sqlSourceOf(step)?.[direction];
  if (!from) return undefined;
  const file = displayPath(from.path, root);
  if (from.vars) return { file, content: `${sql}\n` };
  const onDisk = readFileSync(from.path, 'utf8');
  // The file changed since the step was read: lint what the step runs, not the file.
  return onDisk === `${sql}\n` || onDisk === sql ? { file, content: onDisk } : undefined;
}

function displayPath(file: string, root: string): string {
  const rel = path.relative(root, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}
