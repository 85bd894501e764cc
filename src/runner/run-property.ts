import fc from 'fast-check';
import { addCase, emptyCoverage, type Coverage } from '../check/coverage.ts';
import type { AnyProperty, PropertyContext } from './property.ts';
import type { PropertyResult } from './result.ts';
import { PropertyFailure } from './property-failure.ts';
import type { StartedPostgres } from '../db/types.ts';
import { connect } from '../db/connect.ts';
import type { MigrationImplementation } from '../contract/implementation.ts';
import type { SavedRegression } from './regression.ts';
import { resetDatabase } from '../db/reset.ts';
import { harness, isHarnessSide } from './harness-error.ts';
import { gateOfName } from './gate-of-name.ts';
import { ImplementationFailure } from './implementation-failure.ts';

/** A property run stops starting cases (and shrinking) after this long unless told otherwise. */
export const DEFAULT_PROPERTY_BUDGET_MS = 30_000;

export interface RunOptions {
  pg: StartedPostgres;
  seed: number;
  /** Random cases; default the property's own defaultRuns. */
  runs?: number;
  /** The implementation under test. */
  impl: MigrationImplementation;
  /** Replay: jump to this counterexample path (with the same seed). */
  path?: string;
  /** Stop starting new cases after this long (the verdict covers what ran). */
  timeBudgetMs?: number;
  /** The broken variant `impl` is, if any (a label for the result and the replay line). */
  defect?: string | undefined;
  /** Saved counterexamples of this property, run before any random case. */
  regressions?: readonly SavedRegression[];
  /** Only the saved regressions, no random cases (replay of a fixture). */
  regressionsOnly?: boolean;
  /** Starts a private embedded server for properties with `ownServer` (crash tests). */
  ownServer?: () => Promise<StartedPostgres>;
  /** Extra flags the replay command needs to reproduce this run (e.g. `--pg url`). */
  replayFlags?: string;
  /** Aborted (SIGINT/SIGTERM): stop at once; what ran is reported as interrupted, never as a verdict. */
  signal?: AbortSignal;
  /** The gate the property belongs to (default: the prefix of its name, `phase-0` of `phase-0/round-trip`). */
  gate?: string;
  /** Shrink a failing case (default true); false stops at the first failure, as a score that only counts kills wants. */
  shrink?: boolean;
}

/**
 * Runs one property: a fresh database, the saved regressions first, then random cases (fast-check),
 * shrinking on failure. Never throws for a failing property and never prints: returns the result.
 */
