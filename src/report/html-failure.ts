import type { AccountingProblem, FieldDiff } from '../check/round-trip.ts';
import type { LegacyRow } from '../generate/dataset.ts';
import type { PropertyResult } from '../runner/result.ts';
import { cellField, dayName, failureView, habitGrid } from './counterexample.ts';
import { esc, slugId } from './html-escape.ts';
import { compact, compactJson, prettyJson } from './text-format.ts';
import { explainFailure, reasonsFor, type FailureExplanation, type Reason } from './explain-failure.ts';
import { fixtureReplayCommand, noFixtureReason } from './replay-lines.ts';

const MAX_ROWS = 50;
const MAX_TOP_REASONS = 6;
const ROW_FIELDS = ['id', 'user_id', 'child_name', 'week_start_date', 'week_period', 'theme', 'reflection', 'reward', 'created_at', 'updated_at'] as const;

/**
 * One failed property for QA: what went wrong in words and the rule that should have held, how to
 * reproduce it (the seed line and the shorter fixture line), and the smallest legacy data that shows
 * it — each legacy row beside what the new schema holds for it and why that is wrong, differing fields
 * in red. The raw JSON stays available, folded.
 */
export function htmlFailure(r: PropertyResult): string {
  const v = failureView(r);
  const e = explainFailure(r);
  const out = [`<article class="failure" id="${slugId('failure', r.property)}">`,
    `<h3>${esc(r.property)} <span class="verdict failed">FAILED</span></h3>`];
  out.push(htmlExplanation(e, MAX_TOP_REASONS));
  if (r.failedOnRegression) out.push(`<p>It failed on a saved regression: <code>${esc(r.failedOnRegression)}</code>.</p>`);
  out.push(htmlReplay(r));

  const byId = groupBy(v.diffs, (d) => String(d.legacy_id));
  const problemsById = groupBy(v.problems, (p) => String(p.legacy_id));
  if (v.dataset) {
    const rows = v.dataset.rows;
    out.push('<h4>The smallest data that fails</h4>',
      `<p>${rows.length} legacy row(s), ${v.dataset.users?.length ?? 0} parent account(s). Left: the row as it is in the old table. Right: what went wrong with it and what the new schema holds for it; differences are <span class="differs">&nbsp;red&nbsp;</span>.</p>`);
    for (const row of rows.slice(0, MAX_ROWS)) {
      out.push(compareRow(row, byId.get(String(row.id)) ?? [], problemsById.get(String(row.id)) ?? [], v.dataset.anomalies?.[row.id] ?? [], reasonsFor(e, row.id)));
    }
    if (rows.length > MAX_ROWS) out.push(`<p class="nodata">… ${rows.length - MAX_ROWS} more rows in run.json</p>`);
    if (v.dataset.users?.length) {
      out.push('<details><summary>Parent accounts in this example</summary>', table(['id', 'email'], v.dataset.users.map((u) => [esc(compact(u.id)), esc(compact(u.email))])), '</details>');
    }
  }
  const shown = new Set(v.dataset?.rows.slice(0, MAX_ROWS).map((r) => String(r.id)) ?? []);
  const otherDiffs = v.diffs.filter((d) => !shown.has(String(d.legacy_id)));
  const otherProblems = v.problems.filter((p) => !shown.has(String(p.legacy_id)));
  if (otherDiffs.length) out.push('<h4>Differences</h4>', diffTable(otherDiffs, true));
  if (otherProblems.length) out.push('<h4>Rows not accounted for</h4>', problemTable(otherProblems, true));
  if (v.extra !== undefined) out.push(`<h4>${v.dataset ? 'Other parameters of the case' : 'The failing input'}</h4>`, `<pre>${esc(prettyJson(v.extra))}</pre>`);
  if (r.failure?.details !== undefined) {
    out.push('<details class="raw"><summary>Raw details (JSON, as in run.json)</summary>', `<pre>${esc(prettyJson(r.failure.details))}</pre>`, '</details>');
  }
  out.push('</article>');
  return out.join('\n');
}

/** The explanation block: headline, the rule that had to hold, and the first reasons in words. */
export function htmlExplanation(e: FailureExplanation, max: number): string {
  const shown = e.reasons.slice(0, max);
  return ['<div class="why">', `<p class="message">${esc(e.headline)}</p>`, `<p class="rule">${esc(e.rule)}</p>`,
    shown.length ? `<ul class="reasons">${shown.map((x) => `<li>${esc(x.text)}</li>`).join('')}</ul>` : '',
    e.reasons.length > max ? `<p class="legend">… ${e.reasons.length - max} more, beside the rows below.</p>` : '', '</div>'].filter(Boolean).join('');
}

/** The seed line, and beside it the shorter replay of the saved fixture (or why there is none). */
function htmlReplay(r: PropertyResult): string {
  if (!r.replayCommand) return '';
  const fixture = fixtureReplayCommand(r);
  const out = ['<h4>Reproduce it</h4>', '<p class="legend">Run this from the project directory: it replays exactly this failure (the seed and the path fast-check took to it).</p>',
    `<pre class="replay"><code>${esc(r.replayCommand)}</code></pre>`];
  if (fixture && fixture !== r.replayCommand) out.push('<p class="legend">The same case from the saved fixture (shorter, and it survives changes to the generators):</p>', `<pre class="replay fixture"><code>${esc(fixture)}</code></pre>`);
  else if (!fixture) out.push(`<p class="legend">${esc(upper(noFixtureReason(r) ?? ''))}</p>`);
  return out.join('\n');
}

