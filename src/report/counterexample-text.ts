import type { PropertyResult } from '../runner/result.ts';
import { failureView, habitGrid } from './counterexample.ts';
import { compact, compactJson, prettyJson, weekShort } from './text-format.ts';

const MAX_ROWS = 20;
const MAX_DIFFS = 40;

/**
 * A failure as plain text (JUnit bodies): the minimal dataset one line per legacy row with habits as
 * `name: g y r n · · ·`, then the diffs or accounting problems, then any other details.
 */
export function counterexampleText(r: PropertyResult): string {
  const v = failureView(r);
  const out: string[] = [];
  if (v.dataset) {
    const rows = v.dataset.rows;
    out.push(`Minimal dataset: ${rows.length} legacy row(s), ${v.dataset.users?.length ?? 0} account(s)`);
    for (const row of rows.slice(0, MAX_ROWS)) {
      out.push(`  #${row.id} user_id=${row.user_id ?? 'null'} child=${compactJson(row.child_name)} week=${compact(row.week_start_date)}` +
        (v.dataset.anomalies?.[row.id]?.length ? ` [${v.dataset.anomalies[row.id]!.join(', ')}]` : ''));
      const grid = habitGrid(row);
      if (!grid) out.push(`      habits=${compactJson(row.habits)}`);
      else for (const [i, h] of grid.habits.entries()) {
        out.push(`      ${i}. ${compactJson(h.name)}: ${h.times ? weekShort(h.times) : `times=${compactJson((h.raw as { times?: unknown } | null)?.times)}`}`);
      }
    }
    if (rows.length > MAX_ROWS) out.push(`  … ${rows.length - MAX_ROWS} more row(s) in run.json`);
  }
  if (v.extra !== undefined) out.push(`Case: ${compactJson(v.extra, 500)}`);
  if (v.diffs.length > 0) {
    out.push('Differences (legacy expects | new schema holds):');
    for (const d of v.diffs.slice(0, MAX_DIFFS)) out.push(`  #${d.legacy_id} ${d.field}: ${compactJson(d.expected)} | ${compactJson(d.actual)}`);
    if (v.diffs.length > MAX_DIFFS) out.push(`  … ${v.diffs.length - MAX_DIFFS} more`);
  }
  if (v.problems.length > 0) {
    out.push('Accounting problems:');
    for (const p of v.problems.slice(0, MAX_DIFFS)) out.push(`  #${p.legacy_id} ${p.problem}: expected ${p.expected}, got ${p.actual}`);
    if (v.problems.length > MAX_DIFFS) out.push(`  … ${v.problems.length - MAX_DIFFS} more`);
  }
  if (v.otherDetails !== undefined) out.push(`Details: ${prettyJson(v.otherDetails, 2000)}`);
  return out.join('\n');
}
