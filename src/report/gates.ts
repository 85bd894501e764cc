import type { PhaseTag } from '../runner/property.ts';
import type { PropertyResult, RunReport } from '../runner/result.ts';

/** FAIL: data the migration gets wrong. ERROR: could not be checked (harness or infrastructure). */
export type GateVerdict = 'PASS' | 'FAIL' | 'ERROR' | 'NOT RUN';

/** A gate as the reports show it: every result tagged with it, and one verdict. */
export interface GateView {
  gate: string;
  verdict: GateVerdict;
  results: PropertyResult[];
  counts: Record<PropertyResult['verdict'], number>;
}

const ORDER: readonly string[] = ['phase-0', 'phase-1', 'phase-2', 'phase-3', 'rollback'] satisfies PhaseTag[];

/**
 * The gates of a report: one per tag of its results (a property tagged twice is in two gates),
 * phases in order, then rollback, then any other tag. FAIL when a property failed; ERROR when none
 * failed but one could not be checked; NOT RUN when every property was skipped; PASS otherwise.
 */
export function gatesOf(report: RunReport): GateView[] {
  const byGate = new Map<string, PropertyResult[]>();
  for (const r of report.results) {
    const tags = r.tags.length > 0 ? r.tags : ['untagged'];
    for (const t of new Set<string>(tags)) byGate.set(t, [...(byGate.get(t) ?? []), r]);
  }
  const rank = (g: string) => (ORDER.includes(g) ? ORDER.indexOf(g) : ORDER.length);
  return [...byGate.keys()]
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((gate) => gateView(gate, byGate.get(gate) ?? []));
}

function gateView(gate: string, results: PropertyResult[]): GateView {
  const counts = { passed: 0, failed: 0, error: 0, skipped: 0 };
  for (const r of results) counts[r.verdict]++;
  const verdict: GateVerdict = counts.failed > 0 ? 'FAIL' : counts.error > 0 ? 'ERROR' : counts.passed > 0 ? 'PASS' : 'NOT RUN';
  return { gate, verdict, results, counts };
}

/** The whole run: FAIL if any gate fails, else ERROR if any could not be checked. */
export function overallVerdict(gates: readonly GateView[]): GateVerdict {
  if (gates.some((g) => g.verdict === 'FAIL')) return 'FAIL';
  if (gates.some((g) => g.verdict === 'ERROR')) return 'ERROR';
  return gates.some((g) => g.verdict === 'PASS') ? 'PASS' : 'NOT RUN';
}
