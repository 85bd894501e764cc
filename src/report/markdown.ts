import type { LegacyRow } from '../generate/dataset.ts';
import type { PropertyResult, RunReport } from '../runner/result.ts';
import { failureView, habitGrid, type FailureView } from './counterexample.ts';
import { countsText, gatesOf, overallVerdict, type GateVerdict } from './gates.ts';
import { driftOf, exampleLegacyId, killMatrixOf, quarantineOf, stallsOf } from './report-sections.ts';
import { compact, compactJson, formatDuration, prettyJson, STATUS_LEGEND, weekShort } from './text-format.ts';

const MAX_ROWS = 20;
const MAX_DIFFS = 40;
const MAX_DRIFT = 10;

/**
 * summary.md, for a pull-request comment: a verdict line per gate, one table row per property, each
 * failure with its message, replay command and minimal counterexample, the quarantine breakdown, and
 * notes on skipped and errored properties. Same report in, same text out.
 */
export function renderMarkdown(report: RunReport): string {
  const gates = gatesOf(report);
  const out: string[] = [`## habit-verify: ${badge(overallVerdict(gates))}`, ''];
  if (report.incomplete) {
    out.push(`> **INCOMPLETE**: interrupted (${md(report.incomplete.signal)}) after ${report.incomplete.completed} of ${report.incomplete.total} properties; only what ran is reported.`, '');
  }
  for (const g of gates) out.push(`- **${md(g.gate)}: ${badge(g.verdict)}** — ${countsText(g.counts)}`);
  if (gates.length === 0) out.push('- no property ran');
  out.push('', `Run \`${codeSpan(report.runId)}\` · seed ${report.seed} · provider ${md(report.provider)}` +
    `${report.defect ? ` · defect **${md(report.defect)}** (a deliberately broken variant: failures are expected)` : ''}` +
    ` · ${md(report.startedAt)} → ${md(report.finishedAt)}`, '');

  out.push('| property | verdict | cases | seed | time |', '| --- | --- | ---: | ---: | ---: |');
  for (const r of report.results) {
    const cases = `${r.runs}${r.shrinks ? ` (+${r.shrinks} shrinks)` : ''}${r.regressionsReplayed ? ` (+${r.regressionsReplayed} saved)` : ''}${r.interrupted ? (r.verdict === 'skipped' ? ' ⏹ interrupted' : ' ⏱ stopped by time budget') : ''}`;
    out.push(`| ${md(r.property)} | ${verdictText(r)} | ${cases} | ${r.seed} | ${formatDuration(r.durationMs)} |`);
  }

  const failed = report.results.filter((r) => r.verdict === 'failed');
  if (failed.length > 0) {
    out.push('', '### Failures');
    for (const r of failed) out.push('', ...failureSection(r));
  }

  const notRun = report.results.filter((r) => r.verdict === 'skipped' || r.verdict === 'error');
  if (notRun.length > 0) {
    out.push('', '### Skipped and errors', '');
    for (const r of notRun) {
      const why = r.note ?? r.failure?.message ?? 'no reason given';
      out.push(`- ${verdictText(r)} **${md(r.property)}**: ${md(oneLine(why))}${r.verdict === 'error' ? ' (infrastructure, not a verdict on the migration)' : ''}`);
      if (r.verdict === 'error' && r.replayCommand) out.push('', fence(r.replayCommand, 'sh', '  '));
    }
  }

  out.push(...quarantineSection(report), ...driftSection(report), ...stallSection(report), ...killSection(report));
  out.push('', '<sub>Full report: index.html · properties.csv · run.json in the run directory.</sub>', '');
  return out.join('\n');
}

function failureSection(r: PropertyResult): string[] {
  const out = [`#### ❌ ${md(r.property)}${r.defect ? ` (defect ${md(r.defect)})` : ''}`, ''];
  out.push(...(r.failure?.message ?? 'failed').split('\n').map((l) => `> ${md(l)}`));
  if (r.failedOnRegression) out.push('', `Failed on the saved regression \`${codeSpan(r.failedOnRegression)}\`.`);
  if (r.replayCommand) out.push('', 'Replay:', '', fence(r.replayCommand, 'sh'));
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
    for (const p of v.problems.slice(0, MAX_DIFFS)) out.push(`| ${md(String(p.legacy_id))} | ${md(p.problem)} | ${md(p.expected)} | **${md(p.actual)}** |`);
    if (v.problems.length > MAX_DIFFS) out.push('', `… ${v.problems.length - MAX_DIFFS} more problems in run.json`);
  }
  if (v.otherDetails !== undefined) out.push('', '<details><summary>Details</summary>', '', fence(prettyJson(v.otherDetails), 'json'), '', '</details>');
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

