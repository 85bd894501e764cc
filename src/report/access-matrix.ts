/**
 * "Who can reach what, step by step" for security reviewers, from a measured access run: what each
 * step granted or took away, what a stranger and anon reached, and everything beyond the matrix —
 * as an HTML section (and page), Markdown, CSV and the JSON `habit-verify access --json` prints. Pure.
 */
import { stringify } from 'csv-stringify/sync';
import type { AccessEntry, AccessRole } from '../check/access.ts';
import type { AccessRun } from '../runner/run-access.ts';
import { accessKey, reviewOf, type AccessChange, type AccessReview } from './access-review.ts';
import { esc } from './html-escape.ts';
import { HTML_STYLE } from './html-style.ts';

/** The section's title, in the gate report and on the page of its own. */
export const ACCESS_TITLE = 'Who can reach what, step by step';

/** The JSON of `habit-verify access --json`: every cell of every step. */
export function accessJson(run: AccessRun): unknown {
  return {
    implementation: run.implementation,
    regime: run.regime,
    serverVersion: run.serverVersion,
    seed: run.seed,
    owner: run.owner,
    beyondMatrix: run.steps.reduce((n, s) => n + s.violations.length, 0),
    steps: run.steps.map((s) => ({
      phase: s.phase,
      step: s.step,
      direction: s.direction,
      access: s.snapshot.entries.map((e) => ({
        role: e.role,
        object: e.object,
        kind: e.kind,
        operation: e.operation,
        allowed: e.allowed,
        ...(e.columns ? { columns: e.columns } : {}),
        ...(e.rows !== undefined ? { rows: e.rows } : {}),
        ...(e.refused ? { refused: e.refused } : {}),
      })),
      definers: s.snapshot.definers,
      violations: s.violations,
    })),
  };
}

export function renderAccessCsv(run: AccessRun): string {
  const header = ['phase', 'step', 'direction', 'role', 'object', 'kind', 'operation', 'allowed', 'columns', 'rows', 'refused', 'beyond_matrix'];
  const rows = run.steps.flatMap((s) => {
    const beyond = new Set(s.violations.filter((v) => v.role && v.operation).map((v) => `${v.role}\u0000${v.object}\u0000${v.operation}`));
    return s.snapshot.entries.map((e) => [s.phase, s.step, s.direction, e.role, e.object, e.kind, e.operation, String(e.allowed), e.columns?.join(' ') ?? '', e.rows ?? '', e.refused ?? '', String(beyond.has(accessKey(e)))]);
  });
  return stringify([header, ...rows], { record_delimiter: 'unix' });
}

function title(run: AccessRun | AccessReview): string {
  const n = run.steps.reduce((k, s) => k + s.violations.length, 0);
  return `${run.implementation} · Supabase grants ${run.regime} · PostgreSQL ${run.serverVersion} · seed ${run.seed}: ${n === 0 ? 'nothing beyond the access matrix' : `${n} finding(s) beyond the access matrix`}`;
}

export function renderAccessMarkdown(review: AccessReview): string {
  const lines = [`# ${ACCESS_TITLE}`, '', title(review), '', '| phase | step | dir | changes | stranger / anon rows | beyond the matrix |', '|---|---|---|---|---|---|'];
  review.steps.forEach((s) => {
    const reached = s.reached.map((r) => `${r.role} ${r.object} ${r.rows}`);
    lines.push(`| ${s.phase} | ${md(s.step)} | ${s.direction} | ${md(summarize(s.changes))} | ${md(reached.join(', ') || '0')} | ${md(s.violations.slice(0, 5).map((v) => v.detail).join('; ') + (s.violations.length > 5 ? ` (+${s.violations.length - 5})` : '')) || '—'} |`);
  });
  return `${lines.join('\n')}\n`;
}

function summarize(changes: readonly AccessChange[]): string {
  if (changes.length === 0) return '—';
  const shown = changes.slice(0, 6).map((c) => `${c.change === 'granted' ? '+' : '−'}${c.role} ${c.operation} ${c.object}`);
  return shown.join(', ') + (changes.length > 6 ? ` (+${changes.length - 6} more)` : '');
}

