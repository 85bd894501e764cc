/**
 * Streams a .sql dump into the database inside the caller's transaction: statements are read,
 * checked (dump-statement.ts) and sent in batches of many statements per round trip. A batch runs
 * under a savepoint, so when Postgres rejects one the batch is replayed statement by statement to
 * name the failing statement's line. Memory: one batch, whatever the dump's size.
 */
import { createReadStream } from 'node:fs';
import type pg from 'pg';
import { InputError } from '../generate/input-error.ts';
import { classifyMeta, classifyStatement, excerpt } from './dump-statement.ts';
import { scanSqlDump } from './sql-dump-scanner.ts';

export interface SqlDumpLoad {
  /** Statements sent to Postgres. */
  statements: number;
  /** Statements the dump has, other than transaction control and skipped settings. */
  seen: number;
  /** auth.users columns of the dump that the harness's auth.users does not have (their values are not loaded). */
  ignoredUserColumns: string[];
}

const BATCH_CHARS = 1 << 20;
const BATCH_STATEMENTS = 2_000;

interface Pending {
  sql: string;
  line: number;
  text: string;
}

export async function loadSqlDump(client: pg.ClientBase, file: string): Promise<SqlDumpLoad> {
  const ignored = new Set<string>();
  let batch: Pending[] = [];
  let chars = 0;
  let statements = 0;
  let seen = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const todo = batch;
    batch = [];
    chars = 0;
    await runBatch(client, file, todo);
    statements += todo.length;
  };
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
  try {
    for await (const s of scanSqlDump(stream, file)) {
      const action = s.kind === 'meta' ? classifyMeta(s.text) : classifyStatement(s.text);
      if (action.kind === 'refuse') throw new InputError(file, `line ${s.line}`, action.reason, action.hint);
      seen++;
      if (action.kind === 'skip') continue;
      for (const c of action.ignoredColumns ?? []) ignored.add(c);
      batch.push({ sql: action.sql, line: s.line, text: s.text });
      chars += action.sql.length;
      if (chars >= BATCH_CHARS || batch.length >= BATCH_STATEMENTS) await flush();
    }
    await flush();
  } finally {
    stream.destroy();
  }
  return { statements, seen, ignoredUserColumns: [...ignored] };
}

async function runBatch(client: pg.ClientBase, file: string, batch: readonly Pending[]): Promise<void> {
  const body = batch.map((p) => (p.sql.trimEnd().endsWith(';') ? p.sql : `${p.sql};`)).join('\n');
  try {
    await client.query(`SAVEPOINT hv_batch;\n${body}\nRELEASE SAVEPOINT hv_batch;`);
    return;
  } catch (err) {
    await client.query('ROLLBACK TO SAVEPOINT hv_batch');
    // Replay one by one: the first statement that fails is the one to name.
    for (const p of batch) {
      try {
        await client.query(p.sql);
      } catch (one) {
        throw rejected(file, p, one);
      }
    }
    throw rejected(file, batch[0]!, err);
  }
}

function rejected(file: string, p: Pending, err: unknown): InputError {
  const e = err as { message: string; code?: string };
  return new InputError(file, `line ${p.line}`, `${e.message}${e.code ? ` (SQLSTATE ${e.code})` : ''} in: ${excerpt(p.text)}`, 'fix that statement; nothing was loaded', { cause: err });
}
