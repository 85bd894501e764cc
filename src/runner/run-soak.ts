/**
 * Soak: every property of a gate, on the correct code, over many fresh seeds at a multiple of its
 * default budget — to measure the harness's false-alarm rate. Any FAIL here is a harness defect (the
 * code under test is the correct implementation), any ERROR a harness or infrastructure fault. Saves
 * nothing; returns results, never prints.
 */
import type { AnyProperty } from './property.ts';
import type { PropertyResult } from './result.ts';
import { DEFAULT_PROPERTY_BUDGET_MS, runProperty, type RunOptions } from './run-property.ts';

export interface SoakOptions extends Pick<RunOptions, 'pg' | 'impl' | 'ownServer' | 'replayFlags' | 'signal'> {
  seeds: readonly number[];
  /** Cases per run = ceil(defaultRuns × this); each run's time budget scales with it too. */
  runsMultiplier: number;
  /** Stop starting new runs after this long (what ran is reported). */
  timeBudgetMs?: number;
  onResult?: (r: PropertyResult, done: number, total: number) => void;
}

/** One alarm: the property's verdict on correct code, with everything needed to replay it. */
export interface SoakAlarm {
  property: string;
  seed: number;
  verdict: 'failed' | 'error';
  message: string;
  replayCommand?: string;
  counterexample?: unknown;
}

export interface SoakReport {
  /** Random cases run, over every property and seed. */
  cases: number;
  seeds: number[];
  properties: Array<{ property: string; runs: number; cases: number; falseAlarms: number; errors: number; skipped: number }>;
  /** FAIL on correct code: each one is a harness defect to fix. */
  falseAlarms: SoakAlarm[];
  /** ERROR on correct code: the harness or the infrastructure could not check. */
  errors: SoakAlarm[];
  /** Runs not done: stopped by the time budget or a signal. */
  incomplete: boolean;
  durationMs: number;
}

export async function runSoak(properties: readonly AnyProperty[], opts: SoakOptions): Promise<SoakReport> {
  const started = performance.now();
  const deadline = opts.timeBudgetMs === undefined ? Infinity : started + opts.timeBudgetMs;
  const report: SoakReport = { cases: 0, seeds: [...opts.seeds], properties: [], falseAlarms: [], errors: [], incomplete: false, durationMs: 0 };
  const per = new Map(properties.map((p) => [p.name, { property: p.name, runs: 0, cases: 0, falseAlarms: 0, errors: 0, skipped: 0 }]));
  const total = opts.seeds.length * properties.length;
  let done = 0;
  // seeds outside, properties inside: a soak stopped early has covered every property evenly
  outer: for (const seed of opts.seeds) {
    for (const p of properties) {
      if (opts.signal?.aborted || performance.now() > deadline) {
        report.incomplete = true;
        break outer;
      }
      const r = await runProperty(p, {
        pg: opts.pg,
        impl: opts.impl,
        seed,
        runs: Math.max(1, Math.ceil(p.defaultRuns * opts.runsMultiplier)),
        timeBudgetMs: Math.max(1, opts.runsMultiplier) * DEFAULT_PROPERTY_BUDGET_MS,
        regressions: [],
        ...(opts.ownServer ? { ownServer: opts.ownServer } : {}),
        ...(opts.replayFlags ? { replayFlags: opts.replayFlags } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      const row = per.get(p.name)!;
      if (r.verdict === 'skipped' && r.interrupted) {
        report.incomplete = true;
        break outer;
      }
      row.runs++;
      row.cases += r.runs;
      report.cases += r.runs;
      if (r.verdict === 'failed' || r.verdict === 'error') {
        const alarm: SoakAlarm = {
          property: p.name,
          seed,
          verdict: r.verdict,
          message: r.failure?.message ?? r.note ?? '',
          ...(r.replayCommand ? { replayCommand: r.replayCommand } : {}),
          ...(r.counterexample !== undefined ? { counterexample: r.counterexample } : {}),
        };
        if (r.verdict === 'failed') {
          row.falseAlarms++;
          report.falseAlarms.push(alarm);
        } else {
          row.errors++;
          report.errors.push(alarm);
        }
      }
      if (r.verdict === 'skipped') row.skipped++;
      opts.onResult?.(r, ++done, total);
    }
  }
  report.properties = [...per.values()];
  report.durationMs = Math.round(performance.now() - started);
  return report;
}
