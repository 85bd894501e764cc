import fc from 'fast-check';
import type pg from 'pg';
import type { PropertyContext, PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { connect } from '../../src/db/connect.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { jsonEqual } from '../../src/check/round-trip.ts';
import { isRejection } from '../../src/contract/dual-write-error.ts';
import { loadAndBackfill, setupPhase1 } from './support/phase-1-case.ts';
import { createTemplateArbitrary, createWeekArbitrary, execute, readWorld, resolve, weekOpArbitrary, type Executed, type Intent } from './support/operations.ts';
import { LegacyModel, modelDiffs, type ApiCall } from './support/model.ts';
import { replayInModel } from './support/replay.ts';
import { describeInconsistency, isConsistent, readConsistency } from './support/consistency.ts';
import { FAULT_LOCK, setFault, waitUntilLockWaiting } from './support/faults.ts';

export interface IdempotencyCase {
  dataset: LegacyDataset;
  /** The request (API operations whose repetition would show: adds, removes, creates, deletes). */
  intent: Intent;
  copies: number;
  /** sequential: one after the other on one connection; concurrent: one connection each, all in flight at once. */
  mode: 'sequential' | 'concurrent';
  /** same: every copy carries one key; distinct: each its own. */
  keys: 'same' | 'distinct';
}

/**
 * The same idempotency key sent N times — sequentially, or concurrently from N connections — is
 * applied once: one execution, N identical responses (N-1 of them replayed), one log row, and the
 * state the model gives for one application. Distinct keys are applied N times. A key reused with a
 * different request is refused (idempotency_key_reused) and changes nothing.
 *
 * Concurrent copies are made to overlap for certain: a test-only trigger holds the first write of
 * every copy on an advisory lock until all N connections are waiting on a lock — whatever they wait
 * on (the key's claim, the week's row, the lock) — and only then lets them go.
 */
export const idempotencyKeys: PropertyDef<IdempotencyCase> = {
  name: 'phase-1/idempotency-keys',
  tags: ['phase-1'],
  description:
    'A key sent N times, one after the other or all at once, is applied once with N identical responses; distinct keys are applied N times; a key reused for another request is refused.',
  defaultRuns: 50,
  arbitrary: () =>
    fc.record(
      {
        dataset: legacyDatasetArbitrary({ mode: 'realistic', minRows: 1, maxRows: 3 }),
        intent: fc.oneof(
          { weight: 4, arbitrary: weekOpArbitrary(['addHabit', 'removeHabit', 'setStatus', 'reorderHabits', 'deleteWeek', 'setTheme']) },
          { weight: 1, arbitrary: createTemplateArbitrary },
          { weight: 1, arbitrary: createWeekArbitrary },
        ),
        copies: fc.integer({ min: 2, max: 4 }),
        mode: fc.constantFrom('concurrent' as const, 'sequential' as const),
        keys: fc.constantFrom('same' as const, 'distinct' as const),
      },
      { noNullPrototype: true },
    ),
  setup: (ctx) => setupPhase1(ctx, { faults: true }),
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    await loadAndBackfill(ctx, input.dataset);
    const world = await readWorld(ctx.client, []);
    const model = await LegacyModel.read(ctx.client);
    const call = (await resolve(input.intent, world, { client: 0, created: [], templates: [], next: 0 }, ctx.client)) as ApiCall;
    const copies = Array.from({ length: input.copies }, (_, i) => (input.keys === 'same' ? call : { ...call, key: `${call.key}#${i}` }) as ApiCall);

    const executed = input.mode === 'sequential' ? await sequentially(ctx, copies) : await concurrently(ctx, copies);
    const fail = (message: string, details: Record<string, unknown> = {}) => {
      throw new PropertyFailure(message, { call, mode: input.mode, keys: input.keys, executed: executed.map((e) => ({ seq: e.seq, outcome: e.outcome ?? e.error })), ...details });
    };

    const ok = executed.filter((e) => e.outcome?.ok && 'response' in e.outcome);
    if (input.keys === 'same') {
      const fresh = ok.filter((e) => e.outcome && 'replayed' in e.outcome && !e.outcome.replayed);
      if (ok.length > 0 && (ok.length !== executed.length || fresh.length !== 1)) {
        const error = executed.find((e) => e.outcome === undefined)?.error;
        fail(`one key sent ${input.copies} times (${input.mode}) was executed ${fresh.length} time(s) and answered ${ok.length} time(s)${error ? `; a copy failed: ${error}` : ''}`);
      }
      const responses = ok.map((e) => (e.outcome as { response: unknown }).response);
      if (responses.some((r) => !jsonEqual(r, responses[0]))) fail(`one key sent ${input.copies} times (${input.mode}) got different responses`, { responses });
    }
    const mismatches = replayInModel(model, executed);
    if (mismatches.length > 0) fail(`${mismatches.length} answer(s) differ from applying the request ${input.keys === 'same' ? 'once' : `${input.copies} times`}`, { mismatches });
    const diffs = await modelDiffs(ctx.client, model);
    if (diffs.length > 0) fail(`the legacy table is not what applying the request ${input.keys === 'same' ? 'once' : `${input.copies} times`} gives`, { diffs });
    const consistency = await readConsistency(ctx.client, ctx.impl);
    if (!isConsistent(consistency)) fail(`the new schema is not the legacy table's: ${describeInconsistency(consistency)}`, { ...consistency });
    const { rows } = await ctx.client.query<{ n: number }>('SELECT count(*)::int AS n FROM public.idempotency_log');
    const expectedKeys = input.keys === 'same' ? Math.min(1, ok.length) : ok.length;
    if (rows[0]!.n !== expectedKeys) fail(`the idempotency log holds ${rows[0]!.n} answered key(s), expected ${expectedKeys}`);

    // Every answered key, sent again once all copies are done: its own first response, replayed.
    const firstByKey = new Map<string, { call: ApiCall; response: unknown }>();
    for (const e of ok) if (!firstByKey.has((e.write as ApiCall).key)) firstByKey.set((e.write as ApiCall).key, { call: e.write as ApiCall, response: (e.outcome as { response: unknown }).response });
    for (const { call: again, response } of firstByKey.values()) {
      const r = await ctx.impl.dualWrite.call(ctx.client, again.key, again.op, again.request as never);
      if (!r.replayed || !jsonEqual(r.response, response)) fail(`key ${again.key} sent again later: expected its first response, replayed`, { expected: response, got: r });
    }

    // The key of a completed request, reused for a different one: refused, nothing written.
    if (ok.length > 0) {
      const reuse = ok[0]!.write as ApiCall;
      try {
        await ctx.impl.dualWrite.call(ctx.client, reuse.key, reuse.op, { ...reuse.request, note: 'a different request' } as never);
        fail(`key ${reuse.key} reused for a different request was not refused`);
      } catch (err) {
        if (err instanceof PropertyFailure) throw err;
        if (!isRejection(err, 'idempotency_key_reused')) fail(`key ${reuse.key} reused for a different request: expected idempotency_key_reused, got ${(err as Error).message}`);
      }
      const after = await modelDiffs(ctx.client, model);
      if (after.length > 0) fail('a refused key reuse changed the legacy table', { diffs: after });
    }
  },
};

