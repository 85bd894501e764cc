/**
 * What changed since the previous run of the same gate: properties whose verdict changed (or that
 * came or went), new counterexamples, and figures that moved (worst stalls, case counts, quarantine,
 * drift, defects caught). Pure: the CLI finds the previous run (previous-run.ts) and stores the result
 * in the report, which every format renders first.
 */
import type { PropertyResult, RunReport, Verdict } from '../runner/result.ts';
import { countVerdicts, gatesOf, overallVerdict, type GateVerdict, type VerdictCounts } from './gates.ts';
import { driftOf, killMatrixOf, quarantineOf } from './report-sections.ts';
import { BASELINE_STEP } from '../check/stall-figure.ts';
import { safeJson } from './text-format.ts';

export interface RunChanges {
  /** The run compared with; absent when this is the first run of the gate in the report directory. */
  previous?: { runId: string; startedAt: string; seed: number; verdict: GateVerdict; counts: VerdictCounts };
  /** Properties whose verdict differs (`before` absent: new in this run; `after` absent: not run this time). */
  verdicts: Array<{ property: string; gate: string; before?: Verdict; after?: Verdict }>;
  /** Failures whose counterexample was not the previous run's. */
  newCounterexamples: Array<{ property: string; gate: string; message: string; before: 'passed' | 'another counterexample' | 'not run' | 'could not be checked' | 'skipped' }>;
  /** Figures that moved beyond noise. */
  figures: Array<{ what: string; property?: string; before: number; after: number; unit: 'ms' | 'cases' | 'rows' | 'defects' }>;
}

/**
 * Timings are noisy: a stall figure moved when it crossed the limit, or changed by a fifth of the limit
 * (HV_MAX_STALL_MS) — without a known limit, by 50 ms and a quarter of itself.
 */
const STALL_MOVE_OF_LIMIT = 0.2;
const STALL_MOVE_MS = 50;
const STALL_MOVE_SHARE = 0.25;

export function compareRuns(previous: RunReport | undefined, current: RunReport): RunChanges {
  if (!previous) return { verdicts: [], newCounterexamples: [], figures: [] };
  const before = new Map(previous.results.map((r) => [r.property, r]));
  const after = new Map(current.results.map((r) => [r.property, r]));
  const verdicts: RunChanges['verdicts'] = [];
  for (const r of current.results) {
    const b = before.get(r.property);
    if (!b) verdicts.push({ property: r.property, gate: r.gate, after: r.verdict });
    else if (b.verdict !== r.verdict) verdicts.push({ property: r.property, gate: r.gate, before: b.verdict, after: r.verdict });
  }
  for (const b of previous.results) if (!after.has(b.property)) verdicts.push({ property: b.property, gate: b.gate, before: b.verdict });

  const newCounterexamples: RunChanges['newCounterexamples'] = [];
  for (const r of current.results.filter((x) => x.verdict === 'failed')) {
    const b = before.get(r.property);
    if (b?.verdict === 'failed' && safeJson(b.counterexample) === safeJson(r.counterexample)) continue;
    const was = !b ? 'not run' : b.verdict === 'failed' ? 'another counterexample' : b.verdict === 'error' ? 'could not be checked' : b.verdict;
    newCounterexamples.push({ property: r.property, gate: r.gate, message: r.failure?.message ?? 'failed', before: was });
  }

  const figures: RunChanges['figures'] = [];
  for (const r of current.results) {
    const b = before.get(r.property);
    if (!b) continue;
    if (cases(b) !== cases(r)) figures.push({ what: 'cases run', property: r.property, before: cases(b), after: cases(r), unit: 'cases' });
    const sb = worstStall(b);
    const sa = worstStall(r);
    if (sb !== undefined && sa !== undefined && moved(sb, sa, current.stallLimitMs ?? previous.stallLimitMs)) figures.push({ what: 'longest write stall', property: r.property, before: sb, after: sa, unit: 'ms' });
  }
  const sum = (xs: readonly { count: number }[] | undefined) => (xs ? xs.reduce((a, x) => a + x.count, 0) : undefined);
  pushIfMoved(figures, 'rows set aside (quarantine) in the worked example', sum(quarantineOf(previous)), sum(quarantineOf(current)), 'rows');
  pushIfMoved(figures, 'drift rows in the worked example', driftOf(previous)?.length, driftOf(current)?.length, 'rows');
  const killed = (r: RunReport) => killMatrixOf(r)?.filter((k) => k.killed).length;
  pushIfMoved(figures, 'defects caught', killed(previous), killed(current), 'defects');

  return {
    previous: { runId: previous.runId, startedAt: previous.startedAt, seed: previous.seed, verdict: overallVerdict(gatesOf(previous)), counts: countVerdicts(previous.results) },
    verdicts,
    newCounterexamples,
    figures,
  };
}

/** Nothing to report: same verdicts, no new counterexample, no figure moved. */
export const nothingChanged = (c: RunChanges) => c.verdicts.length === 0 && c.newCounterexamples.length === 0 && c.figures.length === 0;

const cases = (r: PropertyResult) => r.runs + r.regressionsReplayed;

function worstStall(r: PropertyResult): number | undefined {
  const steps = (r.stalls ?? []).filter((s) => s.step !== BASELINE_STEP);
  return steps.length ? Math.max(...steps.map((s) => s.maxMs)) : undefined;
}

function moved(a: number, b: number, limitMs: number | undefined): boolean {
  const d = Math.abs(b - a);
  if (limitMs === undefined) return d >= STALL_MOVE_MS && d >= STALL_MOVE_SHARE * Math.max(a, b);
  return a > limitMs !== b > limitMs || d >= STALL_MOVE_OF_LIMIT * limitMs;
}

function pushIfMoved(out: RunChanges['figures'], what: string, before: number | undefined, after: number | undefined, unit: RunChanges['figures'][number]['unit']): void {
  if (before !== undefined && after !== undefined && before !== after) out.push({ what, before, after, unit });
}
