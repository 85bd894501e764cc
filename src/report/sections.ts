/**
 * The sections of the report, in page order, one entry each: index.html lists in its table of contents
 * (each linkable as `#id`) the sections that have something to show, and summary.md renders the same
 * sections in the same order.
 *
 * To add a section — the plan as written, … —: give RunReport its data (optional, so older reports
 * still render), write `html(report)` returning '' and `markdown(report)` returning [] when the report
 * holds none, and add one entry below where it belongs. Nothing else changes.
 */
import type { RunReport } from '../runner/result.ts';
import { ACCESS_TITLE, htmlAccess, mdAccessSummary } from './access-matrix.ts';
import { htmlChanges } from './html-changes.ts';
import { htmlChecks, htmlNotRun } from './html-checks.ts';
import { htmlFailure } from './html-failure.ts';
import { htmlKillMatrix } from './html-kill-matrix.ts';
import { htmlDrift, htmlQuarantine } from './html-sections.ts';
import { htmlStalls } from './html-stalls.ts';
import { htmlCoverage, mdCoverage } from './coverage-section.ts';
import { failureSection } from './markdown-failure.ts';
import { mdChanges, mdChecks, mdDrift, mdKillMatrix, mdNotRun, mdQuarantine, mdStalls } from './markdown-sections.ts';

export interface ReportSection {
  /** The anchor (`index.html#id`): stable, people link to it. */
  id: string;
  /** Heading and table-of-contents entry. */
  title: string;
  /** The section's body in index.html ('' = not shown, not listed). */
  html(report: RunReport): string;
  /** The section's body in summary.md ([] = not shown). */
  markdown(report: RunReport): string[];
}

const failed = (r: RunReport) => r.results.filter((x) => x.verdict === 'failed');

export const REPORT_SECTIONS: readonly ReportSection[] = [
  { id: 'since-last-run', title: 'Since the last run', html: htmlChanges, markdown: mdChanges },
  { id: 'failures', title: 'Failures', html: (r) => failed(r).map(htmlFailure).join('\n'), markdown: (r) => failed(r).flatMap((x, i) => [...(i ? [''] : []), ...failureSection(x)]) },
  { id: 'not-run', title: 'Could not be checked, or skipped', html: htmlNotRun, markdown: mdNotRun },
  { id: 'checks', title: 'Checks, gate by gate', html: htmlChecks, markdown: mdChecks },
  // Where the sections being added belong (their data is not in RunReport yet):
  { id: 'access-matrix', title: ACCESS_TITLE, html: (r) => (r.access ? htmlAccess(r.access) : ''), markdown: (r) => (r.access ? mdAccessSummary(r.access) : []) },
  // { id: 'plan-as-written', title: 'The plan as written', html: …, markdown: (r) => (isPlanRun(r) ? renderPlanTable(r).split('\n') : []) },  (plan-table.ts)
  { id: 'coverage', title: 'Anomalies and mapping-rule branches covered', html: htmlCoverage, markdown: mdCoverage },
  { id: 'stalls', title: 'Write stalls during the migration', html: htmlStalls, markdown: mdStalls },
  { id: 'quarantine', title: 'Rows set aside (quarantine)', html: htmlQuarantine, markdown: mdQuarantine },
  { id: 'drift', title: 'Drift between the old and the new tables', html: htmlDrift, markdown: mdDrift },
  { id: 'kill-matrix', title: 'Does each check catch the bugs it should? (defect kill matrix)', html: htmlKillMatrix, markdown: mdKillMatrix },
];

/** The sections of a report that have something to show, with their rendered bodies. */
export function presentSections<T>(report: RunReport, body: (s: ReportSection, r: RunReport) => T, empty: (t: T) => boolean): Array<{ section: ReportSection; body: T }> {
  return REPORT_SECTIONS.map((section) => ({ section, body: body(section, report) })).filter((x) => !empty(x.body));
}
