/**
 * `--impl <name|path>` and `--defect <id>`: the implementation under test. A name picks a built-in
 * one; a path loads a module exporting an implementation of the contract (src/contract) as `default`
 * or `implementation`. A defect is then applied to it (src/defects).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MigrationImplementation } from '../contract/implementation.ts';
import { PHASE_IDS } from '../contract/phase.ts';
import { findDefect } from '../defects/index.ts';
import { UsageError } from './usage-error.ts';

/** The implementation the harness checks unless told otherwise. */
export const DEFAULT_IMPL = 'habit-verify';

const BUILT_IN: Record<string, () => Promise<MigrationImplementation>> = {
  'habit-verify': async () => (await import('../migration/implementation.ts')).ourMigration,
  'plan-v2': async () => (await import('../plan-v2/implementation.ts')).planV2,
};

export const BUILT_IN_IMPLS = Object.keys(BUILT_IN);

export interface ImplementationUnderTest {
  impl: MigrationImplementation;
  /** The flags a replay line needs to pick the same implementation (empty for the default). */
  replayFlags: string;
}

export async function implementationOf(flag: string | undefined, defect: string | undefined): Promise<ImplementationUnderTest> {
  const name = flag ?? DEFAULT_IMPL;
  const base = BUILT_IN[name] ? await BUILT_IN[name]() : await loadModule(name);
  if (defect === undefined) return { impl: base, replayFlags: name === DEFAULT_IMPL ? '' : ` --impl ${name}` };
  const d = findDefect(defect);
  if (!d) throw new UsageError(`unknown defect ${JSON.stringify(defect)}: \`habit-verify defects\` lists them`);
  let impl: MigrationImplementation;
  try {
    impl = d.apply(base);
  } catch (err) {
    throw new UsageError(`--defect ${defect} cannot be applied to ${base.name}: ${(err as Error).message}`);
  }
  return { impl, replayFlags: name === DEFAULT_IMPL ? '' : ` --impl ${name}` };
}

async function loadModule(path: string): Promise<MigrationImplementation> {
  const file = resolve(path);
  if (!existsSync(file)) {
    throw new UsageError(`--impl ${JSON.stringify(path)}: neither a built-in implementation (${BUILT_IN_IMPLS.join(', ')}) nor a file; give a module exporting an implementation (README: "Bring your own implementation")`);
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    throw new UsageError(`--impl ${path}: the module does not load: ${(err as Error).message}`);
  }
  const impl = (mod.default ?? mod.implementation) as MigrationImplementation | undefined;
  const missing = shapeProblems(impl);
  if (missing.length > 0) throw new UsageError(`--impl ${path}: not an implementation of the contract (src/contract/implementation.ts): ${missing.join('; ')}`);
  return impl!;
}

/** What a value lacks to be an implementation (empty when it has everything the harness calls). */
export function shapeProblems(impl: unknown): string[] {
  if (typeof impl !== 'object' || impl === null) return ['export it as `default` or `implementation`'];
  const i = impl as Partial<MigrationImplementation>;
  const problems: string[] = [];
  if (typeof i.name !== 'string') problems.push('no name');
  for (const id of PHASE_IDS) {
    const p = i.phases?.[id] as unknown as Record<string, unknown> | undefined;
    for (const m of ['validate', 'apply', 'complete', 'rollback', 'with']) if (typeof p?.[m] !== 'function') problems.push(`phases['${id}'].${m} is missing`);
  }
  if (typeof (i.phases?.['phase-3'] as { rename?: unknown } | undefined)?.rename !== 'function') problems.push("phases['phase-3'].rename is missing");
  if (typeof i.backfill?.run !== 'function') problems.push('backfill.run is missing');
  if (typeof i.dualWrite?.call !== 'function') problems.push('dualWrite.call is missing');
  for (const m of ['routesToNew', 'week', 'list'] as const) if (typeof i.reads?.[m] !== 'function') problems.push(`reads.${m} is missing`);
  for (const m of ['legacyView', 'quarantine', 'warnings', 'drift', 'writePath', 'retirement'] as const) if (typeof i.observe?.[m] !== 'function') problems.push(`observe.${m} is missing`);
  return problems;
}
