import type pg from 'pg';

export interface QueryCounter {
  /** Statements sent through the client since the counter was made (or last reset). */
  readonly count: number;
  reset(): void;
  /** Puts the client's own `query` back. */
  restore(): void;
}

/**
 * Counts the statements a client sends: every `client.query(...)` call is one round trip (node-postgres
 * sends one query at a time and waits for its result). Wraps the instance's `query`, nothing else.
 */
export function countQueries(client: pg.Client): QueryCounter {
  const original = client.query;
  let n = 0;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  client.query = function (this: pg.Client, ...args: any[]) {
    n++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof client.query;
  return {
    get count() {
      return n;
    },
    reset() {
      n = 0;
    },
    restore() {
      client.query = original;
    },
  };
}
