/** The dual-write API's rejections, by the SQLSTATE its plpgsql raises (class DW, unused by Postgres). */
export const DUAL_WRITE_REJECTIONS = {
  DW404: 'week_not_found',
  DW409: 'idempotency_key_reused',
  DW416: 'habit_not_found',
  DW422: 'invalid_request',
  DW423: 'week_quarantined',
} as const;

export type DualWriteRejection = (typeof DUAL_WRITE_REJECTIONS)[keyof typeof DUAL_WRITE_REJECTIONS];

/**
 * A request the API refused: nothing was written, in either schema, and the idempotency key was not
 * consumed (the transaction that claimed it rolled back) — except `idempotency_key_reused`, where the
 * key belongs to an earlier, different request. `sqlstate` is Postgres's code (DW4xx). `opSeq`: when
 * the refusal depended on the week's state (not found, quarantined, no such habit), the write number
 * it was taken at, in the order of hv_op_seq.
 */
export class DualWriteError extends Error {
  override readonly name = 'DualWriteError';
  constructor(
    readonly code: DualWriteRejection,
    readonly sqlstate: string,
    readonly op: string,
    readonly key: string,
    readonly opSeq: number | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${op} (key ${JSON.stringify(key)}) rejected: ${code}: ${message}`, options);
  }
}

/** The DualWriteError for a Postgres error raised by the API, or undefined for any other error. */
export function toDualWriteError(err: unknown, op: string, key: string): DualWriteError | undefined {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !Object.hasOwn(DUAL_WRITE_REJECTIONS, code)) return undefined;
  const name = DUAL_WRITE_REJECTIONS[code as keyof typeof DUAL_WRITE_REJECTIONS];
  const seq = /op_seq=(\d+)/.exec(String((err as { detail?: unknown }).detail ?? ''));
  return new DualWriteError(name, code, op, key, seq ? Number(seq[1]) : undefined, (err as Error).message, { cause: err });
}

/** True when `err` is a DualWriteError (of `code`, when given). */
export function isRejection(err: unknown, code?: DualWriteRejection): err is DualWriteError {
  return err instanceof DualWriteError && (code === undefined || err.code === code);
}
