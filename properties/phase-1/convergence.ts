import fc from 'fast-check';
import type pg from 'pg';
import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { connect } from '../../src/db/connect.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { loadAndBackfill, setupPhase1 } from './support/phase-1-case.ts';
import { execute, intentArbitrary, readWorld, remember, resolve, type ClientState, type Executed, type Intent } from './support/operations.ts';
import { LegacyModel, modelDiffs } from './support/model.ts';
import { replayInModel } from './support/replay.ts';
import { describeInconsistency, isConsistent, readConsistency } from './support/consistency.ts';

export interface ConvergenceCase {
  dataset: LegacyDataset;
  /** An account without rows: a second family for names shared across families. */
  extraUser: string;
  /** One program per client (2–3 clients, each its own connection). */
  clients: Intent[][];
  /** Seed of the fast-check scheduler that orders the starts of the operations. */
  schedule: number;
}

/**
 * Model-based convergence of concurrent dual writes: 2–3 clients, each on its own connection, run
 * programs of API operations and old clients' raw legacy writes (plain INSERT/UPDATE/DELETE through the
 * trigger). fast-check's scheduler gates the START of every operation (REFERENCE.md), so interleavings
 * vary from case to case and operations of different clients overlap in the database.
 *
 * After quiescence: (1) every answer — response, rejection, rows touched — is what the sequential model
 * gives when the writes are applied in write-number order (observe.writeNumber, taken under each write's locks, so it orders
 * every pair of conflicting writes); (2) the legacy table and the templates equal the model's;
 * (3) the new schema is what the mapping rules make of the legacy table (round trip, accounting,
 * drift = 0); (4) the idempotency log holds one row per executed request.
 * The case's input is JSON (the scheduler is rebuilt from its seed): fixtures replay it.
 */
export const convergence: PropertyDef<ConvergenceCase> = {
  name: 'phase-1/convergence',
  tags: ['phase-1'],
  description:
    'Concurrent API writes and raw legacy writes from 2–3 connections converge: answers and legacy rows match a sequential model in write order, the new schema matches the mapping rules, drift is 0.',
  defaultRuns: 80,
  arbitrary: () =>
    fc.record(
      {
        dataset: legacyDatasetArbitrary({ mode: 'mixed', minRows: 2, maxRows: 5 }),
        extraUser: fc.uuid({ version: 4 }),
        clients: fc.array(fc.array(intentArbitrary, { minLength: 1, maxLength: 5 }), { minLength: 2, maxLength: 3 }),
        schedule: fc.integer(),
      },
      { noNullPrototype: true },
    ),
  setup: (ctx) => setupPhase1(ctx),
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    await loadAndBackfill(ctx, input.dataset, [input.extraUser]);
    const world = await readWorld(ctx.client, [input.extraUser]);
    const model = await LegacyModel.read(ctx.client);
    const scheduler = fc.sample(fc.scheduler(), { seed: input.schedule, numRuns: 1 })[0]!;

    const connections: pg.Client[] = [];
    const executed: Executed[] = [];
    try {
      for (let i = 0; i < input.clients.length; i++) {
        const c = await connect(ctx.db.uri);
        await c.query(`SET statement_timeout = '20s'`);
        connections.push(c);
      }
      const run = async (i: number) => {
        const state: ClientState = { client: i, created: [], templates: [], next: 0 };
        for (const [j, intent] of input.clients[i]!.entries()) {
          await scheduler.schedule(Promise.resolve(), `c${i}#${j} ${intent.op}`);
          const write = await resolve(intent, world, state, connections[i]!);
          const e = await execute(connections[i]!, i, write, ctx.impl);
          executed.push(e);
          remember(state, e);
        }
      };
      await scheduler.waitFor(Promise.all(input.clients.map((_, i) => run(i))));
    } finally {
      await Promise.all(connections.map((c) => c.end().catch(() => undefined)));
    }

    const mismatches = replayInModel(model, executed);
    if (mismatches.length > 0) {
      throw new PropertyFailure(
        `${mismatches.length} write(s) answered differently from the sequential model (first: client ${mismatches[0]!.client} ${describeWrite(mismatches[0]!.write)})`,
        { mismatches, executed: executed.map(brief), schedule: scheduler.report() },
      );
    }
    const diffs = await modelDiffs(ctx.client, model);
    if (diffs.length > 0) {
      throw new PropertyFailure(`the legacy table differs from the sequential model in ${diffs.length} place(s) (first: ${JSON.stringify(diffs[0])})`, {
        diffs,
        executed: executed.map(brief),
      });
    }
    const consistency = await readConsistency(ctx.client, ctx.impl, { templates: templatesOf(executed) });
    if (!isConsistent(consistency)) {
      throw new PropertyFailure(`after quiescence the new schema is not the legacy table's: ${describeInconsistency(consistency)}`, {
        ...consistency,
        executed: executed.map(brief),
      });
    }
    const { rows } = await ctx.client.query<{ n: number }>('SELECT count(*)::int AS n FROM public.idempotency_log');
    const applied = executed.filter((e) => e.write.kind === 'api' && e.outcome?.ok).length;
    if (rows[0]!.n !== applied) {
      throw new PropertyFailure(`the idempotency log holds ${rows[0]!.n} key(s) for ${applied} executed request(s)`, { executed: executed.map(brief) });
    }
  },
};

/** The template of every week a createWeek made from one, by legacy id: the week keeps it for its life. */
function templatesOf(executed: readonly Executed[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const e of executed) {
    if (e.write.kind !== 'api' || e.write.op !== 'createWeek' || !e.outcome?.ok || !('response' in e.outcome)) continue;
    const r = e.outcome.response;
    const template = (e.write.request as { templateId?: string }).templateId;
    if (r.created === true && template !== undefined) out.set(Number(r.legacyId), template);
  }
  return out;
}

function describeWrite(w: Executed['write']): string {
  return w.kind === 'api' ? `${w.op} ${JSON.stringify(w.request)}` : `raw ${w.op} ${JSON.stringify(w)}`;
}

function brief(e: Executed): Record<string, unknown> {
  return { client: e.client, seq: e.seq, write: describeWrite(e.write), outcome: e.outcome ?? e.error };
}
