import type { AnyProperty } from '../runner/property.ts';
import type { PropertyResult } from '../runner/result.ts';
import type { LegacyDataset, LegacyRow } from '../generate/dataset.ts';

/**
 * Text for a terminal: the failure, the minimal dataset (one line per legacy row, habits as
 * name: Mon..Sun), and the diff — legacy value beside new value, differing fields marked with ✗.
 */
export function renderCounterexample(def: AnyProperty, r: PropertyResult): string {
  const out: string[] = [];
  out.push(`${r.verdict.toUpperCase()} ${r.property}${r.defect ? ` (defect ${r.defect})` : ''}`);
  out.push(`  ${r.failure?.message ?? ''}`);
  let dataset: LegacyDataset | undefined;
  try {
    dataset = r.counterexample !== undefined && def.toDataset ? def.toDataset(r.counterexample) : undefined;
  } catch {
    dataset = undefined;
  }
  if (dataset) {
    out.push('', `Minimal dataset (${dataset.rows.length} row(s), ${dataset.users.length} account(s)):`);
    for (const row of dataset.rows) out.push(...renderRow(row, dataset.anomalies?.[row.id]));
  }
  const rest = r.counterexample && typeof r.counterexample === 'object' && 'dataset' in r.counterexample
    ? Object.fromEntries(Object.entries(r.counterexample).filter(([k]) => k !== 'dataset'))
    : undefined;
  if (rest) out.push('', `Case: ${JSON.stringify(rest)}`);
  const details = r.failure?.details as Record<string, unknown> | undefined;
  const diffs = details?.diffs as Array<{ legacy_id: number; field: string; expected: unknown; actual: unknown }> | undefined;
  if (diffs?.length) {
    out.push('', 'Diff (legacy canonical form │ new schema):');
    const w = Math.max(...diffs.map((d) => d.field.length), 5);
    for (const d of diffs) out.push(`  ✗ #${d.legacy_id} ${d.field.padEnd(w)}  ${show(d.expected)} │ ${show(d.actual)}`);
  } else if (details) {
    out.push('', 'Details:', ...JSON.stringify(details, null, 2).split('\n').map((l) => `  ${l}`));
  }
  if (r.replayCommand) out.push('', `Replay: ${r.replayCommand}`);
  return `${out.join('\n')}\n`;
}

function renderRow(row: LegacyRow, anomalies: readonly string[] | undefined): string[] {
  const head = `  #${row.id} owner=${row.user_id ?? 'null'} child=${JSON.stringify(row.child_name)} week=${row.week_start_date}` +
    ` period=${JSON.stringify(row.week_period)} theme=${JSON.stringify(row.theme)} reflection=${JSON.stringify(row.reflection)}` +
    (anomalies?.length ? `  [${anomalies.join(', ')}]` : '');
  const habits = Array.isArray(row.habits)
    ? row.habits.map((h, i) => {
        const o = h as { name?: unknown; times?: unknown } | null;
        return `      ${i}. ${JSON.stringify(o?.name)}: ${Array.isArray(o?.times) ? o.times.map((t) => (t === null ? '·' : String(t))).join(' ') : JSON.stringify(o?.times)}`;
      })
    : [`      habits=${JSON.stringify(row.habits)}`];
  return [head, ...habits];
}

function show(v: unknown): string {
  return v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v);
}
