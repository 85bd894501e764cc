/**
 * pgroll's cycle for a phase whose app writes go through the dual-write API and the legacy table:
 * apply → writes → rollback → apply → writes → complete. After the rollback: the legacy rows equal
 * the model of every write (none lost), the catalog equals its pre-phase fingerprint except what the
 * phase declares it keeps, and the legacy app path works as it did before the phase.
 */
import fc from 'fast-check';
import type pg from 'pg';
import type { PropertyContext } from '../../../src/runner/property.ts';
import type { PhaseId, PhaseKeeps } from '../../../src/contract/phase.ts';
import type { LegacyDataset } from '../../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../../src/generate/legacy-dataset.ts';
import { catalogDiff, catalogFingerprint, type CatalogDiff } from '../../../src/check/catalog-fingerprint.ts';
import { readLegacyRows } from '../../../src/check/read-state.ts';
import { PropertyFailure } from '../../../src/runner/property-failure.ts';
import { LegacyModel } from './legacy-model.ts';
import { ApiApp, apiOpArbitrary, type ApiOp } from './api-writes.ts';
import { LegacyApp, legacyOpArbitrary, type LegacyOp } from './legacy-writes.ts';
import { assertLegacyAppWorksAsBefore, legacyAppError } from '../../support/legacy-app-works.ts';

/** A write through the API, or a raw legacy write (an old client; the backup trigger syncs it). */
export type AppOp = { via: 'api'; op: ApiOp } | { via: 'legacy'; op: LegacyOp };

export interface CycleCase {
  dataset: LegacyDataset;
  first: AppOp[];
  second: AppOp[];
}

export function cycleCaseArbitrary(): fc.Arbitrary<CycleCase> {
  const op: fc.Arbitrary<AppOp> = fc.oneof(
    { weight: 3, arbitrary: apiOpArbitrary().map((o) => ({ via: 'api' as const, op: o })) },
    { weight: 1, arbitrary: legacyOpArbitrary().map((o) => ({ via: 'legacy' as const, op: o })) },
  );
  return fc.record({
    dataset: legacyDatasetArbitrary({ mode: 'mixed', minRows: 1, maxRows: 8 }),
    first: fc.array(op, { maxLength: 8 }),
    second: fc.array(op, { maxLength: 6 }),
  });
}

async function runOps(ctx: PropertyContext, model: LegacyModel, ops: readonly AppOp[], tag: string): Promise<void> {
  const c = ctx.client;
  const api = await ApiApp.start(c, model, tag, ctx.impl);
  const legacy = await LegacyApp.start(c, model);
  for (const o of ops) {
    if (o.via === 'api') await api.run(c, o.op);
    else await legacy.run(c, o.op);
  }
}

/** The cycle, from a database where the phases before `id` are applied and the dataset is loaded. */
export async function runCycle(ctx: PropertyContext, id: PhaseId, input: CycleCase): Promise<void> {
  const c = ctx.client;
  const phase = ctx.impl.phases[id];
  const label = `Phase ${id.slice(-1)}`;
  const model = LegacyModel.of(await readLegacyRows(c));
  const catalogBefore = await catalogFingerprint(c);
  const appBefore = await legacyAppError(c);
  const tag = `cycle-${Date.now()}-${Math.floor(Math.random() * 1e9)}`;

  await phase.apply(c);
  await runOps(ctx, model, input.first, `${tag}-1`);
  await phase.rollback(c);

  const diffs = model.diff(await readLegacyRows(c));
  if (diffs.length > 0) throw new PropertyFailure(`after the ${label} rollback, ${diffs.length} legacy value(s) differ from the model of every write`, { diffs: diffs.slice(0, 50) });
  const catalog = withoutKept(catalogDiff(catalogBefore, await catalogFingerprint(c)), phase.keeps);
  if (catalog.length > 0) throw new PropertyFailure(`after the ${label} rollback, the catalog differs from before ${label} (beyond what it declares it keeps)`, { catalog });
  await assertLegacyAppWorksAsBefore(c, appBefore, `the ${label} rollback`);

  await phase.apply(c);
  await runOps(ctx, model, input.second, `${tag}-2`);
  await phase.complete(c);
  const after = model.diff(await readLegacyRows(c));
  if (after.length > 0) throw new PropertyFailure(`after ${label} completed, ${after.length} legacy value(s) differ from the model`, { diffs: after.slice(0, 50) });
}

/** Drops from a catalog diff what the phase's rollback keeps on purpose (Phase.keeps). */
export function withoutKept(diff: CatalogDiff[], keeps: PhaseKeeps | undefined): CatalogDiff[] {
  const rest = withoutRelations(diff, keeps?.relations ?? []);
  return keeps?.validation ? withoutValidation(rest) : rest;
}

/** Drops from a catalog diff every line about the given relations (kept by a rollback on purpose). */
export function withoutRelations(diff: CatalogDiff[], relations: readonly string[]): CatalogDiff[] {
  const about = (line: string) => relations.some((r) => line.startsWith(`${r} `) || line.startsWith(`${r}.`) || line.includes(`public.${r} `));
  return diff
    .map((d) => ({ ...d, added: d.added.filter((l) => !about(l)), removed: d.removed.filter((l) => !about(l)) }))
    .filter((d) => d.added.length || d.removed.length);
}

/** Drops constraint lines that differ only in having been validated (a kept VALIDATE). */
export function withoutValidation(diff: CatalogDiff[]): CatalogDiff[] {
  return diff
    .map((d) => {
      if (d.kind !== 'constraints') return d;
      // pg_get_constraintdef ends a constraint that is not validated with NOT VALID
      const asValidated = (l: string) => l.replace(/( NOT VALID)? validated=f /, ' validated=t ');
      const validatedNow = new Set(d.removed.filter((l) => l.includes(' validated=f ')).map(asValidated));
      const added = d.added.filter((l) => !validatedNow.has(l));
      const removed = d.removed.filter((l) => !(l.includes(' validated=f ') && d.added.includes(asValidated(l))));
      return { ...d, added, removed };
    })
    .filter((d) => d.added.length || d.removed.length);
}
