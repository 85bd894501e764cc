import fc from 'fast-check';
import type pg from 'pg';
import type { PropertyContext, PropertyDef } from '../../src/runner/property.ts';
import type { MigrationImplementation } from '../../src/contract/implementation.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { connect } from '../../src/db/connect.ts';
import { fingerprint, fingerprintDiff, type Fingerprint } from '../../src/check/fingerprint.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { jsonEqual } from '../../src/check/round-trip.ts';
import { loadAndBackfill, setupPhase1 } from './support/phase-1-case.ts';
import {
  createTemplateArbitrary,
  createWeekArbitrary,
  execute,
  legacyWriteArbitrary,
  readWorld,
  resolve,
  weekOpArbitrary,
  type Executed,
  type Intent,
} from './support/operations.ts';
import { LegacyModel, modelDiffs, type Write } from './support/model.ts';
import { replayInModel } from './support/replay.ts';
import { describeInconsistency, isConsistent, readConsistency } from './support/consistency.ts';
import { FAULT_LOCK, setFault, waitUntilLockWaiting, type FaultTable } from './support/faults.ts';

export interface Fault {
  /** error: the statement raises; terminate: pg_terminate_backend mid-transaction; timeout: statement_timeout fires there. */
  kind: 'error' | 'terminate' | 'timeout';
  /** Where: the n-th row write on this table in the transaction ('*': on any table but the log). */
  table: FaultTable | '*';
  nth: number;
}

export interface AtomicityCase {
  dataset: LegacyDataset;
  /** One dual write: an API request, or an old client's raw write (synced by the trigger). */
  intent: Intent;
  fault: Fault;
}

/** Every table a dual write touches, legacy and new (the implementation's output), with the log. */
const stateOf = (impl: MigrationImplementation): Record<string, string> => ({
  habit_tracker: 'SELECT * FROM public.habit_tracker',
  ...impl.observe.contentQueries,
  habit_templates: 'SELECT * FROM public.habit_templates',
  idempotency_log: 'SELECT * FROM public.idempotency_log',
});

/**
 * Both schemas change, or neither: a fault injected at one step of a dual write — an error in that
 * statement, the backend terminated there, or statement_timeout firing there (a test-only trigger
 * holds the transaction at the n-th row write of a table) — leaves every table as it was, byte for
 * byte; a write that completed leaves the new schema consistent with the legacy table and the model.
 * Then the client retries (the same key): the request is applied exactly once.
 */