function md(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The HTML section's body: one row per step, its changes, the rows reached, and what goes beyond the matrix. */
export function htmlAccess(review: AccessReview): string {
  const rows = review.steps.map((s) => {
    const changes = s.changes;
    const reached = s.reached.map((r) => `${r.role}: ${r.rows} row(s) of ${r.object}`);
    const bad = s.violations.length > 0;
    return `<tr${bad ? ' class="beyond"' : ''}><td>${esc(s.phase)}</td><td><code>${esc(s.step)}</code></td><td>${esc(s.direction)}</td>` +
      `<td>${changes.length === 0 ? '—' : `<ul>${changes.slice(0, 12).map((c) => `<li class="${c.change}">${c.change === 'granted' ? '+' : '−'} ${esc(`${c.role} ${c.operation} ${c.object}`)}</li>`).join('')}${changes.length > 12 ? `<li>… ${changes.length - 12} more</li>` : ''}</ul>`}</td>` +
      `<td>${reached.length === 0 ? '0' : esc(reached.join('; '))}</td>` +
      `<td>${bad ? `<ul>${s.violations.slice(0, 10).map((v) => `<li>${esc(v.detail)}</li>`).join('')}${s.violations.length > 10 ? `<li>… ${s.violations.length - 10} more</li>` : ''}</ul>` : 'within the matrix'}</td></tr>`;
  });
  return [
    `<p>${esc(title(review))}. Measured on a real database after every step of every phase (and of every rollback): the privileges Postgres checks for <code>anon</code>, <code>authenticated</code> (as the family's parent and as a signed-in stranger) and <code>service_role</code>, and the rows each reached when it tried, in transactions rolled back. The matrix they are held to is <code>src/check/access-policy.ts</code>.</p>`,
    `<table class="access"><tr><th>phase</th><th>step</th><th>direction</th><th>privileges granted (+) or taken (−)</th><th>rows reached by a stranger or anon</th><th>beyond the matrix</th></tr>${rows.join('')}</table>`,
    review.final ? `<h3>At the end of the way up</h3>${finalMatrix(review.final)}` : '',
  ].join('\n');
}

/** object × role, the operations allowed (and the rows a role reached), at one step. */
function finalMatrix(final: NonNullable<AccessReview['final']>): string {
  const roles: AccessRole[] = ['anon', 'owner', 'stranger', 'service_role'];
  const body = final.objects.map((o) => {
    const cells = roles.map((r) => {
      const es = final.allowed.filter((e) => e.object === o && e.role === r);
      return es.length === 0 ? '<td class="none">—</td>' : `<td>${esc(es.map((e) => `${e.operation}${e.columns ? `(${e.columns.join(',')})` : ''}${e.rows !== undefined && e.operation === 'SELECT' ? ` [${e.rows}]` : ''}`).join(' '))}</td>`;
    });
    return `<tr><td><code>${esc(o)}</code></td>${cells.join('')}</tr>`;
  });
  return `<table class="access-matrix"><tr><th>object</th>${roles.map((r) => `<th>${esc(r)}</th>`).join('')}</tr>${body.join('')}</table><p class="legend">[n]: rows the role saw when it tried.</p>`;
}

/** A page of its own (habit-verify access writes it as index.html). */
export function renderAccessHtml(run: AccessRun): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(`access — ${run.implementation} (${run.regime})`)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body><main>',
    `<section id="access"><h2>${esc(ACCESS_TITLE)}</h2>\n${htmlAccess(reviewOf(run))}\n</section>`,
    '</main><footer>Generated by habit-verify access. Every cell: access.json and access.csv in the same folder.</footer></body>',
    '</html>',
    '',
  ].join('\n');
}

/** summary.md's short form (what a pull-request comment shows): the count, and every step beyond the matrix. */
export function mdAccessSummary(review: AccessReview): string[] {
  const beyond = review.steps.filter((s) => s.violations.length > 0);
  const lines = [`${title(review)} (${review.steps.length} step boundaries measured${beyond.length ? `, ${beyond.length} of them beyond the matrix` : ''}).`];
  for (const s of beyond) lines.push(`- ${s.phase} ${s.direction} \`${md(s.step)}\`: ${md(s.violations.slice(0, 3).map((v) => v.detail).join('; '))}${s.violations.length > 3 ? ` (+${s.violations.length - 3})` : ''}`);
  return lines;
}
