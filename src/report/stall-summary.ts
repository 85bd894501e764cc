/**
 * Write stalls read for the question a reviewer asks: which step made the app's writes wait longest,
 * and was that under the limit? Every step of every property, each with the bound it was held to —
 * HV_MAX_STALL_MS plus the slowest write measured with no step running in the same run (see
 * properties/rollback/support/stall-run.ts) — and whether its worst wait was over it. Pure.
 */
import type { RunReport } from '../runner/result.ts';
import { isRecord } from './counterexample.ts';
import { stallsOf } from './report-sections.ts';
import { BASELINE_STEP, type StallFigure } from '../check/stall-figure.ts';

/** A step's figure as the report shows it: boundMs when the report says enough to know it. */
export interface StepStall extends StallFigure {
  /** The property that measured it (absent in reports that only hold the pooled list). */
  property?: string;
  over: boolean;
}

export interface PropertyStalls {
  property?: string;
  verdict?: string;
  /** Slowest write with no step running (the baseline added to the limit). */
  baselineMaxMs?: number;
  boundMs?: number;
  /** How the bound was found, in words. */
  boundText: string;
  steps: StepStall[];
}

export interface StallSummary {
  limitMs?: number;
  properties: PropertyStalls[];
  /** Every step of every property, longest worst wait first. */
  ranked: StepStall[];
}

/** Undefined when the report holds no stall figures at all. */
export function stallSummary(report: RunReport): StallSummary | undefined {
  const limitMs = typeof report.stallLimitMs === 'number' ? report.stallLimitMs : undefined;
  const measured = report.results.filter((r) => r.stalls?.length);
  const groups = measured.length
    ? measured.map((r) => ({ property: r.property, verdict: r.verdict, figures: r.stalls!, details: r.failure?.details }))
    : stallsOf(report) ? [{ property: undefined, verdict: undefined, figures: stallsOf(report)!, details: undefined }] : [];
  if (groups.length === 0) return undefined;
  const properties = groups.map((g): PropertyStalls => {
    const baseline = g.figures.find((f) => f.step === BASELINE_STEP);
    // The failure's own numbers are exact for the case that failed; otherwise the run's baseline row
    // (every write that overlapped no step, worst of all cases) gives a bound at least the property's.
    const failedBaseline = isRecord(g.details) && typeof g.details.baselineMaxMs === 'number' ? g.details.baselineMaxMs : undefined;
    const baselineMaxMs = failedBaseline ?? baseline?.maxMs;
    const recorded = g.figures.map((f) => f.boundMs).find((b) => typeof b === 'number');
    const boundMs = recorded ?? (limitMs === undefined ? undefined : limitMs + (baselineMaxMs ?? 0));
    const overSteps = new Set(isRecord(g.details) && Array.isArray(g.details.over) ? g.details.over.filter(isRecord).map((o) => String(o.step)) : []);
    const steps = g.figures.filter((f) => f.step !== BASELINE_STEP).map((f): StepStall => {
      const b = typeof f.boundMs === 'number' ? f.boundMs : boundMs;
      return {
        ...(g.property ? { property: g.property } : {}),
        step: f.step, p50Ms: f.p50Ms, p99Ms: f.p99Ms, maxMs: f.maxMs, errors: f.errors ?? 0,
        ...(typeof f.writes === 'number' ? { writes: f.writes } : {}),
        ...(typeof f.stepMs === 'number' ? { stepMs: f.stepMs } : {}),
        ...(b === undefined ? {} : { boundMs: b }),
        over: overSteps.has(f.step) || (b !== undefined && f.maxMs > b),
      };
    });
    const boundText = recorded !== undefined ? `${recorded} ms, as the check recorded it`
      : limitMs === undefined ? 'unknown (this report does not say which HV_MAX_STALL_MS was in force)'
      : `HV_MAX_STALL_MS ${limitMs} ms + the slowest write with no step running${baselineMaxMs === undefined ? '' : ` (${baselineMaxMs} ms)`}${failedBaseline === undefined ? '' : ', in the case that failed'}`;
    return {
      ...(g.property ? { property: g.property } : {}),
      ...(g.verdict ? { verdict: g.verdict } : {}),
      ...(baselineMaxMs === undefined ? {} : { baselineMaxMs }),
      ...(boundMs === undefined ? {} : { boundMs }),
      boundText,
      steps,
    };
  });
  const ranked = properties.flatMap((p) => p.steps).sort((a, b) => b.maxMs - a.maxMs || Number(b.over) - Number(a.over));
  return { ...(limitMs === undefined ? {} : { limitMs }), properties, ranked };
}