async function sequentially(ctx: PropertyContext, copies: readonly ApiCall[]): Promise<Executed[]> {
  const out: Executed[] = [];
  for (const c of copies) out.push(await execute(ctx.client, 0, c, ctx.impl));
  return out;
}

/** All copies in flight at once: held at their first data write until every connection waits on a lock. */
async function concurrently(ctx: PropertyContext, copies: readonly ApiCall[]): Promise<Executed[]> {
  const connections: pg.Client[] = [];
  const holder = ctx.client;
  await holder.query('SELECT pg_advisory_lock($1)', [FAULT_LOCK]);
  let locked = true;
  try {
    const pids: number[] = [];
    for (let i = 0; i < copies.length; i++) {
      const c = await connect(ctx.db.uri);
      await c.query(`SET statement_timeout = '20s'`);
      await setFault(c, 'block:*:0');
      connections.push(c);
      pids.push((await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
    }
    let settled = 0;
    const running = copies.map((c, i) => execute(connections[i]!, i, c, ctx.impl).finally(() => settled++));
    await waitUntilLockWaiting(holder, pids, () => settled === copies.length);
    await holder.query('SELECT pg_advisory_unlock($1)', [FAULT_LOCK]);
    locked = false;
    return await Promise.all(running);
  } finally {
    if (locked) await holder.query('SELECT pg_advisory_unlock($1)', [FAULT_LOCK]).catch(() => undefined);
    await Promise.all(connections.map((c) => c.end().catch(() => undefined)));
  }
}
