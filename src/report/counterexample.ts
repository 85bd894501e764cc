import type { AccountingProblem, FieldDiff } from '../check/round-trip.ts';
import type { LegacyDataset, LegacyRow } from '../generate/dataset.ts';
import type { PropertyResult } from '../runner/result.ts';

/** A failure's counterexample and details, read into the shapes the reports know how to draw. */
export interface FailureView {
  /** The minimal legacy dataset, when the counterexample is one or holds one under `dataset`. */
  dataset?: LegacyDataset;
  /** The rest of the counterexample (case parameters beside the dataset, or all of it when no dataset). */
  extra?: unknown;
  diffs: FieldDiff[];
  problems: AccountingProblem[];
  /** Details that are neither diffs nor accounting problems. */
  otherDetails?: unknown;
}

/** Reads a result's counterexample and `failure.details`; never throws on odd shapes. */
export function failureView(r: PropertyResult): FailureView {
  const ce = r.counterexample;
  let dataset: LegacyDataset | undefined;
  let extra: unknown;
  if (isDataset(ce)) dataset = ce;
  else if (isRecord(ce) && isDataset(ce.dataset)) {
    dataset = ce.dataset;
    const rest = Object.fromEntries(Object.entries(ce).filter(([k]) => k !== 'dataset'));
    if (Object.keys(rest).length > 0) extra = rest;
  } else extra = ce;

  const details = r.failure?.details;
  const diffs = isRecord(details) && Array.isArray(details.diffs) ? details.diffs.filter(isFieldDiff) : [];
  const problems = isRecord(details) && Array.isArray(details.problems) ? details.problems.filter(isProblem) : [];
  let otherDetails: unknown;
  if (isRecord(details)) {
    const rest = Object.fromEntries(Object.entries(details).filter(([k]) => k !== 'diffs' && k !== 'problems'));
    if (Object.keys(rest).length > 0) otherDetails = rest;
  } else if (details !== undefined) otherDetails = details;
  return { ...(dataset ? { dataset } : {}), ...(extra !== undefined ? { extra } : {}), diffs, problems, ...(otherDetails !== undefined ? { otherDetails } : {}) };
}

export interface HabitGrid {
  /** Column count: 7, or more when a `times` array is longer. */
  days: number;
  habits: Array<{ name: unknown; times: unknown[] | undefined; raw: unknown }>;
}

/** `habits` as name × days when it is an array; undefined for any other JSON (shown raw). */
export function habitGrid(row: LegacyRow): HabitGrid | undefined {
  if (!Array.isArray(row.habits)) return undefined;
  const habits = row.habits.map((h: unknown) => {
    const o = isRecord(h) ? h : undefined;
    return { name: o?.name, times: Array.isArray(o?.times) ? (o.times as unknown[]) : undefined, raw: h };
  });
  const days = Math.max(7, ...habits.map((h) => h.times?.length ?? 0));
  return { days, habits };
}

export const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export const dayName = (i: number) => DAY_NAMES[i] ?? `day ${i + 1}`;

/** The FieldDiff `field` of one habit cell: `habits[i].times[d]`. */
export const cellField = (habit: number, day: number) => `habits[${habit}].times[${day}]`;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isDataset(v: unknown): v is LegacyDataset {
  return isRecord(v) && Array.isArray(v.rows) && v.rows.every((r) => isRecord(r) && typeof r.id === 'number') &&
    (v.users === undefined || Array.isArray(v.users));
}

function isFieldDiff(v: unknown): v is FieldDiff {
  return isRecord(v) && typeof v.field === 'string' && 'legacy_id' in v;
}

function isProblem(v: unknown): v is AccountingProblem {
  return isRecord(v) && typeof v.problem === 'string' && 'legacy_id' in v;
}
