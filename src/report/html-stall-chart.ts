import type { RunReport } from '../runner/result.ts';
import { esc } from './html-escape.ts';
import { table } from './html-failure.ts';
import { stallsOf, type StallFigure } from './report-sections.ts';
import { formatDuration } from './text-format.ts';

const W = 760;
const LABEL = 230;
const BAR = 17;
const GAP = 14;
const SERIES = [
  { key: 'p50Ms', label: 'typical (p50)', color: '#8fd19e' },
  { key: 'p99Ms', label: 'slow (p99)', color: '#f2cc60' },
  { key: 'maxMs', label: 'worst (max)', color: '#e5534b' },
] as const;

/** How long application writes were blocked during each migration step: an inline SVG bar chart. */
export function htmlStalls(report: RunReport): string {
  const s = stallsOf(report);
  if (!s) return '';
  const out = ['<section id="stalls"><h2>Write stalls during the migration</h2>',
    '<p class="explain">While each step ran, the app kept writing. The bars show how long a write had to wait: typical, slow (1 in 100) and the worst. Errors are writes that failed.</p>'];
  if (s.length === 0) out.push('<p class="nodata">No stall figures were recorded.</p>');
  else out.push(stallChart(s), '<details><summary>Figures as a table</summary>', table(['step', 'p50', 'p99', 'max', 'errors'],
    s.map((x) => [esc(x.step), esc(formatDuration(x.p50Ms)), esc(formatDuration(x.p99Ms)), esc(formatDuration(x.maxMs)), esc(String(x.errors))])), '</details>');
  out.push('</section>');
  return out.join('\n');
}

export function stallChart(stalls: readonly StallFigure[]): string {
  const max = Math.max(1, ...stalls.flatMap((x) => [x.p50Ms, x.p99Ms, x.maxMs]));
  const rowH = SERIES.length * BAR + GAP;
  const top = 28;
  const h = top + stalls.length * rowH + 8;
  const span = W - LABEL - 90;
  const parts = [`<svg class="chart" role="img" aria-label="Write stalls per migration step" width="${W}" height="${h}" viewBox="0 0 ${W} ${h}" xmlns="http://www.w3.org/2000/svg">`];
  SERIES.forEach((ser, i) => parts.push(`<rect x="${LABEL + i * 140}" y="6" width="12" height="12" fill="${ser.color}"/><text x="${LABEL + i * 140 + 16}" y="16">${esc(ser.label)}</text>`));
  stalls.forEach((x, row) => {
    const y = top + row * rowH;
    const name = x.step.length > 32 ? `${x.step.slice(0, 31)}…` : x.step;
    parts.push(`<g><title>${esc(`${x.step}: p50 ${formatDuration(x.p50Ms)}, p99 ${formatDuration(x.p99Ms)}, max ${formatDuration(x.maxMs)}, ${x.errors} errors`)}</title>`,
      `<text x="${LABEL - 8}" y="${y + BAR + 4}" text-anchor="end">${esc(name)}</text>`);
    if (x.errors > 0) parts.push(`<text class="err" x="${LABEL - 8}" y="${y + 2 * BAR + 6}" text-anchor="end">${esc(`${x.errors} error(s)`)}</text>`);
    SERIES.forEach((ser, i) => {
      const v = x[ser.key];
      const w = Math.max(1, Math.round((v / max) * span));
      parts.push(`<rect x="${LABEL}" y="${y + i * BAR}" width="${w}" height="${BAR - 3}" fill="${ser.color}"/>`,
        `<text x="${LABEL + w + 4}" y="${y + i * BAR + BAR - 5}">${esc(formatDuration(v))}</text>`);
    });
    parts.push('</g>');
  });
  parts.push('</svg>');
  return parts.join('');
}