export async function runProperty(def: AnyProperty, opts: RunOptions): Promise<PropertyResult> {
  const started = performance.now();
  const base: PropertyResult = {
    property: def.name,
    gate: opts.gate ?? gateOfName(def.name),
    tags: def.tags,
    description: def.description,
    verdict: 'passed',
    seed: opts.seed,
    runs: 0,
    shrinks: 0,
    regressionsReplayed: 0,
    durationMs: 0,
    impl: opts.impl.name,
    ...(opts.defect ? { defect: opts.defect } : {}),
  };
  let ctx: PropertyContext | undefined;
  const finish = (r: Partial<PropertyResult>): PropertyResult => ({
    ...base,
    ...(ctx?.stalls?.length ? { stalls: ctx.stalls } : {}),
    ...r,
    durationMs: Math.round(performance.now() - started),
  });

  const skip = def.skipReason?.(opts.pg) ?? crashSkipReason(def, opts);
  if (skip) return finish({ verdict: 'skipped', note: skip });

  let own: StartedPostgres | undefined;
  try {
    if (def.ownServer && opts.ownServer) own = await opts.ownServer();
    const server = own ?? opts.pg;
    const db = await server.createDatabase(def.name.replace(/[^a-z0-9]+/gi, '_').toLowerCase().slice(0, 30));
    const client = await connect(db.uri);
    ctx = { pg: server, db, client, impl: opts.impl };
    try {
      await def.setup(ctx);
    } catch (err) {
      // Setup applies the migration to an empty database: unless the harness says the fault is its
      // own, a phase that cannot even be applied is the migration's failure (there is no data to show).
      if (isHarnessSide(err) || opts.signal?.aborted) throw err;
      return finish({ verdict: 'failed', failure: failureOf(err), note: 'the migration could not be set up on an empty database (no data involved)' });
    }
    const c = ctx;
    const reset = () => harness('reset the database between cases', () => (def.reset ? def.reset(c) : resetDatabase(c.client)));

    // 1. Saved regressions, replayed first and forever (as Hypothesis's example database does).
    for (const reg of opts.regressions ?? []) {
      base.regressionsReplayed++;
      let resetting = true;
      try {
        await reset();
        resetting = false;
        await def.check(reg.input, c);
      } catch (err) {
        if (opts.signal?.aborted) return finish(interruptedResult(opts.signal, 0));
        if (resetting && err instanceof ImplementationFailure) return finish(resetFailureResult(err, 0));
        const replayCommand = `npx habit-verify replay ${def.name} --fixture ${reg.file}${opts.defect ? ` --defect ${opts.defect}` : ''}${opts.replayFlags ?? ''}`;
        if (isHarnessSide(err)) return finish(harnessErrorResult(err, replayCommand));
        return finish({ verdict: 'failed', counterexample: reg.input, failure: failureOf(err), failedOnRegression: reg.file, replayCommand });
      }
    }

    if (opts.regressionsOnly) return finish({});

    // 2. Random cases. A harness-side error says nothing about the input: before any real failure
    // it ends the run (every later call passes at once, so nothing is shrunk); during the shrinking
    // of a real failure, that shrink step is not counted against the smaller input.
    // A reset the implementation fails (it cannot be set up again between cases) likewise ends the
    // run, as a FAIL without a counterexample.
    let lastError: unknown;
    let harnessFailure: unknown;
    let resetFailure: ImplementationFailure | undefined;
    let realFailure = false;
    const coverage = emptyCoverage();
    const property = fc.asyncProperty(def.arbitrary(), async (input: unknown) => {
      if (harnessFailure !== undefined || resetFailure !== undefined || opts.signal?.aborted) return;
      if (!realFailure) countCase(def, input, coverage);
      let resetting = true;
      try {
        await reset();
        resetting = false;
        await def.check(input, c);
      } catch (err) {
        if (opts.signal?.aborted) return; // the database went away under it: not the input's fault
        if (resetting && err instanceof ImplementationFailure) {
          if (realFailure) return;
          resetFailure = err;
          throw err;
        }
        if (isHarnessSide(err)) {
          if (realFailure) return;
          harnessFailure = err;
          throw err;
        }
        realFailure = true;
        lastError = err;
        throw err;
      }
    });
    const details = await fc.check(property, {
      seed: opts.seed,
      // replaying a path: enough runs to reach the path's first index
      numRuns: Math.max(opts.runs ?? def.defaultRuns, opts.path ? Number(opts.path.split(':')[0]) + 1 : 0),
      ...(opts.path ? { path: opts.path, endOnFailure: true } : {}),
      ...(opts.shrink === false ? { endOnFailure: true } : {}),
      // The budget also bounds shrinking: interrupted mid-shrink, fast-check reports the smallest
      // counterexample found so far (and its path), which is what a report needs.
      interruptAfterTimeLimit: opts.timeBudgetMs ?? DEFAULT_PROPERTY_BUDGET_MS,
      markInterruptAsFailure: false,
    });
    const runs = details.numRuns;
    if (opts.signal?.aborted) return finish(interruptedResult(opts.signal, runs));
    const replay = (path: string | undefined) =>
      `npx habit-verify replay ${def.name} --seed ${opts.seed}${path ? ` --path ${path}` : ''}${opts.defect ? ` --defect ${opts.defect}` : ''}${opts.replayFlags ?? ''}`;
    if (harnessFailure !== undefined) return finish({ ...harnessErrorResult(harnessFailure, replay(details.counterexamplePath ?? undefined)), runs });
    if (resetFailure !== undefined) return finish(resetFailureResult(resetFailure, runs));
    if (!details.failed) return finish({ runs, interrupted: details.interrupted || undefined, ...(coverage.cases ? { coverage } : {}) });
    const input = details.counterexample?.[0];
    const dataset = datasetOf(def, input);
    const path = details.counterexamplePath ?? undefined;
    const err = details.errorInstance ?? lastError;
    return finish({
      verdict: 'failed',
      runs,
      shrinks: details.numShrinks,
      ...(path ? { path } : {}),
      counterexample: input,
      ...(dataset ? { dataset } : {}),
      failure: failureOf(err),
      replayCommand: replay(path),
      ...(coverage.cases ? { coverage } : {}),
    });
  } catch (err) {
    if (opts.signal?.aborted) return finish(interruptedResult(opts.signal, base.runs));
    return finish({ verdict: 'error', failure: failureOf(err), note: 'the property could not run: the harness or the infrastructure failed (nothing was learnt about the migration)' });
  } finally {
    if (ctx) {
      await ctx.client.end().catch(() => undefined);
      await ctx.db.drop().catch(() => undefined);
    }
    await own?.close().catch(() => undefined);
  }
}