export const atomicity: PropertyDef<AtomicityCase> = {
  name: 'phase-1/atomicity',
  tags: ['phase-1'],
  description:
    'A fault (error, terminated backend, statement timeout) at any step of a dual write leaves both schemas changed or neither; a retry with the same key applies the request exactly once.',
  defaultRuns: 80,
  arbitrary: () =>
    fc.record(
      {
        dataset: legacyDatasetArbitrary({ mode: 'mixed', minRows: 1, maxRows: 4 }),
        intent: fc.oneof(
          { weight: 6, arbitrary: weekOpArbitrary() },
          { weight: 1, arbitrary: createWeekArbitrary },
          { weight: 1, arbitrary: createTemplateArbitrary },
          { weight: 2, arbitrary: legacyWriteArbitrary },
        ),
        fault: fc.record(
          {
            kind: fc.oneof(
              { weight: 2, arbitrary: fc.constant('error' as const) },
              { weight: 1, arbitrary: fc.constant('terminate' as const) },
              { weight: 1, arbitrary: fc.constant('timeout' as const) },
            ),
            table: fc.oneof(
              { weight: 3, arbitrary: fc.constant<FaultTable | '*'>('habit_tracker') },
              { weight: 2, arbitrary: fc.constant<FaultTable | '*'>('*') },
              { weight: 2, arbitrary: fc.constant<FaultTable | '*'>('weeks') },
              { weight: 5, arbitrary: fc.constantFrom<FaultTable | '*'>('idempotency_log', 'children', 'habits', 'habit_records', 'habit_templates') },
            ),
            nth: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }) }),
          },
          { noNullPrototype: true },
        ),
      },
      { noNullPrototype: true },
    ),
  setup: (ctx) => setupPhase1(ctx, { faults: true }),
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    await loadAndBackfill(ctx, input.dataset);
    const world = await readWorld(ctx.client, []);
    const model = await LegacyModel.read(ctx.client);
    const write = await resolve(input.intent, world, { client: 0, created: [], templates: [], next: 0 }, ctx.client);
    const before = await fingerprint(ctx.client, stateOf(ctx.impl));

    const first = await withFault(ctx, write, input.fault);
    const afterFault = await fingerprint(ctx.client, stateOf(ctx.impl));
    const fail = (message: string, details: Record<string, unknown> = {}) => {
      throw new PropertyFailure(message, { write, fault: input.fault, first: first.outcome ?? first.error, ...details });
    };
    const completed = first.outcome?.ok === true;
    if (!completed) {
      const changed = fingerprintDiff(before, afterFault);
      if (changed.length > 0) {
        fail(`${describe(write)} failed (${first.error ?? JSON.stringify(first.outcome)}) under a ${input.fault.kind} fault on ${input.fault.table} #${input.fault.nth}, yet changed ${changed.join(', ')}`, {
          changed,
          consistency: await readConsistency(ctx.client, ctx.impl),
        });
      }
    } else {
      await expectApplied(ctx, model, [first], fail, `${describe(write)} completed under a ${input.fault.kind} fault on ${input.fault.table} #${input.fault.nth}`);
    }

    // The client retries. An API request with its key; an old client's write only if it failed.
    if (write.kind === 'raw' && completed) return;
    const retry = await execute(ctx.client, 0, write, ctx.impl);
    if (completed) {
      const a = first.outcome as { response?: unknown };
      const b = retry.outcome as { response?: unknown; replayed?: boolean } | undefined;
      if (!b?.replayed || !jsonEqual(a.response, b.response)) fail('the retry of a completed request was not answered with its stored response', { retry: retry.outcome ?? retry.error });
      await expectApplied(ctx, model, [], fail, 'after the retry of a completed request');
    } else {
      await expectApplied(ctx, model, [retry], fail, `after ${describe(write)} failed under the fault and was retried`);
    }
  },
};

/** Runs the write on a connection of its own with the fault armed; never throws. */
async function withFault(ctx: PropertyContext, write: Write, fault: Fault): Promise<Executed> {
  const victim = await connect(ctx.db.uri);
  const spec = `${fault.kind === 'error' ? 'error' : 'block'}:${fault.table}:${fault.nth}`;
  try {
    await setFault(victim, spec);
    if (fault.kind === 'error') return await execute(victim, 0, write, ctx.impl);
    if (fault.kind === 'timeout') await victim.query(`SET statement_timeout = 300`);
    const pid = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    return await holding(ctx.client, async () => {
      let settled = false;
      const running = execute(victim, 0, write, ctx.impl).finally(() => (settled = true));
      const blocked = await waitUntilLockWaiting(ctx.client, [pid], () => settled);
      if (blocked && fault.kind === 'terminate') await ctx.client.query('SELECT pg_terminate_backend($1)', [pid]);
      return await running;
    });
  } finally {
    await victim.end().catch(() => undefined);
  }
}

async function holding<T>(client: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
  await client.query('SELECT pg_advisory_lock($1)', [FAULT_LOCK]);
  try {
    return await fn();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [FAULT_LOCK]);
  }
}

/** Applies the writes to the model, then: the same answers, the same legacy rows, a consistent new schema. */
async function expectApplied(
  ctx: PropertyContext,
  model: LegacyModel,
  executed: Executed[],
  fail: (message: string, details?: Record<string, unknown>) => never,
  when: string,
): Promise<void> {
  const mismatches = replayInModel(model, executed);
  if (mismatches.length > 0) fail(`${when}: the answer is not the model's`, { mismatches });
  const diffs = await modelDiffs(ctx.client, model);
  if (diffs.length > 0) fail(`${when}: the legacy table is not the model's (applied once)`, { diffs });
  const consistency = await readConsistency(ctx.client, ctx.impl);
  if (!isConsistent(consistency)) fail(`${when}: the new schema is not the legacy table's: ${describeInconsistency(consistency)}`, { ...consistency });
}

function describe(w: Write): string {
  return w.kind === 'api' ? w.op : `raw ${w.op}`;
}
