/**
 * The plain export runs as it says: its files applied with psql, folder by folder as its README's loop
 * does (in name order, --single-transaction unless the header says `transaction: none`), leave the same
 * catalog — and, after the exported backfill script, the same data — as the implementation's own phases
 * on a twin database, at every stage: apply of each phase, Phase 3's rename, each rollback, and Phase 3's
 * complete (forced through the session setting the drop step reads, as an operator would with PGOPTIONS).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { catalogDiff, catalogFingerprint } from '../../src/check/catalog-fingerprint.ts';
import { fingerprint } from '../../src/check/fingerprint.ts';
import { attachPostgres } from '../../src/db/attach-postgres.ts';
import { connect } from '../../src/db/connect.ts';
import { loadDataset } from '../../src/db/load-dataset.ts';
import type { StartedPostgres } from '../../src/db/types.ts';
import { exportMigration } from '../../src/export/export-migration.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { ourMigration } from '../../src/migration/implementation.ts';
import { GRACE_SETTING } from '../../src/migration/phase-3/names.ts';

const run = promisify(execFile);
const phases = ourMigration.phases;

let server: StartedPostgres;
let viaImpl: pg.Client;
let viaFiles: { uri: string; client: pg.Client };
let dir: string;

/** The README's loop: every file of a folder in name order, each in its own psql session. */
async function runFolder(folder: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const files = (await readdir(path.join(dir, folder))).filter((f) => f.endsWith('.sql')).sort();
  expect(files.length, folder).toBeGreaterThan(0);
  for (const f of files) {
    const file = path.join(dir, folder, f);
    const outside = (await readFile(file, 'utf8')).includes('\n-- transaction: none');
    await psql(file, outside ? [] : ['--single-transaction'], env);
  }
}

async function psql(file: string, flags: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...flags, '-f', file, viaFiles.uri], { env: { ...process.env, ...env } }).catch((err: { stderr?: string }) => {
    throw new Error(`psql -f ${path.relative(dir, file)} failed: ${err.stderr ?? String(err)}`);
  });
}

async function expectSameCatalog(when: string): Promise<void> {
  const diff = catalogDiff(await catalogFingerprint(viaImpl), await catalogFingerprint(viaFiles.client));
  expect(diff, `catalog after ${when}`).toEqual([]);
}

async function expectSameData(when: string, q: Readonly<Record<string, string>> = ourMigration.observe.contentQueries): Promise<void> {
  expect(await fingerprint(viaFiles.client, q), `data after ${when}`).toEqual(await fingerprint(viaImpl, q));
}

beforeAll(async () => {
  server = await attachPostgres(inject('pgAdminUri'));
  viaImpl = await connect((await server.createDatabase('export_impl')).uri);
  const uri = (await server.createDatabase('export_files')).uri;
  viaFiles = { uri, client: await connect(uri) };
  const [dataset] = fc.sample(legacyDatasetArbitrary({ mode: 'mixed', minRows: 12, maxRows: 12 }), { seed: 14, numRuns: 1 }) as [LegacyDataset];
  await loadDataset(viaImpl, dataset);
  await loadDataset(viaFiles.client, dataset);
  dir = await mkdtemp(path.join(os.tmpdir(), 'hv-export-'));
  for (const f of exportMigration(ourMigration, { format: 'plain' })) {
    await mkdir(path.dirname(path.join(dir, f.path)), { recursive: true });
    await writeFile(path.join(dir, f.path), f.content);
  }
});
afterAll(async () => {
  await viaImpl?.end();
  await viaFiles?.client.end();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// The two cases run in order on the same pair of databases: the second starts where the first's rollbacks left them.
describe('plain export, applied with psql, against the implementation', () => {
  async function forwardToPhase2(): Promise<void> {
    await phases['phase-0'].apply(viaImpl);
    await runFolder('phase-0/1-apply');
    await expectSameCatalog('phase-0 apply');
    await ourMigration.backfill.run(viaImpl);
    await psql(path.join(dir, 'phase-0/2-backfill/backfill.sql'), []);
    await expectSameData('the backfill');
    await phases['phase-0'].complete(viaFiles.client); // the exported backfill reached the end
    for (const id of ['phase-1', 'phase-2'] as const) {
      await phases[id].apply(viaImpl);
      await runFolder(`${id}/1-apply`);
      await expectSameCatalog(`${id} apply`);
    }
    await expectSameData('phase-2 apply');
  }

  it('apply 0–3, rename, then every rollback in reverse: the same catalog at every stage', async () => {
    await forwardToPhase2();
    await phases['phase-3'].apply(viaImpl);
    await runFolder('phase-3/1-apply');
    await expectSameCatalog('phase-3 apply');
    await phases['phase-3'].rename(viaImpl);
    await runFolder('phase-3/2-rename');
    await expectSameCatalog('phase-3 rename');
    for (const id of ['phase-3', 'phase-2', 'phase-1', 'phase-0'] as const) {
      await phases[id].rollback(viaImpl);
      await runFolder(`${id}/rollback`);
      await expectSameCatalog(`${id} rollback`);
    }
    await expectSameData('every rollback', { habit_tracker: 'SELECT * FROM public.habit_tracker' });
  });

  it('again up to Phase 3, then its complete (the drop, forced): the same catalog and data', async () => {
    await forwardToPhase2();
    await phases['phase-3'].apply(viaImpl);
    await runFolder('phase-3/1-apply');
    // the drop step refuses inside the grace period, from the files as from complete(): forced here
    await expect(psql(path.join(dir, 'phase-3/3-complete/002_drop-legacy.up.sql'), ['--single-transaction'])).rejects.toThrow(/grace period/);
    await phases['phase-3'].complete(viaImpl, { force: true });
    await runFolder('phase-3/3-complete', { PGOPTIONS: `-c ${GRACE_SETTING}=0` });
    await expectSameCatalog('phase-3 complete');
    await expectSameData('phase-3 complete');
  });
});
