/**
 * The coverage section: how many generated legacy rows needed each anomaly and each branch of the
 * mapping rules (quarantine reason, normalization, warning) in the run's random cases. A branch no
 * case reached is a rule the run did not test — shown first, in red.
 */
import type { RunReport } from '../runner/result.ts';
import { COVERAGE_BRANCHES, unhitBranches, type CoverageFamily } from '../check/coverage.ts';
import { esc } from './html-escape.ts';
import { table } from './html-failure.ts';
import { md } from './markdown-text.ts';

const FAMILY_TITLES: Record<CoverageFamily, string> = {
  anomalies: 'anomalies of the generators',
  quarantine: 'quarantine reasons',
  normalizations: 'normalizations',
  warnings: 'warnings',
};

const families = Object.keys(COVERAGE_BRANCHES) as CoverageFamily[];

export function htmlCoverage(report: RunReport): string {
  const c = report.coverage;
  if (!c) return '';
  const unhit = unhitBranches(c);
  const out = [
    `<p class="explain">How many generated legacy rows (in ${esc(String(c.cases))} random case(s), ${esc(String(c.rows))} rows) needed each anomaly and each branch of the mapping rules. A branch with 0 was not tested by this run.</p>`,
    unhit.length ? `<p class="survived">Not reached: ${unhit.map((b) => `<code>${esc(b)}</code>`).join(', ')}</p>` : '<p>Every anomaly and every mapping-rule branch was reached.</p>',
  ];
  for (const f of families) {
    out.push(`<h3>${esc(FAMILY_TITLES[f])}</h3>`, table(['branch', 'rows'], COVERAGE_BRANCHES[f].map((id) => [`<code>${esc(id)}</code>`, c[f][id] ? esc(String(c[f][id])) : '<span class="survived">0</span>']), 'coverage'));
  }
  return out.join('\n');
}

export function mdCoverage(report: RunReport): string[] {
  const c = report.coverage;
  if (!c) return [];
  const unhit = unhitBranches(c);
  const out = [`${c.cases} random case(s), ${c.rows} generated legacy rows. ${unhit.length ? `**Not reached:** ${unhit.map((b) => `\`${b}\``).join(', ')}.` : 'Every anomaly and every mapping-rule branch was reached.'}`, ''];
  out.push('| family | branch | rows |', '| --- | --- | ---: |');
  for (const f of families) for (const id of COVERAGE_BRANCHES[f]) out.push(`| ${md(FAMILY_TITLES[f])} | \`${id}\` | ${c[f][id] ?? 0} |`);
  return out;
}