const upper = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

function compareRow(row: LegacyRow, diffs: FieldDiff[], problems: AccountingProblem[], anomalies: readonly string[], reasons: readonly Reason[]): string {
  const diffByField = new Map(diffs.map((d) => [d.field, d]));
  const rowMissing = diffByField.has('row');
  const fields = ROW_FIELDS.filter((f) => (f !== 'created_at' && f !== 'updated_at') || diffByField.has(f)).map((f) => {
    const d = diffByField.get(f);
    const value = f === 'child_name' || f === 'theme' || f === 'reward' ? compactJson(row[f], 300) : compact(row[f] ?? null, 300);
    return `<tr data-field="${esc(f)}"><th>${esc(f)}</th><td${d ? ` class="differs" title="${esc(`new schema holds ${compactJson(d.actual)}`)}"` : ''}>${esc(value)}${d ? `<span class="new-value">new: ${esc(compactJson(d.actual, 120))}</span>` : ''}</td></tr>`;
  });
  const left = [`<h5>Legacy row #${esc(String(row.id))}${rowMissing ? ' <span class="verdict failed">missing from the new schema</span>' : ''}</h5>`,
    `<table class="fields">${fields.join('')}</table>`,
    anomalies.length ? `<p class="legend">Unusual data in this row: ${esc(anomalies.join(', '))}</p>` : '',
    '<h5>Habits</h5>', habitsTable(row, diffByField)].join('\n');
  const right = ['<h5>What went wrong, and the new schema</h5>',
    reasons.length ? `<ul class="reasons">${reasons.map((x) => `<li>${esc(x.text)}</li>`).join('')}</ul>` : '',
    diffs.length ? diffTable(diffs, false) : '',
    problems.length ? problemTable(problems, false) : '',
    reasons.length || diffs.length || problems.length ? '' : '<p class="nodata">Nothing wrong was found with this row: it is part of the smallest example for the rows around it.</p>'].join('\n');
  return `<div class="compare"><div class="legacy">${left}</div><div class="new">${right}</div></div>`;
}

function habitsTable(row: LegacyRow, diffByField: ReadonlyMap<string, FieldDiff>): string {
  const grid = habitGrid(row);
  if (!grid) return `<p>Not a list of habits: <code>${esc(compactJson(row.habits, 300))}</code></p>`;
  if (grid.habits.length === 0) return '<p class="nodata">No habits.</p>';
  const head = `<tr><th class="habit-name">habit</th>${Array.from({ length: grid.days }, (_, d) => `<th>${esc(dayName(d))}</th>`).join('')}</tr>`;
  const body = grid.habits.map((h, i) => {
    const whole = diffByField.get(`habits[${i}]`);
    const nameDiff = diffByField.get(`habits[${i}].name`) ?? whole;
    const name = `<td class="habit-name${nameDiff ? ' differs' : ''}">${esc(compactJson(h.name, 80))}${nameDiff ? `<span class="new-value">new: ${esc(compactJson(nameDiff.actual, 80))}</span>` : ''}</td>`;
    if (!h.times) return `<tr>${name}<td colspan="${grid.days}" class="s-odd">times = ${esc(compactJson((h.raw as { times?: unknown } | null)?.times, 200))}</td></tr>`;
    const cells = Array.from({ length: grid.days }, (_, d) => statusCell(h.times![d], d < h.times!.length, diffByField.get(cellField(i, d))));
    return `<tr>${name}${cells.join('')}</tr>`;
  });
  return `<table class="habits">${head}${body.join('')}</table>`;
}

function statusCell(v: unknown, present: boolean, diff: FieldDiff | undefined): string {
  const cls = !present ? 's-missing' : v === null ? 's-null' : typeof v === 'string' && ['green', 'yellow', 'red', 'none'].includes(v) ? `s-${v}` : 's-odd';
  const text = !present ? 'missing' : v === null ? 'null' : typeof v === 'string' && cls !== 's-odd' ? v : compactJson(v, 40);
  const title = diff ? ` title="${esc(`new schema holds ${compactJson(diff.actual)}`)}"` : '';
  return `<td class="${cls}${diff ? ' differs' : ''}"${title}>${esc(text)}${diff ? `<span class="new-value">new: ${esc(compactJson(diff.actual, 40))}</span>` : ''}</td>`;
}

function diffTable(diffs: readonly FieldDiff[], withId: boolean): string {
  return table([...(withId ? ['legacy id'] : []), 'field', 'legacy expects', 'new schema holds'],
    diffs.map((d) => [...(withId ? [esc(String(d.legacy_id))] : []), esc(d.field), esc(compactJson(d.expected, 300)), `<span class="differs">${esc(compactJson(d.actual, 300))}</span>`]));
}

function problemTable(problems: readonly AccountingProblem[], withId: boolean): string {
  return table([...(withId ? ['legacy id'] : []), 'problem', 'expected', 'actual'],
    problems.map((p) => [...(withId ? [esc(String(p.legacy_id))] : []), esc(p.problem), esc(compact(p.expected)), `<span class="differs">${esc(compact(p.actual))}</span>`]));
}

/** A table from already-escaped cells. */
export function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>, cls = ''): string {
  return `<table${cls ? ` class="${cls}"` : ''}><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}
