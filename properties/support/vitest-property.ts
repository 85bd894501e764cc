/**
 * Runs a property inside vitest: attaches to the run's shared server (globalSetup), replays the saved
 * regressions first, saves a new counterexample as a fixture, prints the replay line, and fails the
 * test with the failure message. Seed: HV_SEED, else a fixed default so `npm test` is deterministic
 * (the gate CLI draws a fresh seed instead).
 */
import { inject } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnyProperty } from '../../src/runner/property.ts';
import type { PropertyResult } from '../../src/runner/result.ts';
import { findDefect } from '../../src/defects/index.ts';
import { ourMigration } from '../../src/migration/implementation.ts';
import type { MigrationImplementation } from '../../src/contract/implementation.ts';
import { runProperty } from '../../src/runner/run-property.ts';
import { attachPostgres, startPostgres } from '../../src/db/start-postgres.ts';
import { loadConfig } from '../../src/config.ts';
import { isSavable, loadRegressions, propertySlug, saveRegression } from '../../src/report/regression-store.ts';
import { PROJECT_ROOT } from '../../src/db/project-paths.ts';
import { guardsOf } from '../../src/cli/guards.ts';

export const DEFAULT_TEST_SEED = 20251011;
/** Crash tests SIGKILL the postmaster: commits must reach the WAL before they return. */
const CRASH_SAFE = { synchronous_commit: 'on' };
const REGRESSIONS = join(PROJECT_ROOT, 'fixtures', 'regressions');

export interface VitestRunOptions {
  defect?: string;
  /** Another implementation than ours (a probe of the harness); no saved regressions then. */
  impl?: MigrationImplementation;
  /** Stop starting cases, and shrinking, after this long. */
  timeBudgetMs?: number;
  runs?: number;
  seed?: number;
}

/** Runs one property against the shared server and returns its result (never throws for a failure). */
export async function runForVitest(def: AnyProperty, opts: VitestRunOptions = {}): Promise<PropertyResult> {
  const config = loadConfig();
  const grants = config.supabaseGrants ? { supabaseGrants: config.supabaseGrants } : {};
  const pg = await attachPostgres(inject('pgAdminUri'), 'url', grants);
  try {
    const impl = opts.defect ? findDefect(opts.defect)!.apply(opts.impl ?? ourMigration) : (opts.impl ?? ourMigration);
    const result = await runProperty(def, {
      pg,
      impl,
      seed: opts.seed ?? config.seed ?? DEFAULT_TEST_SEED,
      ...((opts.runs ?? config.runs) ? { runs: opts.runs ?? config.runs! } : {}),
      defect: opts.defect,
      regressions: opts.defect || opts.impl ? [] : await loadRegressions(REGRESSIONS, def.name, PROJECT_ROOT),
      ...(opts.timeBudgetMs ? { timeBudgetMs: opts.timeBudgetMs } : {}),
      ...(config.pg === 'embedded' ? { ownServer: () => startPostgres({ provider: 'embedded', ...(config.pgVersion ? { version: config.pgVersion } : {}), ...grants, settings: CRASH_SAFE }) } : {}),
    });
    await recordResult(result);
    return result;
  } finally {
    await pg.close();
  }
}

/** The property must pass: on failure, save the counterexample and fail with the replay line. */
export async function assertProperty(def: AnyProperty): Promise<void> {
  const r = await runForVitest(def);
  if (r.verdict === 'passed' || r.verdict === 'skipped') return;
  if (isSavable(r)) r.regressionFile = await saveRegression(REGRESSIONS, r, guardsOf(r), PROJECT_ROOT);
  const lines = [
    `${def.name} ${r.verdict}: ${r.failure?.message ?? r.note ?? ''}`,
    r.replayCommand ? `replay: ${r.replayCommand}` : '',
    r.regressionFile ? `counterexample saved to ${r.regressionFile}` : '',
    r.failure?.details ? `details: ${JSON.stringify(r.failure.details).slice(0, 4000)}` : '',
  ].filter(Boolean);
  console.error(lines.join('\n'));
  throw new Error(lines.join('\n'));
}

/** One JSON file per property under reports/vitest/ (the results file reports read). */
async function recordResult(r: PropertyResult): Promise<void> {
  const dir = join(PROJECT_ROOT, 'reports', 'vitest');
  await mkdir(dir, { recursive: true });
  const impl = !r.impl || r.impl === ourMigration.name ? '' : `--impl-${r.impl}`;
  await writeFile(join(dir, `${propertySlug(r.property)}${impl}${r.defect ? `--defect-${r.defect}` : ''}.json`), `${JSON.stringify(r, null, 2)}\n`);
}