function quarantineSection(report: RunReport): string[] {
  const q = quarantineOf(report);
  if (!q) return [];
  const out = ['', '### Quarantine', ''];
  if (q.length === 0) return [...out, 'No row was quarantined.'];
  out.push('| reason | count | example legacy ids |', '| --- | ---: | --- |');
  for (const g of q) out.push(`| ${md(g.reason)} | ${g.count} | ${md(g.examples.map(exampleLegacyId).filter((x) => x !== undefined).slice(0, 10).join(', '))} |`);
  return out;
}

function driftSection(report: RunReport): string[] {
  const d = driftOf(report);
  if (!d) return [];
  const out = ['', '### Drift', ''];
  if (d.length === 0) return [...out, 'No drift: the new schema matches legacy.'];
  out.push(`${d.length} difference(s)${d.length > MAX_DRIFT ? ` (first ${MAX_DRIFT}; all in drift.csv)` : ''}:`, '');
  out.push('| legacy id | child | week | habit | day | field | legacy | new | kind |', '| ---: | --- | --- | ---: | ---: | --- | --- | --- | --- |');
  for (const r of d.slice(0, MAX_DRIFT)) {
    out.push(`| ${r.legacy_id ?? ''} | ${md(r.child ?? '')} | ${md(r.week ?? '')} | ${r.habit_index ?? ''} | ${r.day ?? ''} | ${md(r.field)} | ${md(r.legacy ?? 'null')} | ${md(r.new ?? 'null')} | ${md(r.kind)} |`);
  }
  return out;
}

function stallSection(report: RunReport): string[] {
  const s = stallsOf(report);
  if (!s || s.length === 0) return [];
  const out = ['', '### Write stalls during the migration', '', '| step | p50 | p99 | max | errors |', '| --- | ---: | ---: | ---: | ---: |'];
  for (const x of s) out.push(`| ${md(x.step)} | ${formatDuration(x.p50Ms)} | ${formatDuration(x.p99Ms)} | ${formatDuration(x.maxMs)} | ${x.errors} |`);
  return out;
}

function killSection(report: RunReport): string[] {
  const k = killMatrixOf(report);
  if (!k || k.length === 0) return [];
  const survivors = k.filter((e) => !e.killed);
  const out = ['', '### Defect kill matrix', '', `${k.length - survivors.length} of ${k.length} defects killed.`, ''];
  out.push('| defect | killed | by | cases to kill | time |', '| --- | --- | --- | ---: | ---: |');
  for (const e of k) out.push(`| ${md(e.id)} | ${e.killed ? '✔' : '✘ **survived**'} | ${md(e.killedBy.join(', '))} | ${e.casesToKill ?? ''} | ${formatDuration(e.ms)} |`);
  return out;
}

function badge(v: GateVerdict): string {
  return v === 'PASS' ? '✅ PASS' : v === 'FAIL' ? '❌ FAIL' : v === 'ERROR' ? '⚠️ ERROR (could not check)' : '⏭️ NOT RUN';
}

function verdictText(r: PropertyResult): string {
  return { passed: '✅ passed', failed: '❌ failed', error: '⚠️ error', skipped: '⏭️ skipped' }[r.verdict];
}

/** Inline Markdown text: HTML and Markdown syntax shown literally, one line (table-safe). */
export function md(s: string): string {
  return oneLine(s)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#!]/g, '\\$&');
}

function oneLine(s: string): string {
  return s.replace(/\r\n|\r|\n/g, ' ↵ ');
}

function codeSpan(s: string): string {
  return oneLine(s).replace(/`/g, 'ˋ');
}

/** A fenced code block whose fence is longer than any backtick run inside. */
function fence(text: string, lang: string, indent = ''): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const f = '`'.repeat(Math.max(3, longest + 1));
  return [`${f}${lang}`, ...text.split('\n'), f].map((l) => indent + l).join('\n');
}
