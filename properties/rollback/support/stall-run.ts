/**
 * One zero-downtime measurement: the app load runs on a few connections while a scenario applies and
 * rolls back phases; every write is attributed to the steps that ran during it. Fails when a write
 * errored or a step stalled a write longer than the bound — HV_MAX_STALL_MS over the slowest write
 * of a baseline measured in the same run, so the verdict does not depend on how busy the machine is. The figures go into the property result
 * (the report's stall chart), worst of every case.
 */
import type { PropertyContext } from '../../../src/runner/property.ts';
import { StepClock, startWriteLoad, stallFigures, worstOf, type WriteSample } from '../../../src/check/write-load.ts';
import { BASELINE_STEP, type StallFigure } from '../../../src/check/stall-figure.ts';
import { loadConfig } from '../../../src/config.ts';
import { PropertyFailure } from '../../../src/runner/property-failure.ts';
import { AppLoad } from './app-load.ts';

/** Default bound on a write stall (HV_MAX_STALL_MS overrides it). */
export const DEFAULT_MAX_STALL_MS = 1000;

export function maxStallMs(): number {
  return loadConfig().maxStallMs ?? DEFAULT_MAX_STALL_MS;
}

export interface StallRun {
  clients: number;
  seed: number;
}

/**
 * What the scenario may rely on: the bound a step's stall is held to in this run (HV_MAX_STALL_MS
 * plus the slowest write of the baseline measured just before, so a loaded machine does not turn
 * slow writes into a red gate), and a long transaction's length that exceeds it.
 */
export interface StallBudget {
  boundMs: number;
  /** 1.5 × boundMs: a step that queues the app behind such a transaction stalls past the bound. */
  longTransactionMs: number;
}

export type Scenario = (clock: StepClock, app: AppLoad, budget: StallBudget) => Promise<void>;

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureStalls(ctx: PropertyContext, run: StallRun, scenario: Scenario): Promise<StallFigure[]> {
  const app = await AppLoad.start(ctx.client, ctx.impl);
  const clock = new StepClock();
  const load = await startWriteLoad({ uri: ctx.db.uri, clients: run.clients, write: app.write, seed: run.seed });
  let samples: WriteSample[];
  let baselineMaxMs = 0;
  try {
    await pause(200); // baseline: the same load with no migration step running
    baselineMaxMs = Math.round(Math.max(0, ...load.samples.map((s) => s.endMs - s.startMs)));
    const boundMs = maxStallMs() + baselineMaxMs;
    await scenario(clock, app, { boundMs, longTransactionMs: Math.round(1.5 * boundMs) });
    await pause(200);
  } finally {
    samples = await load.stop();
  }
  const bound = maxStallMs() + baselineMaxMs;
  const figures = stallFigures(clock.windows, samples);
  ctx.stalls = worstOf([ctx.stalls ?? [], figures]);

  const errors = samples.filter((s) => s.error);
  if (errors.length > 0) {
    const where = (s: WriteSample) => clock.windows.filter((w) => s.startMs < w.endMs && s.endMs > w.startMs).map((w) => w.step);
    throw new PropertyFailure(`${errors.length} of ${samples.length} app write(s) failed during the migration: ${errors[0]!.op}: ${errors[0]!.error!.message}`, {
      errors: errors.slice(0, 10).map((s) => ({ op: s.op, error: s.error, during: where(s) })),
      stalls: figures,
    });
  }
  const over = figures.filter((f) => f.step !== BASELINE_STEP && f.maxMs > bound);
  if (over.length > 0) {
    const worst = over.reduce((a, b) => (b.maxMs > a.maxMs ? b : a));
    throw new PropertyFailure(
      `a write stalled ${worst.maxMs} ms during "${worst.step}" (bound ${bound} ms: HV_MAX_STALL_MS ${maxStallMs()} + the slowest baseline write of this run, ${baselineMaxMs} ms)`,
      { over, stalls: figures, baselineMaxMs },
    );
  }
  if (samples.length < run.clients * 5) throw new PropertyFailure(`the load made only ${samples.length} write(s): nothing was measured`, { stalls: figures });
  return figures;
}
