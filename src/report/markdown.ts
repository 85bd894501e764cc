import type { RunReport } from '../runner/result.ts';
import { countsText, countVerdicts, gatesOf, overallVerdict } from './gates.ts';
import { badge, codeSpan, md } from './markdown-text.ts';
import { presentSections } from './sections.ts';

export { md } from './markdown-text.ts';

/**
 * summary.md, for a pull-request comment: the verdict and a line per gate (the same counts as every
 * other format), then the sections of src/report/sections.ts that have something to show, in the
 * page's order — what changed since the last run first, then each failure in words with its replay
 * lines and minimal counterexample, what could not be checked, the property table, stalls,
 * quarantine, drift, the kill matrix. Same report in, same text out.
 */
export function renderMarkdown(report: RunReport): string {
  const gates = gatesOf(report);
  const out: string[] = [`## habit-verify: ${badge(overallVerdict(gates))}`, ''];
  if (report.incomplete) {
    out.push(`> **INCOMPLETE**: interrupted (${md(report.incomplete.signal)}) after ${report.incomplete.completed} of ${report.incomplete.total} properties; only what ran is reported.`, '');
  }
  for (const g of gates) out.push(`- **${md(g.gate)}: ${badge(g.verdict)}** — ${countsText(g.counts)}`);
  if (gates.length === 0) out.push('- no property ran');
  else if (gates.length > 1) out.push(`- **all ${report.results.length} properties** — ${countsText(countVerdicts(report.results))}`);
  out.push('', `Run \`${codeSpan(report.runId)}\` · seed ${report.seed} · provider ${md(report.provider)}` +
    `${report.defect ? ` · defect **${md(report.defect)}** (a deliberately broken variant: failures are expected)` : ''}` +
    ` · ${md(report.startedAt)} → ${md(report.finishedAt)}`);
  for (const { section, body } of presentSections(report, (s, r) => s.markdown(r), (b) => b.length === 0)) {
    out.push('', `### ${md(section.title)}`, '', ...body);
  }
  out.push('', '<sub>Full report: index.html · properties.csv · run.json in the run directory.</sub>', '');
  return out.join('\n');
}
