import { stringify } from 'csv-stringify/sync';
import type { RunReport } from '../runner/result.ts';
import { driftOf, exampleLegacyId, quarantineOf } from './report-sections.ts';

/** properties.csv: one row per property result, with the one gate it is counted in. */
export function renderPropertiesCsv(report: RunReport): string {
  return csv(
    ['property', 'gate', 'tags', 'verdict', 'runs', 'shrinks', 'seed', 'path', 'duration_ms', 'defect', 'replay_command', 'failure'],
    report.results.map((r) => [
      r.property, r.gate, r.tags.join(';'), r.verdict, r.runs, r.shrinks, r.seed, r.path ?? '', Math.round(r.durationMs),
      r.defect ?? report.defect ?? '', r.replayCommand ?? '', r.failure?.message ?? (r.verdict === 'skipped' || r.verdict === 'error' ? r.note ?? '' : ''),
    ]),
  );
}

/** quarantine.csv: one row per reason; example ids separated by `;`. Header only when there is no section. */
export function renderQuarantineCsv(report: RunReport): string {
  return csv(
    ['reason', 'count', 'example_legacy_ids'],
    (quarantineOf(report) ?? []).map((q) => [q.reason, q.count, q.examples.map(exampleLegacyId).filter((x) => x !== undefined).join(';')]),
  );
}

/** drift.csv: one row per difference the drift detector found. */
export function renderDriftCsv(report: RunReport): string {
  return csv(
    ['legacy_id', 'child', 'week', 'habit_index', 'day', 'field', 'legacy', 'new', 'kind'],
    (driftOf(report) ?? []).map((d) => [d.legacy_id, d.child, d.week, d.habit_index, d.day, d.field, d.legacy, d.new, d.kind]),
  );
}

function csv(header: string[], rows: unknown[][]): string {
  return stringify([header, ...rows.map((r) => r.map(cell))], { record_delimiter: 'unix' });
}

/**
 * Plain text for a cell. QA opens these in spreadsheets: a text cell that a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@`, tab, CR first, and not a number) gets a leading `'`.
 */
function cell(v: unknown): string | number {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return v;
  if (v instanceof Date) return v.toISOString();
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
}
