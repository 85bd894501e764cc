import type { Defect } from '../defects/defect.ts';
import type { AnyProperty, PhaseTag } from './property.ts';
import type { PropertyResult } from './result.ts';
import { runProperty, type RunOptions } from './run-property.ts';

/** Per-property time budget of a kill-matrix run: enough to find and shrink, short enough for 100 runs. */
export const MUTANTS_PROPERTY_BUDGET_MS = 20_000;

/** One row of the kill matrix: a defect of the catalogue against the properties of its phases. */
export interface KillMatrixEntry {
  id: string;
  killed: boolean;
  /** Properties that failed with the defect switched in, in run order. */
  killedBy: string[];
  /** Random cases the first killing property needed (fast-check's numRuns at the failure). */
  casesToKill?: number;
  /** Wall time of every property run for this defect. */
  ms: number;
  /** The shrunk counterexample of the first killing property. */
  counterexample?: unknown;
  /** The first killer's failure and its one-line replay command. */
  firstKill?: { property: string; message: string; replayCommand?: string };
  /** Properties that could not run (infrastructure or setup error): the matrix is incomplete there. */
  errors: string[];
  /** The defect no longer applies to the implementation (StaleDefectError): nothing ran. */
  stale?: string;
  /** Phases of the defect that have no gate (no property can kill it there yet). */
  phasesWithoutGate: PhaseTag[];
  /** Every property result of this defect. */
  results: PropertyResult[];
}

export interface MutantsOptions extends Omit<RunOptions, 'defect' | 'path' | 'regressions' | 'regressionsOnly'> {
  defects: readonly Defect[];
  /** The properties gating a phase; undefined or empty when the phase has no gate. */
  propertiesOf: (phase: PhaseTag) => readonly AnyProperty[] | undefined;
  /** Stop at the first property that kills a defect (the matrix then has one killer per row). */
  fast?: boolean;
  /** Per-property time budget (default {@link MUTANTS_PROPERTY_BUDGET_MS}). */
  timeBudgetMs?: number;
  onPropertyResult?: (defect: Defect, r: PropertyResult) => void;
  onDefect?: (entry: KillMatrixEntry, done: number, total: number) => void;
}

/**
 * Runs, for every defect, the properties of the gates of its phases with the defect switched in, and
 * returns the kill matrix. A defect is killed when at least one property fails on it; a property that
 * errors (infrastructure, setup) does not count as a kill. No saved regressions are replayed: the
 * matrix measures what random cases find. Never prints, never throws for a surviving defect.
 */
export async function runMutants(opts: MutantsOptions): Promise<KillMatrixEntry[]> {
  const { defects, propertiesOf, fast, onPropertyResult, onDefect, ...runOpts } = opts;
  const matrix: KillMatrixEntry[] = [];
  for (const [i, d] of defects.entries()) {
    const started = performance.now();
    const { properties, phasesWithoutGate } = propertiesForDefect(d, propertiesOf);
    const entry: KillMatrixEntry = { id: d.id, killed: false, killedBy: [], ms: 0, errors: [], phasesWithoutGate, results: [] };
    let impl;
    try {
      impl = d.apply(runOpts.impl);
    } catch (err) {
      entry.stale = (err as Error).message;
      entry.errors.push(`(stale: ${entry.stale})`);
    }
    for (const p of impl ? properties : []) {
      const r = await runProperty(p, { ...runOpts, impl: impl!, defect: d.id, timeBudgetMs: opts.timeBudgetMs ?? MUTANTS_PROPERTY_BUDGET_MS });
      entry.results.push(r);
      onPropertyResult?.(d, r);
      if (r.verdict === 'error') entry.errors.push(p.name);
      if (r.verdict !== 'failed') continue;
      entry.killedBy.push(p.name);
      if (!entry.killed) {
        entry.killed = true;
        entry.casesToKill = r.runs;
        if (r.counterexample !== undefined) entry.counterexample = r.counterexample;
        entry.firstKill = { property: p.name, message: r.failure?.message ?? '', ...(r.replayCommand ? { replayCommand: r.replayCommand } : {}) };
      }
      if (fast) break;
    }
    entry.ms = Math.round(performance.now() - started);
    matrix.push(entry);
    onDefect?.(entry, i + 1, defects.length);
  }
  return matrix;
}

/** The properties of every phase of a defect, each once, in phase then gate order. */
export function propertiesForDefect(
  d: Defect,
  propertiesOf: (phase: PhaseTag) => readonly AnyProperty[] | undefined,
): { properties: AnyProperty[]; phasesWithoutGate: PhaseTag[] } {
  const seen = new Set<string>();
  const properties: AnyProperty[] = [];
  const phasesWithoutGate: PhaseTag[] = [];
  for (const phase of d.phases) {
    const ps = propertiesOf(phase) ?? [];
    if (ps.length === 0) phasesWithoutGate.push(phase);
    for (const p of ps) {
      if (seen.has(p.name)) continue;
      seen.add(p.name);
      properties.push(p);
    }
  }
  return { properties, phasesWithoutGate };
}

/** The verdict of a kill matrix: every defect killed, one survived, or survivors the run cannot vouch for (errors). */
export function matrixVerdict(matrix: readonly KillMatrixEntry[]): 'all-killed' | 'survivor' | 'incomplete' {
  const survivors = matrix.filter((e) => !e.killed);
  if (survivors.length === 0) return 'all-killed';
  return survivors.some((e) => e.errors.length > 0) ? 'incomplete' : 'survivor';
}
