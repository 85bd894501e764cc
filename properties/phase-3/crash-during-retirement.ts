import fc from 'fast-check';
import type pg from 'pg';
import type { PropertyContext, PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { fingerprint, fingerprintDiff } from '../../src/check/fingerprint.ts';
import { catalogDiff, catalogFingerprint } from '../../src/check/catalog-fingerprint.ts';
import { connect } from '../../src/db/connect.ts';
import { harness } from '../../src/runner/harness-error.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { NewSchemaApp, newOpArbitrary, type NewOp } from '../rollback/support/new-schema-writes.ts';
import { openReadOnlyWeek, resetBefore3, setupBefore3 } from '../rollback/support/phase-stack.ts';
import type { RetirementState } from '../../src/contract/observation.ts';
import { READ_ONLY_SQLSTATE, legacyTableName, persistenceOf, readLegacyTable } from './support/legacy-table.ts';
import { tryLegacyWrites } from './support/refused-writes.ts';
import { weekIdsOf } from '../support/week-ids.ts';

export interface CrashCase {
  dataset: LegacyDataset;
  /** New-schema writes before the crash (committed: they must survive it). */
  before: NewOp[];
  /** One more after the restart: the reverse sync must still work. */
  after: NewOp;
  renamed: boolean;
  /** A new-schema write is in flight (its reverse sync done, not committed) when the postmaster dies. */
  inFlight: boolean;
}

/**
 * A SIGKILL of the postmaster during the read-only week (before or after the rename, with or without
 * a write in flight), then a restart and crash recovery: nothing is lost. The legacy table is there,
 * under the same name, WAL-logged, with exactly the rows it had, and still refuses writes; the new
 * schema, the catalog and the retirement log are as they were; the reverse sync still works.
 * Killed by read-only-set-unlogged: crash recovery truncates an unlogged table.
 */
export const crashDuringRetirement: PropertyDef<CrashCase> = {
  name: 'phase-3/crash-during-retirement',
  tags: ['phase-3'],
  description: 'A SIGKILL of the postmaster during the read-only week loses nothing: legacy table intact and still read-only, new schema, catalog and retirement log intact.',
  defaultRuns: 4,
  ownServer: true,
  requiresCrash: true,
  arbitrary: () =>
    fc.record({
      dataset: legacyDatasetArbitrary({ mode: 'mixed', minRows: 1, maxRows: 8 }),
      before: fc.array(newOpArbitrary(), { maxLength: 6 }),
      after: newOpArbitrary(),
      renamed: fc.boolean(),
      inFlight: fc.boolean(),
    }),
  setup: setupBefore3,
  reset: resetBefore3,
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    const c = ctx.client;
    const model = await openReadOnlyWeek(ctx, input.dataset, input.renamed);
    const app = await NewSchemaApp.start(c, model, ctx.impl);
    for (const op of input.before) await app.run(c, op);

    const table = (await legacyTableName(c))!;
    const snapshot = {
      legacy: await readLegacyTable(c, table),
      newSchema: await fingerprint(c, ctx.impl.observe.contentQueries),
      catalog: await catalogFingerprint(c),
      retirement: retirementState(await ctx.impl.observe.retirement(c)),
    };

    const victim = input.inFlight ? await writeInFlight(ctx) : undefined;
    await harness('crash the server (SIGKILL of the postmaster) and restart it', () => ctx.pg.crashAndRestart!());
    await victim?.end().catch(() => undefined);
    const r = await reconnect(ctx);

    const nowTable = await legacyTableName(r);
    if (nowTable !== table) throw new PropertyFailure(`after the crash, the legacy table is ${nowTable ? `called ${nowTable}` : 'gone'} (was ${table})`);
    const legacy = await readLegacyTable(r, table);
    const lost = snapshot.legacy.filter((row) => !legacy.some((l) => JSON.stringify(l) === JSON.stringify(row)));
    if (lost.length > 0 || legacy.length !== snapshot.legacy.length) {
      throw new PropertyFailure(`after the crash, public.${table} has ${legacy.length} row(s) where it had ${snapshot.legacy.length} (${lost.length} lost or changed)`, {
        persistence: await persistenceOf(r, table),
        lost: lost.slice(0, 20),
      });
    }
    const refused = (await tryLegacyWrites(r, table)).filter((a) => a.as === 'postgres');
    if (refused.some((a) => a.error?.code !== READ_ONLY_SQLSTATE)) {
      throw new PropertyFailure(`after the crash, public.${table} is no longer read-only`, { attempts: refused });
    }
    const newDiff = fingerprintDiff(snapshot.newSchema, await fingerprint(r, ctx.impl.observe.contentQueries));
    if (newDiff.length > 0) throw new PropertyFailure(`after the crash, the new schema differs: ${newDiff.join(', ')}`, { tables: newDiff });
    const catalog = catalogDiff(snapshot.catalog, await catalogFingerprint(r));
    if (catalog.length > 0) throw new PropertyFailure('after the crash, the catalog differs', { catalog });
    const retirement = retirementState(await ctx.impl.observe.retirement(r));
    if (JSON.stringify(retirement) !== JSON.stringify(snapshot.retirement)) {
      throw new PropertyFailure('after the crash, the retirement log differs', { before: snapshot.retirement, after: retirement });
    }

    await app.run(r, input.after);
    const diffs = model.diff(await readLegacyTable(r, table));
    if (diffs.length > 0) throw new PropertyFailure(`after the crash and one more write, ${diffs.length} legacy value(s) differ from the model`, { diffs: diffs.slice(0, 30) });
  },
};

function retirementState(r: RetirementState | undefined) {
  return r && { writePath: r.writePath, readOnlySince: r.readOnlySince, renamedAt: r.renamedAt, droppedAt: r.droppedAt };
}

/**
 * A second session whose new-schema write (and its reverse sync) is done but not committed: the week
 * of the lowest legacy id gets a theme, the week of the highest is deleted.
 */
async function writeInFlight(ctx: PropertyContext): Promise<pg.Client> {
  const weeks = [...(await weekIdsOf(ctx.impl, ctx.client)).values()];
  const v = await connect(ctx.db.uri);
  v.on('error', () => undefined);
  await v.query('BEGIN');
  await v.query(`UPDATE public.weeks SET theme = 'in flight at the crash' WHERE id = $1`, [weeks[0] ?? null]);
  await v.query('DELETE FROM public.weeks WHERE id = $1', [weeks.at(-1) ?? null]);
  return v;
}

/** After a postmaster crash every connection is dead: give the context a new client. */
async function reconnect(ctx: PropertyContext): Promise<pg.Client> {
  ctx.client.on('error', () => undefined);
  await ctx.client.end().catch(() => undefined);
  (ctx as { client: pg.Client }).client = await connect(ctx.db.uri);
  return ctx.client;
}
