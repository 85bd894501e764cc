import type { PhaseTag } from '../runner/property.ts';
import type { PropertyResult, RunReport } from '../runner/result.ts';

/** FAIL: data the migration gets wrong. ERROR: could not be checked (harness or infrastructure). */
export type GateVerdict = 'PASS' | 'FAIL' | 'ERROR' | 'NOT RUN';

/**
 * How many properties ended how. `skipped` excludes properties stopped by a signal, which have no
 * verdict and are counted as `interrupted`. Every format (cards, tables, console, summary.md, JUnit,
 * run.json) counts with this one function, so their numbers agree.
 */
export interface VerdictCounts {
  total: number;
  passed: number;
  failed: number;
  error: number;
  skipped: number;
  interrupted: number;
}

/** A gate as the reports show it: the results it owns, their counts, and one verdict. */
export interface GateView {
  gate: string;
  verdict: GateVerdict;
  results: PropertyResult[];
  counts: VerdictCounts;
}

const ORDER: readonly string[] = ['phase-0', 'phase-1', 'phase-2', 'phase-3', 'rollback'] satisfies PhaseTag[];

export function countVerdicts(results: readonly PropertyResult[]): VerdictCounts {
  const c: VerdictCounts = { total: results.length, passed: 0, failed: 0, error: 0, skipped: 0, interrupted: 0 };
  for (const r of results) {
    if (r.verdict === 'skipped' && r.interrupted) c.interrupted++;
    else c[r.verdict]++;
  }
  return c;
}

/** `1 check`, `26 checks`. */
export const checksCount = (n: number) => `${n} check${n === 1 ? '' : 's'}`;

/** `8 passed, 1 failed, 1 could not be checked, 2 skipped` — zero counts of the rarer kinds left out. */
export function countsText(c: VerdictCounts): string {
  return [`${c.passed} passed`, `${c.failed} failed`, ...(c.error ? [`${c.error} could not be checked`] : []),
    ...(c.skipped ? [`${c.skipped} skipped`] : []), ...(c.interrupted ? [`${c.interrupted} interrupted`] : [])].join(', ');
}

/**
 * The gates of a report: one per `gate` of its results (a property is in exactly one gate), phases in
 * order, then rollback, then any other. FAIL when a property failed; ERROR when none failed but one
 * could not be checked; NOT RUN when none passed; PASS otherwise.
 */
export function gatesOf(report: Pick<RunReport, 'results'>): GateView[] {
  const byGate = new Map<string, PropertyResult[]>();
  for (const r of report.results) byGate.set(r.gate, [...(byGate.get(r.gate) ?? []), r]);
  const rank = (g: string) => (ORDER.includes(g) ? ORDER.indexOf(g) : ORDER.length);
  return [...byGate.keys()]
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((gate) => gateView(gate, byGate.get(gate) ?? []));
}

function gateView(gate: string, results: PropertyResult[]): GateView {
  const counts = countVerdicts(results);
  const verdict: GateVerdict = counts.failed > 0 ? 'FAIL' : counts.error > 0 ? 'ERROR' : counts.passed > 0 ? 'PASS' : 'NOT RUN';
  return { gate, verdict, results, counts };
}

/** The whole run: FAIL if any gate fails, else ERROR if any could not be checked. */
export function overallVerdict(gates: readonly GateView[]): GateVerdict {
  if (gates.some((g) => g.verdict === 'FAIL')) return 'FAIL';
  if (gates.some((g) => g.verdict === 'ERROR')) return 'ERROR';
  return gates.some((g) => g.verdict === 'PASS') ? 'PASS' : 'NOT RUN';
}

/** The counts a run.json carries beside its results: the whole run and each gate, as every format shows them. */
export interface RunSummary {
  verdict: GateVerdict;
  counts: VerdictCounts;
  gates: Array<{ gate: string; verdict: GateVerdict; counts: VerdictCounts; properties: string[] }>;
}

export function runSummary(report: RunReport): RunSummary {
  const gates = gatesOf(report);
  return {
    verdict: overallVerdict(gates),
    counts: countVerdicts(report.results),
    gates: gates.map((g) => ({ gate: g.gate, verdict: g.verdict, counts: g.counts, properties: g.results.map((r) => r.property) })),
  };
}
