/**
 * Coverage you can read: how often each anomaly and each branch of the mapping rules — every
 * quarantine reason, every normalization, every warning — occurred in the cases a property generated.
 * Computed from the legacy dataset of each case by the oracle (what the migration must do with it),
 * not by instrumenting the SQL: a branch counts when a generated row needs it.
 */
import type { LegacyDataset } from '../generate/dataset.ts';
import { ANOMALY_IDS } from '../generate/anomaly-id.ts';
import { NORMALIZATIONS, QUARANTINE_REASONS, WARNINGS, weekPeriodLabel, type Normalization } from '../migration/mapping-rules.ts';
import { expectedOutcomes, expectedWarnings } from './canonical.ts';

/** The branch families, each with every branch it has. */
export const COVERAGE_BRANCHES = {
  anomalies: ANOMALY_IDS,
  quarantine: QUARANTINE_REASONS,
  normalizations: Object.keys(NORMALIZATIONS) as Normalization[],
  warnings: Object.keys(WARNINGS),
} as const satisfies Record<string, readonly string[]>;
export type CoverageFamily = keyof typeof COVERAGE_BRANCHES;

export interface Coverage {
  /** Random cases counted (those with a legacy dataset, up to the first failure: shrinks are not). */
  cases: number;
  /** Legacy rows in those cases. */
  rows: number;
  /** Rows per branch, every branch listed (0 = never hit). */
  anomalies: Record<string, number>;
  quarantine: Record<string, number>;
  normalizations: Record<string, number>;
  warnings: Record<string, number>;
}

export function emptyCoverage(): Coverage {
  const zero = (ids: readonly string[]) => Object.fromEntries(ids.map((id) => [id, 0]));
  return {
    cases: 0,
    rows: 0,
    anomalies: zero(COVERAGE_BRANCHES.anomalies),
    quarantine: zero(COVERAGE_BRANCHES.quarantine),
    normalizations: zero(COVERAGE_BRANCHES.normalizations),
    warnings: zero(COVERAGE_BRANCHES.warnings),
  };
}

/** Adds one case: its dataset, and the legacy ids it makes fail by fault injection (unexpected_error). */
export function addCase(cov: Coverage, dataset: LegacyDataset, failing: ReadonlySet<number> = new Set()): void {
  const users = new Set(dataset.users.map((u) => u.id));
  const outcomes = expectedOutcomes(dataset.rows, users, { failing });
  cov.cases++;
  cov.rows += dataset.rows.length;
  for (const ids of Object.values(dataset.anomalies ?? {})) for (const a of ids) bump(cov.anomalies, a);
  for (const row of dataset.rows) {
    const o = outcomes.get(row.id);
    if (o?.kind === 'quarantine') bump(cov.quarantine, o.reason);
    if (o?.kind !== 'migrate') continue;
    for (const n of normalizationsOf(row)) bump(cov.normalizations, n);
  }
  for (const w of expectedWarnings(dataset.rows, outcomes)) bump(cov.warnings, w.code);
}

/** The normalizations a migrating row needs (each once). */
export function normalizationsOf(row: LegacyDataset['rows'][number]): Set<Normalization> {
  const out = new Set<Normalization>();
  if (row.habits === null || row.habits === undefined) out.add('habits_null');
  if (row.reflection === null || row.reflection === undefined) out.add('reflection_null');
  if (row.week_period !== weekPeriodLabel(row.week_start_date)) out.add('week_period_recomputed');
  for (const h of Array.isArray(row.habits) ? (row.habits as Array<{ times?: unknown }>) : []) {
    const times = h.times;
    if (times === null || times === undefined) out.add('times_missing');
    if (!Array.isArray(times)) continue;
    if (times.length < 7) out.add('times_short');
    for (const t of times) {
      if (t === null) out.add('status_null');
      else if (typeof t === 'string' && t !== t.toLowerCase()) out.add('status_case');
    }
  }
  return out;
}

/** Sums coverages (a gate's from its properties'). */
export function mergeCoverage(parts: readonly Coverage[]): Coverage {
  const out = emptyCoverage();
  for (const p of parts) {
    out.cases += p.cases;
    out.rows += p.rows;
    for (const family of Object.keys(COVERAGE_BRANCHES) as CoverageFamily[]) {
      for (const [id, n] of Object.entries(p[family])) out[family][id] = (out[family][id] ?? 0) + n;
    }
  }
  return out;
}

/** The branches never hit, as `family.branch`. */
export function unhitBranches(cov: Coverage, families: readonly CoverageFamily[] = Object.keys(COVERAGE_BRANCHES) as CoverageFamily[]): string[] {
  return families.flatMap((f) => COVERAGE_BRANCHES[f].filter((id) => !cov[f][id]).map((id) => `${f}.${id}`));
}

function bump(counts: Record<string, number>, id: string): void {
  counts[id] = (counts[id] ?? 0) + 1;
}

/** A run's coverage: its properties' summed, or undefined when none generated a dataset. */
export function runCoverage(results: ReadonlyArray<{ coverage?: Coverage }>): Coverage | undefined {
  const parts = results.flatMap((r) => (r.coverage ? [r.coverage] : []));
  return parts.length ? mergeCoverage(parts) : undefined;
}
