/**
 * The access run as a reviewer reads it, small enough for run.json: per step what it granted or took
 * away, the rows a stranger or anon reached, what went beyond the matrix, and the whole matrix (what
 * is allowed) only at the end of the way up. Pure.
 */
import type { AccessEntry, AccessRole } from '../check/access.ts';
import type { ExposureViolation } from '../check/access-policy.ts';
import type { SupabaseGrants } from '../db/supabase-grants.ts';
import type { AccessRun, MeasuredStep } from '../runner/run-access.ts';

/** One privilege that appeared or disappeared at a step. */
export interface AccessChange {
  role: AccessRole;
  object: string;
  operation: string;
  change: 'granted' | 'revoked';
}

export interface ReviewedStep {
  phase: string;
  step: string;
  direction: 'up' | 'down';
  changes: AccessChange[];
  /** Rows a stranger or anon reached, by relation (must all be zero). */
  reached: Array<{ role: AccessRole; object: string; rows: number }>;
  violations: ExposureViolation[];
}

export interface AccessReview {
  implementation: string;
  regime: SupabaseGrants;
  serverVersion: number;
  seed: number;
  owner: string;
  steps: ReviewedStep[];
  /** The matrix after the last step up: every object measured, and what was allowed on it. */
  final?: { objects: string[]; allowed: AccessEntry[] };
}

/** One cell's identity across steps: role, object, operation. */
export const accessKey = (e: AccessEntry) => `${e.role}\u0000${e.object}\u0000${e.operation}`;

/** What changed between two consecutive steps (objects created or dropped included). */
export function accessChanges(before: MeasuredStep | undefined, after: MeasuredStep): AccessChange[] {
  const was = new Map((before?.snapshot.entries ?? []).filter((e) => e.allowed).map((e) => [accessKey(e), e]));
  const now = new Map(after.snapshot.entries.filter((e) => e.allowed).map((e) => [accessKey(e), e]));
  const out: AccessChange[] = [];
  for (const [k, e] of now) if (!was.has(k)) out.push({ role: e.role, object: e.object, operation: e.operation, change: 'granted' });
  for (const [k, e] of was) if (!now.has(k)) out.push({ role: e.role, object: e.object, operation: e.operation, change: 'revoked' });
  return out;
}

function reachedAt(step: MeasuredStep): ReviewedStep['reached'] {
  const best = new Map<string, { role: AccessRole; object: string; rows: number }>();
  for (const e of step.snapshot.entries) {
    if ((e.role !== 'stranger' && e.role !== 'anon') || (e.rows ?? 0) === 0) continue;
    const k = `${e.role}\u0000${e.object}`;
    if ((best.get(k)?.rows ?? 0) < e.rows!) best.set(k, { role: e.role, object: e.object, rows: e.rows! });
  }
  return [...best.values()];
}

export function reviewOf(run: AccessRun): AccessReview {
  const end = run.steps.filter((s) => s.direction === 'up').at(-1);
  return {
    implementation: run.implementation,
    regime: run.regime,
    serverVersion: run.serverVersion,
    seed: run.seed,
    owner: run.owner,
    steps: run.steps.map((s, i) => ({ phase: s.phase, step: s.step, direction: s.direction, changes: accessChanges(run.steps[i - 1], s), reached: reachedAt(s), violations: s.violations })),
    ...(end ? { final: { objects: [...new Set(end.snapshot.entries.map((e) => e.object))].sort(), allowed: end.snapshot.entries.filter((e) => e.allowed) } } : {}),
  };
}
