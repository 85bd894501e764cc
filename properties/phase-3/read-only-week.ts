import fc from 'fast-check';
import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { EVERY_SYNCED_WRITE, NewSchemaApp, newOpArbitrary, type NewOp } from '../rollback/support/new-schema-writes.ts';
import { openReadOnlyWeek, resetBefore3, setupBefore3 } from '../rollback/support/phase-stack.ts';
import { READ_ONLY_SQLSTATE, legacyTableName, persistenceOf, readLegacyTable } from './support/legacy-table.ts';
import { tryLegacyWrites } from './support/refused-writes.ts';

export interface ReadOnlyCase {
  dataset: LegacyDataset;
  ops: NewOp[];
  renamed: boolean;
}

/**
 * During the read-only week (before and after the rename) the legacy table refuses every write — INSERT,
 * UPDATE, DELETE, TRUNCATE, as the owner, as the API role, with the sync's flag set by hand — with
 * SQLSTATE 25006 and a message naming the table; reads work; it stays WAL-logged; and every write the
 * app makes to the new schema is in it at once (the reverse sync), equal to the model of every write —
 * the random ones, then one of each kind each trigger branch syncs (EVERY_SYNCED_WRITE). Killed by
 * phase3-rollback-no-reverse-sync, reverse-sync-misses-habit-deletes.
 */
export const readOnlyWeek: PropertyDef<ReadOnlyCase> = {
  name: 'phase-3/read-only-week',
  tags: ['phase-3'],
  description: 'In the read-only week the legacy table refuses every write with a clear message (25006), stays logged, and follows every new-schema write (reverse sync).',
  defaultRuns: 12,
  arbitrary: () =>
    fc.record({
      dataset: legacyDatasetArbitrary({ mode: 'mixed', minRows: 1, maxRows: 8 }),
      ops: fc.array(newOpArbitrary(), { maxLength: 10 }),
      renamed: fc.boolean(),
    }),
  setup: setupBefore3,
  reset: resetBefore3,
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    const c = ctx.client;
    const model = await openReadOnlyWeek(ctx, input.dataset, input.renamed);
    const table = (await legacyTableName(c))!;

    const persistence = await persistenceOf(c, table);
    if (persistence !== 'p') throw new PropertyFailure(`in the read-only week, public.${table} is ${persistence === 'u' ? 'UNLOGGED: a crash empties it' : `of persistence ${persistence}`}`);

    const attempts = await tryLegacyWrites(c, table, ctx.impl.observe.reverseSyncSetting);
    const through = attempts.filter((a) => !a.error);
    if (through.length > 0) throw new PropertyFailure(`in the read-only week, ${through.length} legacy write(s) went through`, { through });
    // the API role gets the read-only error too — unless an earlier phase took its write privilege away
    const { rows: priv } = await c.query<{ w: boolean }>(`SELECT has_table_privilege('authenticated', $1, 'INSERT, UPDATE, DELETE') AS w`, [`public.${table}`]);
    const unclear = attempts.filter(
      (a) =>
        !(a.error!.code === READ_ONLY_SQLSTATE && a.error!.message.includes(table) && a.error!.message.includes('read-only')) &&
        !(a.as === 'authenticated' && !priv[0]?.w && a.error!.code === '42501'),
    );
    if (unclear.length > 0) throw new PropertyFailure(`in the read-only week, ${unclear.length} legacy write(s) failed without the read-only error (25006, naming the table)`, { unclear });
    await c.query(`SELECT count(*) FROM public.${table}`);

    const app = await NewSchemaApp.start(c, model, ctx.impl);
    for (const op of [...input.ops, ...EVERY_SYNCED_WRITE]) await app.run(c, op);
    const diffs = model.diff(await readLegacyTable(c, table));
    if (diffs.length > 0) throw new PropertyFailure(`in the read-only week, ${diffs.length} legacy value(s) do not follow the writes made to the new schema`, { diffs: diffs.slice(0, 50) });
  },
};
