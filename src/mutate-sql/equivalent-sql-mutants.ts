/**
 * SQL mutants that cannot be killed because they do not change what the migration does, each with the
 * reason (a reviewer's judgement, written after reading the survivor). Keyed by file, the trimmed line,
 * and the edit, so a mutant keeps its entry when lines move; an entry whose line changed no longer
 * matches, and the mutant shows as a survivor again until someone looks at it.
 */
import type { SqlMutant } from './sql-mutant-defects.ts';

export interface EquivalentSqlMutant {
  /** The file under src/migration: `phase-0/sql/create-drift-function.up.sql`. */
  file: string;
  /** The line as the mutant reports it (`lineText`). */
  line: string;
  from: string;
  to: string;
  why: string;
}

export const EQUIVALENT_SQL_MUTANTS: readonly EquivalentSqlMutant[] = [];

/** Why the mutant is equivalent, or undefined when nobody said it is. */
export function equivalenceOf(m: SqlMutant): string | undefined {
  return EQUIVALENT_SQL_MUTANTS.find((e) => m.file.endsWith(e.file) && e.line === m.lineText && e.from === m.from && e.to === m.to)?.why;
}
