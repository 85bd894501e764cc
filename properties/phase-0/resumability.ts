import fc from 'fast-check';
import type pg from 'pg';
import type { PropertyContext, PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { fingerprint, fingerprintDiff } from '../../src/check/fingerprint.ts';
import { loadDataset } from '../../src/db/load-dataset.ts';
import { resetDatabase } from '../../src/db/reset.ts';
import { connect } from '../../src/db/connect.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { harness } from '../../src/runner/harness-error.ts';
import { setupPhase0 } from '../support/phase-0-case.ts';
import { expectMigratedNow } from '../support/expect-migrated.ts';

export interface CrashCase {
  dataset: LegacyDataset;
  batchSize: number;
  /** Batches committed before the crash (taken modulo the number of batches). */
  crashAfter: number;
  /** terminate: the backend is killed mid-batch; sigkill: the whole postmaster is, then restarted. */
  kind: 'terminate' | 'sigkill';
}

const LOCK_KEY = 470_001;

/**
 * A crash in the middle of a batch — its writes done but not committed — then a resume, gives the same
 * tables as an uninterrupted run (killed by progress-before-batch).
 *
 * Fault injection: a test-only statement trigger on weeks waits on an advisory lock the test holds, so
 * the batch is caught after its inserts and before its commit; then the backend is terminated, or the
 * postmaster SIGKILLed and restarted (crash recovery).
 */
export const resumability: PropertyDef<CrashCase> = {
  name: 'phase-0/resumability',
  tags: ['phase-0'],
  description: 'A crash at a random batch (backend terminated, or postmaster SIGKILLed) and a resume give the same tables as an uninterrupted run.',
  defaultRuns: 8,
  ownServer: true,
  arbitrary: () =>
    fc.record({
      dataset: legacyDatasetArbitrary({ mode: 'mixed', minRows: 2, maxRows: 12 }),
      batchSize: fc.integer({ min: 1, max: 4 }),
      crashAfter: fc.nat({ max: 20 }),
      kind: fc.constantFrom('terminate' as const, 'sigkill' as const),
    }),
  setup: setupPhase0,
  async reset(ctx) {
    await ctx.client.query(DROP_BLOCK);
    await resetDatabase(ctx.client);
  },
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    const { dataset, batchSize } = input;
    const kind = input.kind === 'sigkill' && !ctx.pg.crashAndRestart ? 'terminate' : input.kind;
    // Reference: an uninterrupted run.
    await loadDataset(ctx.client, dataset);
    await ctx.impl.backfill.run(ctx.client, { batchSize });
    const reference = await fingerprint(ctx.client, ctx.impl.observe.contentQueries);

    await resetDatabase(ctx.client);
    await loadDataset(ctx.client, dataset);
    const batches = Math.ceil(dataset.rows.length / batchSize);
    const crashAfter = input.crashAfter % Math.max(1, batches);
    await ctx.impl.backfill.run(ctx.client, { batchSize, maxBatches: crashAfter });

    await crashMidBatch(ctx, batchSize, kind);

    // Resume on a fresh connection, as an operator would after the crash.
    const resumed = await connect(ctx.db.uri);
    try {
      await harness('remove the fault-injection trigger', () => resumed.query(DROP_BLOCK));
      await ctx.impl.backfill.run(resumed, { batchSize });
      const after = await fingerprint(resumed, ctx.impl.observe.contentQueries);
      const tables = fingerprintDiff(reference, after);
      if (tables.length > 0) {
        throw new PropertyFailure(`after a ${kind} crash at batch ${crashAfter + 1} and a resume, ${tables.join(', ')} differ from an uninterrupted run`, {
          kind,
          crashAtBatch: crashAfter + 1,
          batchSize,
          tables,
        });
      }
      await expectMigratedNow(resumed, ctx.impl, `after a ${kind} crash at batch ${crashAfter + 1} and a resume`);
    } finally {
      await resumed.end();
    }
  },
};

/** The fault-injection trigger: the harness's own, so it must never outlive its case (see the reset). */
const DROP_BLOCK = 'DROP TRIGGER IF EXISTS hv_test_block ON public.weeks; DROP FUNCTION IF EXISTS public.hv_test_block()';

async function crashMidBatch(ctx: PropertyContext, batchSize: number, kind: 'terminate' | 'sigkill'): Promise<void> {
  const holder = ctx.client;
  await harness('install the fault-injection trigger on weeks', () =>
    holder.query(`${DROP_BLOCK};
      CREATE FUNCTION public.hv_test_block() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock(${LOCK_KEY}); RETURN NULL; END $$;
      CREATE TRIGGER hv_test_block AFTER INSERT ON public.weeks FOR EACH STATEMENT EXECUTE FUNCTION public.hv_test_block();`),
  );
  await holder.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  const victim = await connect(ctx.db.uri);
  victim.on('error', () => undefined);
  const { rows } = await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const victimPid = rows[0]!.pid;
  const inFlight = ctx.impl.backfill.run(victim, { batchSize, maxBatches: 1 }).then(
    () => 'finished' as const,
    () => 'killed' as const,
  );
  const blocked = await waitUntilBlocked(holder, victimPid, inFlight);
  if (blocked) {
    if (kind === 'terminate') {
      await holder.query('SELECT pg_terminate_backend($1)', [victimPid]);
      await inFlight;
      await holder.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    } else {
      await harness('crash the server (SIGKILL of the postmaster) and restart it', () => ctx.pg.crashAndRestart!());
      await inFlight;
      await reconnect(ctx);
    }
  } else {
    await holder.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
  await victim.end().catch(() => undefined);
}

/** Polls until the victim waits on the advisory lock (true), or its batch finished without a week insert (false). */
async function waitUntilBlocked(client: pg.Client, pid: number, inFlight: Promise<string>): Promise<boolean> {
  let done = false;
  void inFlight.then(() => (done = true));
  for (let i = 0; i < 2000 && !done; i++) {
    const { rows } = await client.query(
      `SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
      [pid],
    );
    if (rows.length > 0) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}

/** After a postmaster crash every connection is dead: give the context a new client. */
async function reconnect(ctx: PropertyContext): Promise<void> {
  ctx.client.on('error', () => undefined);
  await ctx.client.end().catch(() => undefined);
  (ctx as { client: pg.Client }).client = await connect(ctx.db.uri);
}
