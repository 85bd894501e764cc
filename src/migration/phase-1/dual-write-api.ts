/**
 * The app's write operations during Phase 1, as thin wrappers over `hv_dual_write` (plpgsql).
 *
 * Why plpgsql and not TypeScript statements: one call is one statement, hence one transaction and
 * one round trip, whatever the operation. The idempotency claim, the locks, both schemas' writes and
 * the stored response commit or roll back together, also when the client disappears mid-request (a
 * terminated connection, a timeout): there is no window in which the client holds a half-done
 * transaction open. Idempotency, validation and the mapping rules live next to the backfill's SQL
 * they must agree with. These wrappers only name the operation, send the request as JSON and turn
 * rejections into typed errors.
 */
import type pg from 'pg';
import type { DualWriteOp, DualWriteRequests, DualWriteResponses, DualWriteResult } from '../../contract/dual-write.ts';
import { toDualWriteError } from '../../contract/dual-write-error.ts';

/**
 * Sends one request. Resolves with the response (the stored one when the key was seen before);
 * rejects with a DualWriteError when the API refused it (nothing written), or with Postgres's own
 * error (a fault: nothing written either, the transaction rolled back).
 */
export async function dualWrite<O extends DualWriteOp>(
  client: pg.ClientBase,
  key: string,
  op: O,
  request: DualWriteRequests[O],
): Promise<DualWriteResult<DualWriteResponses[O]>> {
  try {
    const { rows } = await client.query<{ result: DualWriteResponses[O]; replayed: boolean }>(
      'SELECT result, replayed FROM public.hv_dual_write($1, $2, $3::jsonb)',
      [key, op, JSON.stringify(request)],
    );
    return { response: rows[0]!.result, replayed: rows[0]!.replayed };
  } catch (err) {
    throw toDualWriteError(err, op, key) ?? err;
  }
}
