import type pg from 'pg';
import { stableJson } from '../../contract/legacy-week.ts';

import type { ReadMismatch } from '../../contract/read-path.ts';

export type { ReadMismatch };

export interface ExperimentOptions {
  operation: string;
  key: Record<string, unknown>;
  /** Default: equal as JSON with sorted object keys. */
  equals?: (control: unknown, candidate: unknown) => boolean;
  /** Record mismatches in public.read_mismatches (default true). */
  record?: boolean;
  /** Run the candidate (and the recording) in a savepoint inside a transaction (default true). */
  isolate?: boolean;
}

export interface ExperimentResult<T> {
  /** Always the control's value. */
  value: T;
  mismatch?: ReadMismatch;
}

const NO_ACTIVE_TRANSACTION = '25P01';

/**
 * Scientist-style compare: runs the control and serves its value; then runs the candidate and
 * records a mismatch when it differs or throws. Nothing the candidate does reaches the caller:
 * its error is caught, and when the client is inside a transaction (a request under withClaims) the
 * candidate runs inside a savepoint that is rolled back on error, so the transaction stays usable.
 * A control error propagates (it is the served path). Recording goes through the SECURITY DEFINER
 * function public.hv_record_read_mismatch (callable by authenticated; the table is not) and is
 * best effort: a failure to record never fails the read. Inside a transaction the record commits
 * or rolls back with the request.
 *
 * Control and candidate run as two statements: under READ COMMITTED a write committed between them
 * shows up as a mismatch. Run the request in REPEATABLE READ for an exact comparison.
 */
export async function experiment<T>(
  client: pg.ClientBase,
  control: () => Promise<T>,
  candidate: () => Promise<T>,
  opts: ExperimentOptions,
): Promise<ExperimentResult<T>> {
  const value = await control();
  const equals = opts.equals ?? ((a: unknown, b: unknown) => stableJson(a) === stableJson(b));
  const isolate = opts.isolate ?? true;
  let mismatch: Omit<ReadMismatch, 'recorded'> | undefined;
  const guarded = isolate ? await savepoint(client, 'hv_candidate') : false;
  try {
    const got = await candidate();
    if (!equals(value, got)) mismatch = { operation: opts.operation, key: opts.key, kind: 'value', control: value, candidate: got };
    if (guarded) await client.query('RELEASE SAVEPOINT hv_candidate');
  } catch (err) {
    if (guarded) await client.query('ROLLBACK TO SAVEPOINT hv_candidate; RELEASE SAVEPOINT hv_candidate');
    const e = err as { message?: string; code?: string };
    mismatch = {
      operation: opts.operation,
      key: opts.key,
      kind: 'error',
      control: value,
      error: { message: String(e?.message ?? err), ...(typeof e?.code === 'string' ? { code: e.code } : {}) },
    };
  }
  if (!mismatch) return { value };
  const recorded = opts.record === false ? false : await record(client, mismatch, isolate);
  return { value, mismatch: { ...mismatch, recorded } };
}

/** Opens a savepoint; false when the client is not in a transaction (autocommit: nothing to protect). */
async function savepoint(client: pg.ClientBase, name: string): Promise<boolean> {
  try {
    await client.query(`SAVEPOINT ${name}`);
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === NO_ACTIVE_TRANSACTION) return false;
    throw err;
  }
}

async function record(client: pg.ClientBase, m: Omit<ReadMismatch, 'recorded'>, isolate: boolean): Promise<boolean> {
  const guarded = isolate ? await savepoint(client, 'hv_record').catch(() => false) : false;
  try {
    await client.query('SELECT public.hv_record_read_mismatch($1, $2::jsonb, $3, $4::jsonb, $5::jsonb, $6::jsonb)', [
      m.operation,
      JSON.stringify(m.key),
      m.kind,
      JSON.stringify(m.control ?? null),
      m.kind === 'value' ? JSON.stringify(m.candidate ?? null) : null,
      m.error ? JSON.stringify(m.error) : null,
    ]);
    if (guarded) await client.query('RELEASE SAVEPOINT hv_record');
    return true;
  } catch {
    if (guarded) await client.query('ROLLBACK TO SAVEPOINT hv_record; RELEASE SAVEPOINT hv_record').catch(() => undefined);
    return false;
  }
}
