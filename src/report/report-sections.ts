import type { DriftRow } from '../contract/observation.ts';
import { findDefect } from '../defects/index.ts';
import type { RunReport } from '../runner/result.ts';
import type { StallFigure } from '../check/stall-figure.ts';
import { isRecord } from './counterexample.ts';

/**
 * Typed readers for the optional sections of a RunReport (`unknown[]` there): entries of another
 * shape are dropped, so a half-filled section still renders what it can.
 */

export interface KillEntry {
  id: string;
  killed: boolean;
  killedBy: string[];
  casesToKill?: number;
  ms: number;
  counterexample?: unknown;
}

export type QuarantineGroup = NonNullable<RunReport['quarantine']>[number];

export function stallsOf(report: RunReport): StallFigure[] | undefined {
  if (!Array.isArray(report.stalls)) return undefined;
  return report.stalls.filter((s): s is StallFigure =>
    isRecord(s) && typeof s.step === 'string' && [s.p50Ms, s.p99Ms, s.maxMs].every((n) => typeof n === 'number' && Number.isFinite(n)),
  ).map((s) => ({ ...s, errors: typeof s.errors === 'number' ? s.errors : 0 }));
}

export function killMatrixOf(report: RunReport): KillEntry[] | undefined {
  if (!Array.isArray(report.killMatrix)) return undefined;
  return report.killMatrix.filter((k): k is KillEntry => isRecord(k) && typeof k.id === 'string')
    .map((k) => ({
      ...k,
      killed: k.killed === true,
      killedBy: Array.isArray(k.killedBy) ? k.killedBy.filter((p): p is string => typeof p === 'string') : [],
      ms: typeof k.ms === 'number' ? k.ms : 0,
    }));
}

/**
 * The kill matrix's columns, sorted: every property that killed a defect, every property of the run,
 * and every property the defect catalogue expects to kill one of the rows.
 */
export function killMatrixColumns(report: RunReport, entries: readonly KillEntry[]): string[] {
  const expected = entries.flatMap((e) => findDefect(e.id)?.expectedKillers ?? []);
  return [...new Set([...entries.flatMap((e) => e.killedBy), ...report.results.map((r) => r.property), ...expected])].sort();
}

export function driftOf(report: RunReport): DriftRow[] | undefined {
  if (!Array.isArray(report.drift)) return undefined;
  return report.drift.filter(isRecord).filter((d) => typeof d.field === 'string').map((d) => ({
    legacy_id: typeof d.legacy_id === 'number' ? d.legacy_id : d.legacy_id == null ? null : Number(d.legacy_id),
    child: str(d.child),
    week: str(d.week),
    habit_index: typeof d.habit_index === 'number' ? d.habit_index : null,
    day: typeof d.day === 'number' ? d.day : null,
    field: String(d.field),
    legacy: str(d.legacy),
    new: str(d.new),
    kind: typeof d.kind === 'string' ? d.kind : '',
  }));
}

export function quarantineOf(report: RunReport): QuarantineGroup[] | undefined {
  if (!Array.isArray(report.quarantine)) return undefined;
  return report.quarantine.filter((q) => isRecord(q) && typeof q.reason === 'string')
    .map((q) => ({ reason: q.reason, count: typeof q.count === 'number' ? q.count : 0, examples: Array.isArray(q.examples) ? q.examples : [] }));
}

/** The legacy id of a quarantine example: a QuarantineRow (`legacy_id`), a legacy row (`id`) or a bare id. */
export function exampleLegacyId(example: unknown): number | string | undefined {
  if (typeof example === 'number' || typeof example === 'string') return example;
  if (!isRecord(example)) return undefined;
  const id = example.legacy_id ?? example.id ?? (isRecord(example.original) ? example.original.id : undefined);
  return typeof id === 'number' || typeof id === 'string' ? id : undefined;
}

function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}
