import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import type { PropertyResult } from '../runner/result.ts';
import type { SavedRegression } from '../runner/regression.ts';

const FAST_CHECK_VERSION: string = (createRequire(import.meta.url)('fast-check/package.json') as { version: string }).version;

/** `phase-0/round-trip` → `phase-0--round-trip`: the fixture name prefix of a property. */
/** Fixtures without an `impl` field were found on habit-verify's own implementation. */
const OWN_IMPL = 'habit-verify';

export const propertySlug = (property: string) => property.replace(/\//g, '--');

/**
 * Saved counterexamples of a property found on `impl` (files `fixtures/regressions/<slug>--*.json`),
 * oldest name first.
 * An unreadable fixture is an error naming the file: a regression that silently stops guarding is worse.
 */
export async function loadRegressions(dir: string, property: string, root: string, impl = OWN_IMPL): Promise<SavedRegression[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const prefix = `${propertySlug(property)}--`;
  const out: SavedRegression[] = [];
  for (const name of names.filter((n) => n.startsWith(prefix) && n.endsWith('.json')).sort()) {
    const file = join(dir, name);
    const data = JSON.parse(await readFile(file, 'utf8')) as Omit<SavedRegression, 'file'>;
    if ((data.impl ?? OWN_IMPL) === impl) out.push({ ...data, file: relative(root, file) });
  }
  return out;
}

/**
 * Whether a result's counterexample becomes a regression fixture: only a FAIL on data (a random case
 * that shrank to a counterexample) — never an ERROR (the harness or the infrastructure failed, the
 * input is innocent), a FAIL without data (a phase that cannot be set up), a failure on a saved
 * fixture (already saved), or a deliberately broken variant's (kept in its report only).
 */
export function isSavable(result: PropertyResult): boolean {
  return result.verdict === 'failed' && result.counterexample !== undefined && !result.failedOnRegression && result.defect === undefined;
}

/**
 * Saves a failed result's shrunk counterexample as `<slug>--<what it guards>-<hash>.json` and returns
 * its path. The same counterexample saved twice lands in the same file.
 */
export async function saveRegression(dir: string, result: PropertyResult, guards: string, root: string): Promise<string> {
  const body = {
    property: result.property,
    seed: result.seed,
    ...(result.path ? { path: result.path } : {}),
    ...(result.defect ? { defect: result.defect } : {}),
    ...(result.impl && result.impl !== OWN_IMPL ? { impl: result.impl } : {}),
    fastCheckVersion: FAST_CHECK_VERSION,
    failure: result.failure?.message ?? '',
    input: result.counterexample ?? null,
  };
  const json = `${JSON.stringify(body, null, 2)}\n`;
  const hash = createHash('sha256').update(JSON.stringify(body.input)).digest('hex').slice(0, 10);
  const what = guards.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'counterexample';
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${propertySlug(result.property)}--${what}-${hash}.json`);
  await writeFile(file, json);
  return relative(root, file);
}
