import { findDefect } from '../defects/index.ts';
import type { RunReport } from '../runner/result.ts';
import { esc } from './html-escape.ts';
import { killMatrixColumns, killMatrixOf } from './report-sections.ts';
import { formatDuration, prettyJson } from './text-format.ts';

/**
 * The defect kill matrix: each deliberately broken variant of the migration (rows) against each check
 * (columns). ✔ = that check caught the defect. A defect no check caught is a hole in the harness.
 */
export function htmlKillMatrix(report: RunReport): string {
  const k = killMatrixOf(report);
  if (!k) return '';
  const out = ['<p class="explain">Each row is a deliberately broken version of the migration. ✔ means the check in that column caught it; ✘ means it did not. A row without any ✔ is a bug the checks would let through. A red ✘ is a check the catalogue expects to catch that bug.</p>'];
  if (k.length === 0) out.push('<p class="nodata">No defect was run.</p>');
  else {
    const cols = killMatrixColumns(report, k);
    const killed = k.filter((e) => e.killed).length;
    out.push(`<p><b>${killed} of ${k.length}</b> defects caught.</p>`);
    const head = `<tr><th>defect</th>${cols.map((c) => `<th class="prop"><span>${esc(c)}</span></th>`).join('')}<th>caught?</th><th class="num">cases needed</th><th class="num">time</th></tr>`;
    const rows = k.map((e) => {
      const def = findDefect(e.id);
      const cells = cols.map((c) => {
        const hit = e.killedBy.includes(c);
        const expected = def?.expectedKillers.includes(c) ?? false;
        const title = `${e.id} × ${c}: ${hit ? 'caught' : 'not caught'}${expected ? ' (expected to catch)' : ''}`;
        return `<td class="${hit ? 'killed' : `notkilled${expected ? ' expected' : ''}`}" title="${esc(title)}">${hit ? '✔' : '✘'}</td>`;
      });
      const ce = e.counterexample === undefined ? '' : `<details><summary>counterexample</summary><pre>${esc(prettyJson(e.counterexample, 2000))}</pre></details>`;
      return `<tr><th><code>${esc(e.id)}</code>${def ? `<div class="legend">${esc(def.description)}</div>` : ''}${ce}</th>${cells.join('')}` +
        `<td>${e.killed ? '<span class="killed">yes</span>' : '<span class="survived">NO — survived</span>'}</td>` +
        `<td class="num">${e.casesToKill === undefined ? '' : esc(String(e.casesToKill))}</td><td class="num">${esc(formatDuration(e.ms))}</td></tr>`;
    });
    out.push(`<table class="matrix">${head}${rows.join('')}</table>`);
  }
  return out.join('\n');
}
