/**
 * The implementation under test failed where the harness relied on its contract — re-applying a phase
 * between cases (apply is idempotent), rolling one back to start the next case over. That is a finding
 * about the implementation (verdict FAIL, naming the phase), never an ERROR, even inside the harness's
 * own steps: harness() passes it through. Keeps the cause's step and SQLSTATE.
 */
import { codeOf } from '../db/errors.ts';
import { isHarnessSide } from './harness-error.ts';
import { PropertyFailure } from './property-failure.ts';

export class ImplementationFailure extends PropertyFailure {
  override readonly name = 'ImplementationFailure';
  readonly code: string | undefined;
  constructor(
    /** What the implementation was asked to do, e.g. `Phase 0's apply, run again between cases`. */
    readonly what: string,
    cause: unknown,
  ) {
    const code = codeOf(cause);
    const step = (cause as { step?: unknown } | null)?.step;
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${what} failed: ${reason}${code ? ` (SQLSTATE ${code})` : ''}`, { ...(typeof step === 'string' ? { step } : {}), ...(code ? { code } : {}) });
    this.code = code;
    this.cause = cause;
  }
}

/** Runs a call into the implementation; whatever it throws (but a harness or infrastructure fault) becomes an {@link ImplementationFailure}. */
export async function byImplementation<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw isHarnessSide(err) || err instanceof PropertyFailure ? err : new ImplementationFailure(what, err);
  }
}
