import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type pg from 'pg';
import { InputError } from '../generate/input-error.ts';
import { parseJsonDataset } from '../generate/serialize.ts';
import { makeChunk } from '../lint/extract-sql.ts';
import { splitStatements } from '../lint/split-statements.ts';
import { loadDataset } from './load-dataset.ts';

export interface LoadCounts {
  users: number;
  legacyRows: number;
  statements: number;
}

/** What a legacy dump may do: fill auth.users and habit_tracker, and move the id sequence. */
const ALLOWED = [
  /^insert\s+into\s+(auth\.users|(public\.)?habit_tracker)\b/i,
  /^select\s+(pg_catalog\.)?setval\s*\(/i,
  /^set\s+(local\s+)?[a-z_.]+\s*(=|to)/i,
  /^select\s+pg_catalog\.set_config\s*\(/i,
];
/** Transaction control in the dump is ignored: the whole dump runs in one transaction of ours. */
const TRANSACTION = /^(begin|commit|end|start\s+transaction)\b/i;

/**
 * Loads a legacy dump (.json from `generate`, or .sql of INSERTs) into a fresh database in ONE
 * transaction: a malformed dump changes nothing and raises an InputError (exit 2) naming the file,
 * the line and the statement (or row), with Postgres's own message and SQLSTATE.
 */
export async function loadDump(client: pg.ClientBase, file: string): Promise<LoadCounts> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(file, 'file', `cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, 'check the path', { cause: err });
  }
  const ext = extname(file).toLowerCase();
  if (ext === '.json') {
    const dataset = parseJsonDataset(text, file);
    await client.query('BEGIN');
    try {
      await loadDataset(client, dataset);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      const e = err as { message: string; code?: string };
      throw new InputError(file, 'rows', `Postgres rejected the data: ${e.message}${e.code ? ` (SQLSTATE ${e.code})` : ''}`, 'fix the row named in the message', { cause: err });
    }
    return { users: dataset.users.length, legacyRows: dataset.rows.length, statements: 2 };
  }
  if (ext !== '.sql') throw new InputError(file, 'file name', `unsupported dump type ${JSON.stringify(ext || '(none)')}`, 'give a .sql dump (INSERT statements) or a .json dataset');

  const statements = splitStatements(makeChunk(file, 1, text)).filter((s) => s.code.trim() !== '' && s.code.trim() !== ';');
  for (const s of statements) {
    const head = s.code.trim();
    if (TRANSACTION.test(head)) continue;
    if (/^copy\b/i.test(head)) throw new InputError(file, `line ${s.line}`, 'COPY is not supported in a dump', 'dump with INSERT statements (pg_dump --inserts --data-only -t habit_tracker)');
    if (!ALLOWED.some((re) => re.test(head))) {
      throw new InputError(file, `line ${s.line}`, `statement not allowed in a legacy dump: ${excerpt(s.text)}`, 'a dump may only INSERT INTO auth.users or habit_tracker, and setval the id sequence');
    }
  }
  await client.query('BEGIN');
  let ran = 0;
  try {
    for (const s of statements) {
      if (TRANSACTION.test(s.code.trim())) continue;
      try {
        await client.query(s.text);
        ran++;
      } catch (err) {
        const e = err as { message: string; code?: string };
        throw new InputError(file, `line ${s.line}`, `${e.message}${e.code ? ` (SQLSTATE ${e.code})` : ''} in: ${excerpt(s.text)}`, 'fix that statement; nothing was loaded', { cause: err });
      }
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  const { rows } = await client.query<{ users: number; rows: number }>(
    'SELECT (SELECT count(*)::int FROM auth.users) AS users, (SELECT count(*)::int FROM public.habit_tracker) AS rows',
  );
  return { users: rows[0]!.users, legacyRows: rows[0]!.rows, statements: ran };
}

function excerpt(sql: string): string {
  const one = sql.replace(/\s+/g, ' ').trim();
  return one.length > 120 ? `${one.slice(0, 117)}...` : one;
}
