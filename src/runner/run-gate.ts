import type { AnyProperty } from './property.ts';
import type { PropertyResult } from './result.ts';
import type { SavedRegression } from './regression.ts';
import { runProperty, type RunOptions } from './run-property.ts';

export interface GateOptions extends Omit<RunOptions, 'regressions'> {
  /** The saved regressions of a property (the CLI reads them from fixtures/regressions/). */
  regressionsOf?: (property: string) => Promise<SavedRegression[]>;
  /** Run only shard `index` (1-based) of `count`: properties are dealt round-robin. */
  shard?: { index: number; count: number };
  /** Whole-gate time budget: split evenly across the properties still to run. */
  gateBudgetMs?: number;
  /** The gate that owns a property (the CLI reads it from properties/index.ts); default its name's prefix. */
  gateOf?: (p: AnyProperty) => string | undefined;
  /** Called after each property (progress output). */
  onResult?: (r: PropertyResult, done: number, total: number) => void;
  onStart?: (p: AnyProperty, index: number, total: number) => void;
}

/**
 * Runs properties in order and returns their results; never prints, never exits. Aborted by
 * `opts.signal`, it returns the results so far (the one in flight marked interrupted).
 */
export async function runGate(properties: readonly AnyProperty[], opts: GateOptions): Promise<PropertyResult[]> {
  const mine = opts.shard ? properties.filter((_, i) => i % opts.shard!.count === opts.shard!.index - 1) : [...properties];
  const results: PropertyResult[] = [];
  const deadline = opts.gateBudgetMs ? performance.now() + opts.gateBudgetMs : undefined;
  for (const [i, p] of mine.entries()) {
    if (opts.signal?.aborted) break; // interrupted: the properties not started are simply not in the results
    opts.onStart?.(p, i, mine.length);
    const left = deadline === undefined ? undefined : Math.max(1000, (deadline - performance.now()) / (mine.length - i));
    const budget = [opts.timeBudgetMs, left].filter((x): x is number => x !== undefined);
    const r = await runProperty(p, {
      ...opts,
      ...(budget.length ? { timeBudgetMs: Math.min(...budget) } : {}),
      regressions: (await opts.regressionsOf?.(p.name)) ?? [],
      ...(opts.gateOf?.(p) ? { gate: opts.gateOf(p)! } : {}),
    });
    results.push(r);
    opts.onResult?.(r, i + 1, mine.length);
  }
  return results;
}
