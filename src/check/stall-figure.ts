/**
 * One figure of a write stall: the latency of the app's writes that overlapped one migration step, as
 * src/check/write-load.ts measures it, a property records it and a report reads it back.
 */
export interface StallFigure {
  step: string;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  /** Writes that overlapped the step (always measured; absent in reports written before it was). */
  writes?: number;
  /** How long the step itself ran (the longest run when it ran several times); absent as `writes`. */
  stepMs?: number;
  /** The bound this step's stall was held to (HV_MAX_STALL_MS + the run's baseline), when the check records it. */
  boundMs?: number;
}

/** Label of the writes that overlapped no step: the load's own baseline. */
export const BASELINE_STEP = '(no migration step running)';
