import type { PropertyResult } from '../runner/result.ts';

/** A short name for what a saved counterexample guards, from the failure (used in fixture names). */
export function guardsOf(r: PropertyResult): string {
  const d = r.failure?.details as { diffs?: Array<{ field: string }>; problems?: Array<{ problem: string }> } | undefined;
  if (d?.diffs?.[0]) return `${d.diffs[0].field.replace(/\[\d+\]/g, '')}-mismatch`;
  if (d?.problems?.[0]) return `${d.problems[0].problem}`;
  return r.property.split('/').pop() ?? 'counterexample';
}