/** Stopped by a signal part-way: no verdict (the cases that ran are counted, nothing else is said). */
function interruptedResult(signal: AbortSignal, runs: number): Partial<PropertyResult> {
  return { verdict: 'skipped', interrupted: true, runs, note: `interrupted (${String(signal.reason ?? 'aborted')}) after ${runs} case(s): no verdict` };
}

/** ERROR: what could not be checked and why; no counterexample (the input is not what went wrong). */
function harnessErrorResult(err: unknown, replayCommand: string): Partial<PropertyResult> {
  return { verdict: 'error', failure: failureOf(err), note: 'the harness or the infrastructure failed, not the migration: nothing was checked from here on', replayCommand };
}

/**
 * FAIL: the implementation could not be brought back to the property's starting point between cases
 * (a phase applied again, or rolled back, failed). No counterexample: no data is involved.
 */
function resetFailureResult(err: ImplementationFailure, runs: number): Partial<PropertyResult> {
  return { verdict: 'failed', runs, failure: failureOf(err), note: 'the migration could not be set up again between cases, on the database the harness had reset (no data involved)' };
}

/** Why a property that crashes servers cannot run on this provider (undefined: it can). */
function crashSkipReason(def: AnyProperty, opts: RunOptions): string | undefined {
  if (!def.requiresCrash || (def.ownServer && opts.ownServer) || opts.pg.crashAndRestart) return undefined;
  return `needs a server this process can crash (SIGKILL of the postmaster): provider ${opts.pg.kind} cannot give one; run it with --pg embedded`;
}

/** Adds a random case to the coverage (a property without datasets has none). */
function countCase(def: AnyProperty, input: unknown, coverage: Coverage): void {
  const dataset = datasetOf(def, input);
  if (dataset) addCase(coverage, dataset, def.faultyRows?.(input));
}

function datasetOf(def: AnyProperty, input: unknown) {
  try {
    return input !== undefined && def.toDataset ? def.toDataset(input) : undefined;
  } catch {
    return undefined;
  }
}

function failureOf(err: unknown): { message: string; details?: unknown } {
  if (err instanceof PropertyFailure) return { message: err.message, details: err.details };
  if (err instanceof Error) {
    const code = (err as { code?: string }).code;
    return { message: `${err.name}: ${err.message}${code ? ` (SQLSTATE ${code})` : ''}` };
  }
  return { message: String(err) };
}
