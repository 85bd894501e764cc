/**
 * Write stalls, measured: a bounded write load on a few client connections, every write's latency and
 * error recorded, and each write attributed to the migration steps that ran while it was in flight.
 *
 * A "stall" of a step is the latency of the writes that overlapped it: a step that takes a lock the
 * app's writes need shows up as writes that waited as long as it held (or queued for) that lock.
 */
import type pg from 'pg';
import { connect } from '../db/connect.ts';
import type { StepResult } from '../contract/executor.ts';
import { BASELINE_STEP, type StallFigure } from './stall-figure.ts';

/** One write of the load. Times are `performance.now()` milliseconds of this process. */
export interface WriteSample {
  worker: number;
  /** What the write did (the label its write function returned, e.g. `legacy:update`). */
  op: string;
  startMs: number;
  endMs: number;
  error?: { code?: string; message: string };
}

export interface WriteContext {
  worker: number;
  /** Writes this worker has done so far. */
  seq: number;
  /** Seeded, per worker: the load is reproducible up to timing. */
  random: () => number;
}

/**
 * One write, on the worker's own client: opens and commits its own transaction, returns its label.
 * On a thrown error the load rolls the transaction back and records the error.
 */
export type WriteFn = (client: pg.Client, ctx: WriteContext) => Promise<string>;

export interface WriteLoadOptions {
  uri: string;
  /** Client connections, each writing in a loop (2–4). */
  clients: number;
  write: WriteFn;
  /** Pause between two writes of one worker (the load is bounded, not a saturation test). Default 3 ms. */
  pauseMs?: number;
  /** Stop each worker after this many writes (default unbounded until stop()). */
  maxWritesPerWorker?: number;
  seed?: number;
}

export interface RunningLoad {
  /** Stops every worker after its current write and returns every sample (also closes the clients). */
  stop(): Promise<WriteSample[]>;
  /** The samples so far. */
  readonly samples: readonly WriteSample[];
}

/** Starts the load: `clients` connections, each writing until stop(). */
export async function startWriteLoad(opts: WriteLoadOptions): Promise<RunningLoad> {
  const samples: WriteSample[] = [];
  const clients = await Promise.all(Array.from({ length: opts.clients }, () => connect(opts.uri)));
  let stopping = false;
  const pause = opts.pauseMs ?? 3;
  const workers = clients.map(async (client, worker) => {
    const ctx: WriteContext = { worker, seq: 0, random: mulberry32((opts.seed ?? 1) * 7919 + worker) };
    while (!stopping && (opts.maxWritesPerWorker === undefined || ctx.seq < opts.maxWritesPerWorker)) {
      const startMs = performance.now();
      let op = 'write';
      try {
        op = await opts.write(client, ctx);
        samples.push({ worker, op, startMs, endMs: performance.now() });
      } catch (err) {
        const endMs = performance.now();
        await client.query('ROLLBACK').catch(() => undefined);
        const e = err as { code?: string; message?: string; op?: string };
        samples.push({ worker, op: e.op ?? op, startMs, endMs, error: { ...(e.code ? { code: e.code } : {}), message: String(e.message ?? err) } });
      }
      ctx.seq++;
      if (pause > 0) await new Promise((r) => setTimeout(r, pause));
    }
  });
  let stopped: Promise<WriteSample[]> | undefined;
  return {
    samples,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        await Promise.all(workers);
        await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
        return samples;
      })();
      return stopped;
    },
  };
}

/** When a migration step (or any labelled piece of work) ran, on the same clock as the samples. */
export interface StepWindow {
  step: string;
  startMs: number;
  endMs: number;
}

/** Collects step windows: from runSteps' onStep callback, or around any awaited piece of work. */
export class StepClock {
  readonly windows: StepWindow[] = [];

  /** An onStep callback for runSteps: records `<prefix> <up|down> <step name>`. */
  onStep(prefix: string): (r: StepResult) => void {
    return (r) => {
      const endMs = performance.now();
      this.windows.push({ step: `${prefix} ${r.direction} ${r.name}`, startMs: endMs - r.ms, endMs });
    };
  }

  /** Runs `fn` and records its window under `step`. */
  async time<T>(step: string, fn: () => Promise<T>): Promise<T> {
    const startMs = performance.now();
    try {
      return await fn();
    } finally {
      this.windows.push({ step, startMs, endMs: performance.now() });
    }
  }
}


/**
 * Attributes every write to every step whose window it overlapped, and summarizes per step label (a
 * step that ran several times — apply, rollback, apply again — pools its writes), in the order the
 * labels first ran. Writes that overlapped no step make the baseline row, listed first.
 */
export function stallFigures(windows: readonly StepWindow[], samples: readonly WriteSample[]): StallFigure[] {
  const overlaps = (s: WriteSample, w: StepWindow) => s.startMs < w.endMs && s.endMs > w.startMs;
  const labels = [...new Set(windows.map((w) => w.step))];
  const rows = [{ step: BASELINE_STEP, stepMs: 0, hits: samples.filter((s) => !windows.some((w) => overlaps(s, w))) }];
  for (const step of labels) {
    const mine = windows.filter((w) => w.step === step);
    rows.push({
      step,
      stepMs: Math.max(...mine.map((w) => w.endMs - w.startMs)),
      hits: samples.filter((s) => mine.some((w) => overlaps(s, w))),
    });
  }
  return rows.map(({ step, stepMs, hits }) => {
    const lat = hits.map((s) => s.endMs - s.startMs).sort((a, b) => a - b);
    return {
      step,
      p50Ms: round(percentile(lat, 0.5)),
      p99Ms: round(percentile(lat, 0.99)),
      maxMs: round(lat.at(-1) ?? 0),
      errors: hits.filter((s) => s.error).length,
      writes: hits.length,
      stepMs: round(stepMs),
    };
  });
}

/** Merges figures of several runs of the same steps: the worst of each figure per step (order kept). */
export function worstOf(runs: ReadonlyArray<readonly StallFigure[]>): StallFigure[] {
  const byStep = new Map<string, StallFigure>();
  const sum = (a?: number, b?: number) => (a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0));
  const max = (a?: number, b?: number) => (a === undefined && b === undefined ? undefined : Math.max(a ?? 0, b ?? 0));
  for (const run of runs) {
    for (const f of run) {
      const prev = byStep.get(f.step);
      if (!prev) {
        byStep.set(f.step, { ...f });
        continue;
      }
      const writes = sum(prev.writes, f.writes);
      const stepMs = max(prev.stepMs, f.stepMs);
      byStep.set(f.step, {
        step: f.step,
        p50Ms: Math.max(prev.p50Ms, f.p50Ms),
        p99Ms: Math.max(prev.p99Ms, f.p99Ms),
        maxMs: Math.max(prev.maxMs, f.maxMs),
        errors: prev.errors + f.errors,
        ...(writes === undefined ? {} : { writes }),
        ...(stepMs === undefined ? {} : { stepMs }),
      });
    }
  }
  return [...byStep.values()];
}

/** Nearest-rank percentile of sorted values (0 for none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
