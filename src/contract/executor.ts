import type pg from 'pg';
import type { Step } from './step.ts';
import { MigrationError } from './migration-error.ts';

export interface ExecutorOptions {
  /** lock_timeout for every DDL statement: a step never queues behind a long transaction for longer. */
  lockTimeoutMs?: number;
  /** How many times a step that hit lock_timeout is retried (with a growing pause). */
  lockRetries?: number;
  /**
   * Called after each step has committed, before the next begins (awaited): to record stall figures
   * per DDL step, or to measure the database at each step boundary.
   */
  onStep?: (result: StepResult) => void | Promise<void>;
}

export interface StepResult {
  name: string;
  direction: 'up' | 'down';
  ms: number;
  attempts: number;
}

const LOCK_NOT_AVAILABLE = '55P03';

/** lock_timeout of every step unless the phase or the caller sets another. */
export const DEFAULT_LOCK_TIMEOUT_MS = 2000;
/** How often a step that hit lock_timeout is retried unless the phase or the caller says otherwise. */
export const DEFAULT_LOCK_RETRIES = 5;

/**
 * Runs steps in order (`up`) or their `down`s in reverse order (`down`). Transactional steps run in
 * their own transaction; CONCURRENTLY steps run outside any. Lock timeouts are retried; any other
 * error stops the run with a {@link MigrationError} naming the step and keeping Postgres's code.
 */
export async function runSteps(
  client: pg.ClientBase,
  steps: readonly Step[],
  direction: 'up' | 'down',
  opts: ExecutorOptions = {},
): Promise<StepResult[]> {
  const lockTimeoutMs = opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const retries = opts.lockRetries ?? DEFAULT_LOCK_RETRIES;
  const ordered = direction === 'up' ? steps : [...steps].reverse();
  const results: StepResult[] = [];
  await client.query(`SET lock_timeout = ${Math.max(1, Math.floor(lockTimeoutMs))}`);
  try {
    for (const step of ordered) {
      const sql = direction === 'up' ? step.up : step.down;
      if (!sql) continue;
      const started = performance.now();
      const attempts = await runWithRetries(client, step, sql, direction, retries);
      const result = { name: step.name, direction, ms: performance.now() - started, attempts };
      results.push(result);
      await opts.onStep?.(result);
    }
  } finally {
    // also after a failure: the session goes on (the harness's own queries, a rollback) without it
    await client.query('RESET lock_timeout').catch(() => undefined);
  }
  return results;
}

/**
 * Where a failure inside SQL a PL/pgSQL block built at run time (EXECUTE) came from, as Postgres's
 * context gives it: the statement was valid, the text it built from the catalog or the data was not.
 */
export function dynamicSqlContext(err: unknown): string {
  const where = (err as { where?: unknown }).where;
  const at = typeof where === 'string' ? where.split('\n').find((l) => l.endsWith(' at EXECUTE')) : undefined;
  return at ? ` (SQL built at run time: ${at})` : '';
}

/** Runs one step, retrying it while it hits lock_timeout; returns how many attempts it took. */
async function runWithRetries(client: pg.ClientBase, step: Step, sql: string, direction: 'up' | 'down', retries: number): Promise<number> {
  for (let attempts = 1; ; attempts++) {
    try {
      await runOne(client, step, sql, direction);
      return attempts;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === LOCK_NOT_AVAILABLE && attempts <= retries) {
        await new Promise((r) => setTimeout(r, 50 * attempts));
        continue;
      }
      throw new MigrationError(`step ${step.name} (${direction}) failed: ${(err as Error).message}${dynamicSqlContext(err)}`, { step: step.name, code, cause: err });
    }
  }
}

async function runOne(client: pg.ClientBase, step: Step, sql: string, direction: 'up' | 'down'): Promise<void> {
  if (step.transactional === false) {
    if (direction === 'up' && step.concurrentIndex) {
      // A failed CREATE INDEX CONCURRENTLY leaves an INVALID index behind, and IF NOT EXISTS would
      // then silently keep it: drop such a leftover first.
      const { rows } = await client.query(
        `SELECT NOT i.indisvalid AS invalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE c.relname = $1 AND c.relnamespace = 'public'::regnamespace`,
        [step.concurrentIndex],
      );
      if (rows[0]?.invalid) await client.query(`DROP INDEX CONCURRENTLY IF EXISTS public.${step.concurrentIndex}`);
    }
    await client.query(sql);
    return;
  }
  await client.query('BEGIN');
  try {
    await client.query(sql);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
