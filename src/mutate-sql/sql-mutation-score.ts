/**
 * What a run of the SQL mutants says: each mutant killed (a property failed on it), invalid (its SQL
 * does not even apply: a syntax or semantic error, SQLSTATE class 42, when the phase is set up on an
 * empty database, not from SQL built at run time — a compile error, not scored), equivalent (a reviewer said why it cannot be killed —
 * not scored), survived, or error (a property could not run: not scored, the run cannot vouch for it).
 */
import type { KillMatrixEntry } from '../runner/run-mutants.ts';
import type { SqlMutant } from './sql-mutant-defects.ts';
import { equivalenceOf } from './equivalent-sql-mutants.ts';

export type SqlMutantStatus = 'killed' | 'invalid' | 'equivalent' | 'survived' | 'error';

export interface SqlMutantResult {
  id: string;
  file: string;
  line: number;
  operator: string;
  from: string;
  to: string;
  status: SqlMutantStatus;
  killedBy?: string;
  /** Why it is equivalent, or the error that made it invalid. */
  why?: string;
  ms: number;
}

export interface SqlMutationScore {
  mutants: number;
  killed: number;
  survived: number;
  equivalent: number;
  invalid: number;
  errors: number;
  /** killed / (killed + survived), in percent with one decimal; null with nothing scored. */
  score: number | null;
}

/** A `mutants --sql` run: its score and every mutant (what --json prints and the report keeps). */
export interface SqlMutantsOutcome {
  score: SqlMutationScore;
  mutants: SqlMutantResult[];
}

const COMPILE_ERROR = /\(SQLSTATE 42[0-9A-Z]{3}\)$/;

/**
 * The mutant's SQL does not apply at all: a class-42 error while the phase is set up on an empty
 * database, raised by the statement itself. Not one raised by SQL a PL/pgSQL block built at run time
 * (the statement was valid and picked the wrong objects: `… is an index`), nor a failure of a later
 * rollback or re-apply between cases (the phase applied): the implementation failed — a kill.
 */
export function isCompileError(note: string | undefined, message: string): boolean {
  return (note?.includes('could not be set up on an empty database') ?? false) && COMPILE_ERROR.test(message) && !message.includes('(SQL built at run time: ');
}

export function sqlMutantResult(m: SqlMutant, e: KillMatrixEntry): SqlMutantResult {
  const base = { id: m.id, file: m.file, line: m.line, operator: m.operator, from: m.from, to: m.to, ms: e.ms };
  if (e.killed) {
    const first = e.results.find((r) => r.verdict === 'failed')!;
    const message = first.failure?.message ?? '';
    if (isCompileError(first.note, message)) return { ...base, status: 'invalid', why: message };
    return { ...base, status: 'killed', killedBy: first.property };
  }
  const why = equivalenceOf(m);
  if (why) return { ...base, status: 'equivalent', why };
  if (e.stale || e.errors.length > 0) return { ...base, status: 'error', why: e.stale ?? `could not run: ${e.errors.join(', ')}` };
  return { ...base, status: 'survived' };
}

export function sqlMutationScore(results: readonly SqlMutantResult[]): SqlMutationScore {
  const count = (s: SqlMutantStatus) => results.filter((r) => r.status === s).length;
  const killed = count('killed');
  const survived = count('survived');
  return {
    mutants: results.length,
    killed,
    survived,
    equivalent: count('equivalent'),
    invalid: count('invalid'),
    errors: count('error'),
    score: killed + survived === 0 ? null : Math.round((1000 * killed) / (killed + survived)) / 10,
  };
}
