/**
 * The SQL mutants of the migration as defects: each edit of a step file (src/migration/phase-N/sql/)
 * becomes a broken variant that rebuilds every step read from that file with the edited text (a
 * template's steps re-filled with their variables). An up file's mutant is judged by its phase's gate,
 * a down file's by the rollback gate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { MigrationImplementation } from '../contract/implementation.ts';
import { PHASE_IDS, type PhaseId } from '../contract/phase.ts';
import { sqlSourceOf } from '../contract/sql-step.ts';
import { interpolatePsqlVariables } from '../contract/psql-variables.ts';
import type { Step } from '../contract/step.ts';
import type { Defect } from '../defects/defect.ts';
import { StaleDefectError } from '../defects/defect.ts';
import { mapStep } from '../defects/transform.ts';
import { PROJECT_ROOT } from '../db/project-paths.ts';
import { sqlEdits, type SqlEdit, type SqlMutationOperator } from './sql-mutants.ts';

export interface SqlMutant extends Defect {
  /** Relative to the project: `src/migration/phase-0/sql/create-drift-function.up.sql`. */
  file: string;
  line: number;
  /** The edit's column (1-based) on that line. */
  col: number;
  operator: SqlMutationOperator;
  /** The text replaced and its replacement (one line each, for the report). */
  from: string;
  to: string;
  /** The file's line, trimmed: with `from` and `to`, what {@link EQUIVALENT_SQL_MUTANTS} keys on. */
  lineText: string;
}

const MIGRATION_DIR = join(PROJECT_ROOT, 'src', 'migration');

/** Every mutant of every step file, phase by phase, file by file, in file order. */
export function sqlMutants(): SqlMutant[] {
  return PHASE_IDS.flatMap((phase) => {
    const dir = join(MIGRATION_DIR, phase, 'sql');
    return readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .flatMap((f) => mutantsOfFile(phase, join(dir, f)));
  });
}

function mutantsOfFile(phase: PhaseId, path: string): SqlMutant[] {
  const text = readFileSync(path, 'utf8');
  const direction = path.endsWith('.down.sql') ? 'down' : 'up';
  const file = relative(PROJECT_ROOT, path);
  return sqlEdits(text).map((e) => {
    const before = text.slice(0, e.at).split('\n');
    const line = before.length;
    const col = before.at(-1)!.length + 1;
    const from = oneLine(text.slice(e.at, e.at + e.length));
    const to = oneLine(e.replacement);
    const id = `${relative(MIGRATION_DIR, path)}:${line}:${col}:${e.operator}:${from || '∅'}→${to || '∅'}`;
    return {
      id,
      phases: [direction === 'up' ? phase : 'rollback'],
      description: `${e.operator} at line ${line}: ${from || '(nothing)'} → ${to || '(nothing)'}`,
      planReference: 'SQL mutant',
      expectedKillers: [],
      file,
      line,
      col,
      operator: e.operator,
      from,
      to,
      lineText: text.split('\n')[line - 1]!.trim(),
      apply: (impl) => applyEdit(id, impl, phase, path, direction, text, e),
    };
  });
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 70 ? `${flat.slice(0, 67)}…` : flat;
}

/** The implementation with every step read from `path` rebuilt from the edited text. */
function applyEdit<I extends MigrationImplementation>(id: string, impl: I, phase: PhaseId, path: string, direction: 'up' | 'down', text: string, e: SqlEdit): I {
  const edited = text.slice(0, e.at) + e.replacement + text.slice(e.at + e.length);
  const body = edited.endsWith('\n') ? edited.slice(0, -1) : edited;
  let out = impl;
  let hits = 0;
  for (const list of ['steps', 'completeSteps'] as const) {
    for (const step of impl.phases[phase][list]) {
      const file = sqlSourceOf(step)?.[direction];
      if (file?.path !== path) continue;
      hits++;
      const sql = file.vars ? interpolatePsqlVariables(body, file.vars, path).sql : body;
      out = mapStep(id, out, phase, step.name, (s: Step) => ({ ...s, [direction]: sql }), list);
    }
  }
  if (hits === 0) throw new StaleDefectError(id, `no step of ${phase} is read from ${relative(PROJECT_ROOT, path)} (another implementation?)`);
  return out;
}
