import type { RunReport } from '../runner/result.ts';
import { countsText } from './gates.ts';
import { esc, slugId } from './html-escape.ts';
import { table } from './html-failure.ts';
import { nothingChanged, type RunChanges } from './run-changes.ts';
import { formatDuration } from './text-format.ts';

/** "Since the last run": the first section of the page, when the CLI compared the run with the previous one. */
export function htmlChanges(report: RunReport): string {
  const c = report.changes;
  if (!c) return '';
  const p = c.previous;
  if (!p) return `<p class="nodata">First run of gate ${esc(report.gates.join(', '))}${report.defect ? ` with defect ${esc(report.defect)}` : ''} in this report directory: nothing to compare with yet. The next run will say what changed.</p>`;
  const out = [`<p>Compared with the previous run of the same gate, <code>${esc(p.runId)}</code> (${esc(p.startedAt)}, seed ${p.seed}): <b>${esc(p.verdict)}</b> then, ${esc(countsText(p.counts))}.` +
    `${p.seed !== report.seed ? ` <span class="legend">The seeds differ (${p.seed} then, ${report.seed} now): the cases tried differ too, so a change may come from the data rather than the code.</span>` : ''}</p>`];
  if (nothingChanged(c)) return [...out, '<p class="unchanged"><b>Nothing changed:</b> the same verdict for every check, no new counterexample, no figure moved.</p>'].join('\n');
  if (!c.verdicts.length && !c.newCounterexamples.length) out.push('<p class="unchanged">The same verdict for every check, and no new counterexample.</p>');
  if (c.verdicts.length) {
    out.push('<h3>Verdicts that changed</h3>', table(['check', 'gate', 'before', 'now'], c.verdicts.map((v) => [
      `<code>${esc(v.property)}</code>`, esc(v.gate), verdictCell(v.before, 'not run'), verdictCell(v.after, 'not run this time'),
    ]), 'changes'));
  }
  if (c.newCounterexamples.length) {
    out.push('<h3>New counterexamples</h3>', `<ul>${c.newCounterexamples.map((n) => `<li><a href="#${slugId('failure', n.property)}"><code>${esc(n.property)}</code></a> (before: ${esc(n.before)}): ${esc(n.message)}</li>`).join('')}</ul>`);
  }
  if (c.figures.length) out.push('<h3>Figures that moved</h3>', table(['figure', 'check', 'before', 'now'], c.figures.map((f) => [esc(f.what), f.property ? `<code>${esc(f.property)}</code>` : '', esc(figure(f.before, f.unit)), esc(figure(f.after, f.unit))]), 'changes'));
  return out.join('\n');
}

export function figure(n: number, unit: RunChanges['figures'][number]['unit']): string {
  return unit === 'ms' ? formatDuration(n) : `${n} ${unit}`;
}

function verdictCell(v: string | undefined, none: string): string {
  if (!v) return `<span class="verdict skipped">${esc(none)}</span>`;
  const label = { passed: 'passed', failed: 'FAILED', error: 'could not be checked', skipped: 'skipped' }[v] ?? v;
  return `<span class="verdict ${esc(v)}">${esc(label)}</span>`;
}
