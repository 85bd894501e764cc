import type { RunReport } from '../runner/result.ts';
import { dayName, isRecord } from './counterexample.ts';
import { esc } from './html-escape.ts';
import { table } from './html-failure.ts';
import { driftOf, exampleLegacyId, quarantineOf } from './report-sections.ts';
import { compactJson } from './text-format.ts';
import { isQuarantineReason, QUARANTINE_RULES } from './quarantine-in-words.ts';

const MAX_EXAMPLES = 3;
const MAX_DRIFT = 500;

/** The quarantine breakdown: why rows were set aside instead of migrated (the rule in words), how many, and examples. */
export function htmlQuarantine(report: RunReport): string {
  const q = quarantineOf(report);
  if (!q) return '';
  const out = ['<p class="explain">Legacy rows the migration could not convert safely are kept aside with a reason instead of being guessed at. Nothing here is lost: each row is stored with its original data. (These come from one seeded adversarial data set, the worked example; they are not failures.)</p>'];
  if (q.length === 0) out.push('<p class="nodata">No row was set aside.</p>');
  else out.push(table(['reason', 'the rule', 'rows', 'examples'], q.map((g) => [
    `<code>${esc(g.reason)}</code>`,
    esc(isQuarantineReason(g.reason) ? QUARANTINE_RULES[g.reason] : ''),
    esc(String(g.count)),
    g.examples.length === 0 ? '' : `<details><summary>${esc(g.examples.slice(0, MAX_EXAMPLES).map((e) => `#${exampleLegacyId(e) ?? '?'}`).join(', '))}${g.examples.length > MAX_EXAMPLES ? ' …' : ''}</summary>${g.examples.slice(0, MAX_EXAMPLES).map(exampleHtml).join('')}</details>`,
  ]), 'quarantine'));
  return out.join('\n');
}

function exampleHtml(e: unknown): string {
  if (isRecord(e) && isRecord(e.original)) {
    return `<p><b>#${esc(String(exampleLegacyId(e) ?? '?'))}</b>${e.detail ? ` — ${esc(compactJson(e.detail, 300))}` : ''}</p><pre>${esc(compactJson(e.original, 800))}</pre>`;
  }
  return `<pre>${esc(compactJson(e, 800))}</pre>`;
}

/** The drift detector's findings: where legacy and the new schema disagree, down to the habit and day. */
export function htmlDrift(report: RunReport): string {
  const d = driftOf(report);
  if (!d) return '';
  const out = ['<p class="explain">While both tables are live, each difference found between a legacy row and its copy in the new schema.</p>'];
  if (d.length === 0) out.push('<p class="nodata">No drift: the new schema matches legacy.</p>');
  else {
    out.push(`<p>${d.length} difference(s)${d.length > MAX_DRIFT ? `; the first ${MAX_DRIFT} are shown, all are in drift.csv` : ''}.</p>`);
    out.push(table(['legacy id', 'child', 'week', 'habit', 'day', 'field', 'legacy', 'new', 'kind'], d.slice(0, MAX_DRIFT).map((r) => [
      esc(r.legacy_id === null ? '' : String(r.legacy_id)), esc(r.child ?? ''), esc(r.week ?? ''), esc(r.habit_index === null ? '' : String(r.habit_index)),
      esc(r.day === null ? '' : dayName(r.day)), esc(r.field), esc(r.legacy ?? 'null'), `<span class="differs">${esc(r.new ?? 'null')}</span>`, esc(r.kind),
    ]), 'drift'));
  }
  return out.join('\n');
}
