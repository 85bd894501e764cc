import type { RunReport } from '../runner/result.ts';
import { esc } from './html-escape.ts';
import { table } from './html-failure.ts';
import { stallSummary, type StallSummary, type StepStall } from './stall-summary.ts';
import { formatDuration } from './text-format.ts';

const TOP = 8;

/**
 * Write stalls, the answer first: one sentence (the longest wait, and whether it was under the limit),
 * the steps with the longest worst-case wait as a table with a bar against the limit line (full step
 * names), then every step of every check folded.
 */
export function htmlStalls(report: RunReport): string {
  const s = stallSummary(report);
  if (!s) return '';
  const out = ['<p class="explain">While each migration step ran, the app kept writing. A step that takes a lock the app needs makes its writes wait. Each step is held to a limit: HV_MAX_STALL_MS plus the slowest write measured with no step running in the same run, so a busy machine does not turn slow writes into a red gate.</p>'];
  if (s.ranked.length === 0) return [...out, '<p class="nodata">No stall figures were recorded.</p>'].join('\n');
  out.push(`<p class="answer">${answer(s)}</p>`, topTable(s.ranked.slice(0, TOP)));
  out.push(`<details class="all-steps"><summary>Every step of every check (${s.ranked.length} steps): typical, slow and worst wait</summary>`);
  for (const p of s.properties) {
    out.push(`<h4>${esc(p.property ?? 'all checks')}</h4>`, `<p class="legend">Limit: ${esc(p.boundMs === undefined ? '' : `${ms(p.boundMs)} = `)}${esc(p.boundText)}.</p>`,
      table(['step', 'typical (p50)', 'slow (p99)', 'worst', 'limit', '', 'app writes', 'write errors', 'step took'], p.steps.map((x) => [
        esc(x.step), num(x.p50Ms), num(x.p99Ms), num(x.maxMs), x.boundMs === undefined ? '' : num(x.boundMs), overUnder(x),
        esc(x.writes === undefined ? '' : String(x.writes)), x.errors ? `<span class="over">${x.errors}</span>` : '0', x.stepMs === undefined ? '' : esc(formatDuration(x.stepMs)),
      ]), 'stalls-all'));
  }
  out.push('</details>');
  return out.join('\n');
}

function answer(s: StallSummary): string {
  const worst = s.ranked[0]!;
  const over = s.ranked.filter((x) => x.over);
  const who = `<b>${esc(worst.step)}</b>${worst.property ? ` (in ${esc(worst.property)})` : ''}`;
  const limit = worst.boundMs === undefined ? 'no limit is known for it' : `the limit was ${ms(worst.boundMs)}`;
  if (over.length > 0) return `<span class="over">${over.length} step(s) over the limit.</span> The longest wait: ${who} made an app write wait <b>${esc(ms(worst.maxMs))}</b>; ${esc(limit)}.`;
  return `<span class="under">Every step stayed under its limit.</span> The longest wait: ${who} made an app write wait <b>${esc(ms(worst.maxMs))}</b>; ${esc(limit)}.`;
}

/** The top steps: name, check, worst wait, a bar against the limit line, over or under. */
function topTable(rows: readonly StepStall[]): string {
  const scale = Math.max(1, ...rows.flatMap((x) => [x.maxMs, x.boundMs ?? 0])) * 1.05;
  const pct = (ms: number) => `${((ms / scale) * 100).toFixed(1)}%`;
  const head = '<tr><th>step</th><th>check</th><th class="num">worst wait</th><th class="bar-head">worst wait against the limit (the line)</th><th class="num">limit</th><th></th><th class="num">slow (p99)</th></tr>';
  const body = rows.map((x) => `<tr class="${x.over ? 'is-over' : 'is-under'}"><td class="step">${esc(x.step)}</td><td><code>${esc(x.property ?? '')}</code></td>` +
    `<td class="num">${num(x.maxMs)}</td>` +
    `<td class="bar-cell" title="${esc(`${x.step}: worst ${ms(x.maxMs)}${x.boundMs === undefined ? '' : `, limit ${ms(x.boundMs)}`}`)}"><div class="bar-track"><div class="bar ${x.over ? 'over' : 'under'}" style="width:${pct(x.maxMs)}"></div>${x.boundMs === undefined ? '' : `<div class="limit-line" style="left:${pct(x.boundMs)}"></div>`}</div></td>` +
    `<td class="num">${x.boundMs === undefined ? '' : num(x.boundMs)}</td><td>${overUnder(x)}</td><td class="num">${num(x.p99Ms)}</td></tr>`);
  return `<table class="stall-top">${head}${body.join('')}</table>`;
}

function overUnder(x: StepStall): string {
  if (x.over) return '<span class="over">OVER</span>';
  return x.boundMs === undefined ? '' : '<span class="under">under</span>';
}

/** Waits and limits to the millisecond: 1087 ms, not 1.1 s, so a figure near the limit reads as over or under. */
const ms = (x: number) => `${Math.round(x)} ms`;
const num = (x: number) => esc(ms(x));
