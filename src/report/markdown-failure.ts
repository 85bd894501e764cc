import type { LegacyRow } from '../generate/dataset.ts';
import type { PropertyResult } from '../runner/result.ts';
import { failureView, habitGrid, type FailureView } from './counterexample.ts';
import { explainFailure } from './explain-failure.ts';
import { codeSpan, fence, md } from './markdown-text.ts';
import { fixtureReplayCommand, noFixtureReason } from './replay-lines.ts';
import { compact, compactJson, prettyJson, STATUS_LEGEND, weekShort } from './text-format.ts';

const MAX_ROWS = 20;
const MAX_DIFFS = 40;
const MAX_REASONS = 10;

/** One failure for a pull-request comment: in words first, the replay lines, the data, raw JSON folded. */
export function failureSection(r: PropertyResult): string[] {
  const e = explainFailure(r);
  const out = [`#### ❌ ${md(r.property)}${r.defect ? ` (defect ${md(r.defect)})` : ''}`, ''];
  out.push(...e.headline.split('\n').map((l) => `> ${md(l)}`), '', md(e.rule));
  if (e.reasons.length) {
    out.push('');
    for (const x of e.reasons.slice(0, MAX_REASONS)) out.push(`- ${md(x.text)}`);
    if (e.reasons.length > MAX_REASONS) out.push(`- … ${e.reasons.length - MAX_REASONS} more in index.html`);
  }
  if (r.failedOnRegression) out.push('', `Failed on the saved regression \`${codeSpan(r.failedOnRegression)}\`.`);
  if (r.replayCommand) {
    out.push('', 'Replay:', '', fence(r.replayCommand, 'sh'));
    const fixture = fixtureReplayCommand(r);
    if (fixture && fixture !== r.replayCommand) out.push('', 'Or, shorter, from the saved fixture:', '', fence(fixture, 'sh'));
    else if (!fixture) out.push('', `<sub>${md(noFixtureReason(r) ?? '')}</sub>`);
  }
  const v = failureView(r);
  if (v.dataset) out.push('', ...datasetTable(v));
  if (v.extra !== undefined) out.push('', `Case: \`${codeSpan(compactJson(v.extra, 500))}\``);
  if (v.diffs.length > 0) {
    out.push('', '| legacy id | field | legacy expects | new schema holds |', '| ---: | --- | --- | --- |');
    for (const d of v.diffs.slice(0, MAX_DIFFS)) out.push(`| ${md(String(d.legacy_id))} | ${md(d.field)} | ${md(compactJson(d.expected))} | **${md(compactJson(d.actual))}** |`);
    if (v.diffs.length > MAX_DIFFS) out.push('', `… ${v.diffs.length - MAX_DIFFS} more differences in run.json`);
  }
  if (v.problems.length > 0) {
    out.push('', '| legacy id | problem | expected | actual |', '| ---: | --- | --- | --- |');
    for (const p of v.problems.slice(0, MAX_DIFFS)) out.push(`| ${md(String(p.legacy_id))} | ${md(p.problem)} | ${md(String(p.expected ?? ''))} | **${md(String(p.actual ?? ''))}** |`);
    if (v.problems.length > MAX_DIFFS) out.push('', `… ${v.problems.length - MAX_DIFFS} more problems in run.json`);
  }
  if (r.failure?.details !== undefined) out.push('', '<details><summary>Raw details (JSON)</summary>', '', fence(prettyJson(r.failure.details), 'json'), '', '</details>');
  return out;
}

function datasetTable(v: FailureView): string[] {
  const rows = v.dataset!.rows;
  const out = [`Minimal counterexample: ${rows.length} legacy row(s), ${v.dataset!.users?.length ?? 0} account(s). Habits are Mon..Sun: ${md(STATUS_LEGEND)}.`, ''];
  out.push('| id | user_id | child_name | week_start_date | habits | anomalies |', '| ---: | --- | --- | --- | --- | --- |');
  for (const row of rows.slice(0, MAX_ROWS)) {
    out.push(`| ${row.id} | ${md(compact(row.user_id ?? 'null'))} | ${md(compactJson(row.child_name))} | ${md(compact(row.week_start_date))} | ${habitsCell(row)} | ${md((v.dataset!.anomalies?.[row.id] ?? []).join(', '))} |`);
  }
  if (rows.length > MAX_ROWS) out.push('', `… ${rows.length - MAX_ROWS} more rows in run.json`);
  return out;
}

function habitsCell(row: LegacyRow): string {
  const grid = habitGrid(row);
  if (!grid) return md(compactJson(row.habits));
  if (grid.habits.length === 0) return '(no habits)';
  return grid.habits.map((h) => `${md(compactJson(h.name, 60))}: ${h.times ? md(weekShort(h.times)) : md(`times=${compactJson((h.raw as { times?: unknown } | null)?.times, 60)}`)}`).join('<br>');
}
