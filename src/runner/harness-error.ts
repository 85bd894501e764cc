/**
 * The harness, not the migration, could not do its part of a check: its own instrumentation failed
 * (a fault-injection trigger, crashing a server, loading generated data, resetting between cases).
 * A property that throws one gets the verdict ERROR (exit 3), is never shrunk, never saved as a
 * regression fixture and never drawn as data the migration gets wrong. Keeps the cause's SQLSTATE.
 */
import { codeOf, InfraError } from '../db/errors.ts';
import { PropertyFailure } from './property-failure.ts';

export class HarnessError extends Error {
  override readonly name = 'HarnessError';
  readonly code: string | undefined;
  constructor(
    /** What the harness was doing, e.g. `install the fault-injection trigger on weeks`. */
    readonly what: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const code = codeOf(cause);
    super(`the harness could not ${what}: ${reason}`, { cause });
    this.code = code;
  }
}

/**
 * Runs one step of the harness's own; any error it throws becomes a {@link HarnessError} naming `what`
 * — but a PropertyFailure, which the step raised on purpose (the implementation failed a call the step
 * made into it: ImplementationFailure), stays what it is.
 */
export async function harness<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw err instanceof HarnessError || err instanceof InfraError || err instanceof PropertyFailure ? err : new HarnessError(what, err);
  }
}

/** The harness or the infrastructure failed: nothing was learnt about the migration. */
export function isHarnessSide(err: unknown): boolean {
  return err instanceof HarnessError || err instanceof InfraError;
}

/**
 * A report section the implementation under test may be unable to give (the plan as written cannot
 * apply Phase 0): undefined when it fails, while the harness's own faults still end the run.
 */
export async function unlessImplementationFails<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (err) {
    if (isHarnessSide(err)) throw err;
    return undefined;
  }
}
