/**
 * The children table's own guard of the rule child_name_length (check_name_length): the backfill
 * quarantines such names before they reach it, so only a direct insert shows whether the table would
 * keep out what the rule keeps out — names of 0, 1, 100 and 101 code points, in three-byte characters
 * (a length in bytes shows). Inserted in a transaction that is rolled back.
 */
import type pg from 'pg';
import { childNameLengthOk } from './canonical.ts';

export interface NameLengthProblem {
  codePoints: number;
  expected: 'accepted' | 'refused';
  actual: 'accepted' | 'refused';
  error?: string;
}

const LENGTHS = [0, 1, 100, 101] as const;
const OWNER = 'c4e0c4e0-0000-4000-8000-00000000c4e0';

/** The names whose acceptance by public.children differs from the rule's. */
export async function nameLengthProblems(client: pg.ClientBase): Promise<NameLengthProblem[]> {
  const problems: NameLengthProblem[] = [];
  await client.query('BEGIN');
  try {
    await client.query(`INSERT INTO auth.users (id, email) VALUES ($1, 'name-length@example.com') ON CONFLICT DO NOTHING`, [OWNER]);
    for (const n of LENGTHS) {
      const name = '가'.repeat(n);
      const expected = childNameLengthOk(name) ? 'accepted' : 'refused';
      await client.query('SAVEPOINT name_length');
      let error: string | undefined;
      try {
        await client.query('INSERT INTO public.children (user_id, name) VALUES ($1, $2)', [OWNER, name]);
      } catch (err) {
        const e = err as { code?: string; message: string };
        // a CHECK refusal is the answer; anything else is not ours to judge here
        if (e.code !== '23514') throw err;
        error = e.message;
      }
      await client.query('ROLLBACK TO SAVEPOINT name_length');
      const actual = error === undefined ? 'accepted' : 'refused';
      if (actual !== expected) problems.push({ codePoints: n, expected, actual, ...(error ? { error } : {}) });
    }
  } finally {
    await client.query('ROLLBACK');
  }
  return problems;
}
