import type { PropertyResult, RunReport } from '../runner/result.ts';
import { explainFailure } from './explain-failure.ts';
import { checksCount, countsText, gatesOf } from './gates.ts';
import { esc, slugId } from './html-escape.ts';
import { htmlExplanation } from './html-failure.ts';
import { formatDuration } from './text-format.ts';

/** Every check, gate by gate: each gate's heading carries the same counts as its card. */
export function htmlChecks(report: RunReport): string {
  if (report.results.length === 0) return '';
  return gatesOf(report).map((g) => [
    `<h3 id="${slugId('gate', g.gate)}">${esc(g.gate)} <span class="verdict ${verdictClassOf(g.verdict)}">${esc(g.verdict)}</span> <span class="counts">${checksCount(g.counts.total)}: ${esc(countsText(g.counts))}</span></h3>`,
    `<table class="properties" data-gate="${esc(g.gate)}"><tr><th>check</th><th>what it makes sure of</th><th>result</th><th class="num">cases run</th><th class="num">seed</th><th class="num">time</th></tr>${g.results.map(propertyRow).join('')}</table>`,
  ].join('\n')).join('\n');
}

/** Checks that could not be checked (ERROR: what and why) or were skipped (why). */
export function htmlNotRun(report: RunReport): string {
  const notRun = report.results.filter((r) => r.verdict === 'skipped' || r.verdict === 'error');
  if (notRun.length === 0) return '';
  return notRun.map((r) => r.verdict === 'error'
    ? `<article class="not-checked" id="${slugId('error', r.property)}"><h3>${esc(r.property)} <span class="verdict error">COULD NOT BE CHECKED</span></h3>${htmlExplanation(explainFailure(r), 6)}<p class="legend">A problem with the test setup or the infrastructure, not a verdict on the migration.</p>${r.replayCommand ? `<pre class="replay"><code>${esc(r.replayCommand)}</code></pre>` : ''}</article>`
    : `<p><b>${esc(r.property)}</b> <span class="verdict skipped">${r.interrupted ? 'interrupted' : 'skipped'}</span>: ${esc(r.note ?? r.failure?.message ?? 'no reason given')}</p>`).join('\n');
}

function propertyRow(r: PropertyResult): string {
  const label = { passed: 'passed', failed: 'FAILED', error: 'could not be checked', skipped: r.interrupted ? 'interrupted' : 'skipped' }[r.verdict];
  const anchor = r.verdict === 'failed' ? slugId('failure', r.property) : r.verdict === 'error' ? slugId('error', r.property) : undefined;
  const result = anchor ? `<a href="#${anchor}">${label}</a>` : label;
  const cases = `${r.runs}${r.interrupted ? ' (stopped by the time limit)' : ''}${r.regressionsReplayed ? ` + ${r.regressionsReplayed} saved` : ''}`;
  return `<tr data-property="${esc(r.property)}"><td><code>${esc(r.property)}</code></td><td>${esc(r.description)}</td><td class="verdict ${r.verdict}">${result}</td>` +
    `<td class="num">${esc(cases)}</td><td class="num">${esc(String(r.seed))}</td><td class="num">${esc(formatDuration(r.durationMs))}</td></tr>`;
}

export const verdictClassOf = (v: string) => (v === 'PASS' ? 'passed' : v === 'FAIL' ? 'failed' : v === 'ERROR' ? 'error' : 'skipped');
