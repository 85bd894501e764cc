/**
 * A gate's verdict in one line and one exit code: FAIL when any property found data the migration
 * gets wrong (exit 1), else ERROR when any could not be checked (exit 3), else PASS (exit 0) — with
 * every skipped property and its reason named, so a PASS never hides what was not checked.
 */
import type { PropertyResult, RunReport } from '../runner/result.ts';
import { EXIT } from './exit-codes.ts';
import { countsText, countVerdicts, gatesOf } from '../report/gates.ts';

export type GateVerdict = 'PASS' | 'FAIL' | 'ERROR';

export function gateVerdict(results: readonly PropertyResult[]): GateVerdict {
  if (results.some((r) => r.verdict === 'failed')) return 'FAIL';
  if (results.some((r) => r.verdict === 'error')) return 'ERROR';
  return 'PASS';
}

export function gateExitCode(results: readonly PropertyResult[]): number {
  return { PASS: EXIT.ok, FAIL: EXIT.failed, ERROR: EXIT.infra }[gateVerdict(results)];
}

export function gateVerdictLine(
  gate: string,
  results: readonly PropertyResult[],
  run: { seed: number; defect?: string | undefined; incomplete?: RunReport['incomplete']; serverVersion?: number },
): string {
  const skipped = results.filter((r) => r.verdict === 'skipped' && !r.interrupted);
  const head = run.incomplete
    ? `gate ${gate}: INTERRUPTED (${run.incomplete.signal}) after ${run.incomplete.completed} of ${run.incomplete.total} properties — no verdict; the report covers what ran`
    : `gate ${gate}${run.defect ? ` (defect ${run.defect})` : ''}: ${gateVerdict(results)}`;
  const lines = [`${head} — ${properties(results.length)}: ${countsText(countVerdicts(results))} — seed ${run.seed}${run.serverVersion ? `, PostgreSQL ${run.serverVersion}` : ''}`];
  // Several gates (gate all): each one's count, as the report's cards and JUnit suites show it.
  const gates = gatesOf({ results: [...results] });
  if (gates.length > 1) for (const g of gates) lines.push(`  ${g.gate}: ${g.verdict} — ${properties(g.counts.total)}: ${countsText(g.counts)}`);
  for (const r of skipped) lines.push(`  skipped ${r.property}: ${r.note ?? 'no reason given'}`);
  return lines.join('\n');
}

const properties = (n: number) => `${n} propert${n === 1 ? 'y' : 'ies'}`;
