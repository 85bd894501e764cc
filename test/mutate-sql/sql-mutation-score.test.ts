import { describe, expect, test } from 'vitest';
import { isCompileError } from '../../src/mutate-sql/sql-mutation-score.ts';
import { dynamicSqlContext } from '../../src/contract/executor.ts';

const EMPTY = 'the migration could not be set up on an empty database (no data involved)';
const BETWEEN = 'the migration could not be set up again between cases, on the database the harness had reset (no data involved)';

describe('isCompileError: a mutant is invalid only when its SQL itself does not apply', () => {
  test('a syntax or semantic error while the phase is set up on an empty database', () => {
    expect(isCompileError(EMPTY, 'MigrationError: step x (up) failed: syntax error at or near "<>" (SQLSTATE 42601)')).toBe(true);
  });
  test('not an error of SQL a PL/pgSQL block built at run time: the mutant ran and picked the wrong objects', () => {
    const msg = `MigrationError: step rls-privileges (up) failed: "backfill_progress_pkey" is an index${dynamicSqlContext({ where: 'SQL statement "REVOKE …"\nPL/pgSQL function inline_code_block line 7 at EXECUTE' })} (SQLSTATE 42809)`;
    expect(msg).toContain('SQL built at run time: PL/pgSQL function inline_code_block line 7 at EXECUTE');
    expect(isCompileError(EMPTY, msg)).toBe(false);
  });
  test('not a rollback or re-apply that fails between cases (the phase applied): a kill', () => {
    expect(isCompileError(BETWEEN, "Phase 2's rollback failed: step rls-privileges (down) failed: relation \"x\" does not exist (SQLSTATE 42P01)")).toBe(false);
  });
  test('not another class', () => {
    expect(isCompileError(EMPTY, 'MigrationError: step x (up) failed: division by zero (SQLSTATE 22012)')).toBe(false);
  });
  test('no context, or a static statement: nothing added', () => {
    expect(dynamicSqlContext(new Error('x'))).toBe('');
    expect(dynamicSqlContext({ where: 'PL/pgSQL function f() line 3 at SQL statement' })).toBe('');
  });
});
