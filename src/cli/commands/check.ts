import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { loadDump } from '../../db/load-dump.ts';
import { ignoredNote } from './load.ts';
import { connect } from '../../db/connect.ts';
import { implementationOf } from '../implementation-from-flags.ts';
import { checkDatabase, checkPassed, quarantineSection, type CheckFailure, type CheckResult } from '../../check/check-database.ts';
import { runIdOf } from '../run-id.ts';
import { readLegacyRows } from '../../check/read-state.ts';
import type { LegacyDataset } from '../../generate/dataset.ts';
import type { PropertyResult, RunReport } from '../../runner/result.ts';
import { saveRegression } from '../../report/regression-store.ts';
import { writeRunReport } from '../../report/write-run-report.ts';
import { PROJECT_ROOT } from '../../db/project-paths.ts';
import { EXIT } from '../exit-codes.ts';
import { intFlag } from '../parse.ts';
import { pgChoiceOf, startFromFlags } from '../pg-from-flags.ts';
import { bar, progressLines } from '../progress.ts';
import { UsageError } from '../usage-error.ts';
import { REGRESSIONS_DIR } from './gate.ts';

export interface CheckFlags {
  impl?: string;
  pg?: string;
  pgVersion?: string;
  batchSize?: string;
  saveDrift?: string;
  json?: boolean;
  reportDir?: string;
}

/**
 * `habit-verify check <dump>`: backfill a real (sanitised) dump and run round trip, accounting,
 * constraint validation and drift. Exit 0 when every migrated row round-trips and every row is
 * accounted for; 1 otherwise. `--save-drift <id>` turns that legacy row into a regression fixture
 * of phase-0/round-trip, replayed on every later run.
 */
export async function checkCommand(dump: string, flags: CheckFlags, config: Config): Promise<number> {
  const batchSize = intFlag('--batch-size', flags.batchSize, 1);
  const saveId = intFlag('--save-drift', flags.saveDrift, 1);
  const choice = pgChoiceOf(flags, config);
  const { impl } = await implementationOf(flags.impl, undefined);
  const startedAt = new Date();
  const pg = await startFromFlags(choice, config);
  let result: CheckResult;
  let fixture: string | undefined;
  let ignoredUserColumns: string[] = [];
  let loadMs = 0;
  try {
    const db = await pg.createDatabase('check');
    const client = await connect(db.uri);
    try {
      const loadStarted = performance.now();
      const loaded = await loadDump(client, dump);
      loadMs = Math.round(performance.now() - loadStarted);
      ignoredUserColumns = loaded.ignoredUserColumns;
      result = await checkDatabase(client, impl, { ...(batchSize ? { batchSize } : {}), onBatch: backfillProgress(loaded.legacyRows) });
      if (saveId !== undefined) fixture = await saveRowAsFixture(client, saveId, result);
    } finally {
      await client.end();
    }
  } finally {
    await pg.close();
  }
  const passed = checkPassed(result);
  const report = reportOf(result, dump, `${choice.provider} (PostgreSQL ${pg.serverVersion})`, startedAt);
  const written = await writeRunReport(report, { reportsRoot: flags.reportDir ?? join(PROJECT_ROOT, 'reports') });
  const { details, backfill, ...summary } = result;
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ...summary, stageMs: { load: loadMs, ...summary.stageMs }, passed, reportDir: written.dir, ignoredUserColumns, ...(fixture ? { fixture } : {}), drift: details.drift.slice(0, 100) }, null, 2)}\n`);
  } else {
    const reasons = Object.entries(result.quarantineReasons).map(([r, n]) => `${r} ${n}`).join(', ') || 'none';
    process.stdout.write(
      [
        `${dump}: ${result.legacyRows} legacy row(s) → ${result.migratedRows} migrated, ${result.quarantinedRows} quarantined (${reasons})`,
        result.failure
          ? `  ${impl.name}: ${failureLine(result.failure)} — nothing after it was checked`
          : `  round trip: ${result.roundTripMismatches} mismatch(es); accounting: ${result.accountingProblems} problem(s); constraints: ${result.constraintsValidated ? 'all validate' : 'some fail to validate'}; drift: ${result.driftRows} row(s)`,
        `  backfill: ${backfill.batches} batch(es), ${backfill.roundTrips} round trip(s), ${backfill.ms.toFixed(0)} ms`,
        ignoredNote(ignoredUserColumns).trimEnd(),
        ...details.drift.slice(0, 20).map((d) => `  drift #${d.legacy_id} ${d.field}: ${d.legacy ?? '∅'} → ${d.new ?? '∅'} (${d.kind})`),
        ...details.diffs.slice(0, 20).map((d) => `  mismatch #${d.legacy_id} ${d.field}: ${JSON.stringify(d.expected)} → ${JSON.stringify(d.actual)}`),
        fixture ? `  legacy row ${saveId} saved as regression fixture ${fixture}` : '',
        `${passed ? 'PASS' : 'FAIL'} — report: ${join(written.dir, 'index.html')}`,
      ].filter(Boolean).join('\n') + '\n',
    );
  }
  return passed ? EXIT.ok : EXIT.failed;
}

/** What the implementation failed to do, and its answer: `Phase 0's apply failed: step s (up) failed: … (SQLSTATE 25001)`. */
function failureLine(f: CheckFailure): string {
  return `${f.what} failed: ${f.message}${f.code ? ` (SQLSTATE ${f.code})` : ''}`;
}

/** A redrawn progress bar on a TTY (stderr); progress lines for a parent that asked (HV_PROGRESS); nothing otherwise. */
function backfillProgress(total: number): ((b: { rows: number }) => void) | undefined {
  let done = 0;
  const lines = progressLines('backfill', total);
  if (lines) return (b) => lines((done += b.rows));
  if (!process.stderr.isTTY) return undefined;
  return (b) => {
    done += b.rows;
    process.stderr.write(`\r\x1b[2Kbackfill ${bar(done, total, 30)} rows${done >= total ? '\n' : ''}`);
  };
}

/** The legacy row (and its owner) as a one-row dataset fixture guarding phase-0/round-trip. */
async function saveRowAsFixture(client: import('pg').Client, id: number, result: CheckResult): Promise<string> {
  const rows = await readLegacyRows(client, `id = ${Number(id)}`);
  if (rows.length === 0) throw new UsageError(`--save-drift ${id}: no legacy row with that id in the dump`);
  const { rows: users } = await client.query<{ id: string; email: string | null }>('SELECT id::text, email FROM auth.users WHERE id = $1', [rows[0]!.user_id]);
  const dataset: LegacyDataset = { users: users.map((u) => ({ id: u.id, email: u.email ?? '' })), rows };
  const drift = result.details.drift.filter((d) => d.legacy_id === id);
  const fake: PropertyResult = {
    property: 'phase-0/round-trip',
    gate: 'phase-0',
    tags: ['phase-0'],
    description: 'saved from habit-verify check',
    verdict: 'failed',
    seed: 0,
    runs: 0,
    shrinks: 0,
    regressionsReplayed: 0,
    durationMs: 0,
    counterexample: dataset,
    failure: { message: drift.length ? `drift in a real dump: ${drift.map((d) => d.field).join(', ')}` : 'row saved from a real dump' },
  };
  return saveRegression(REGRESSIONS_DIR, fake, `from-dump-row-${id}`, PROJECT_ROOT);
}

function reportOf(r: CheckResult, dump: string, provider: string, startedAt: Date): RunReport {
  const passed = checkPassed(r);
  return {
    runId: runIdOf(startedAt, 'check'),
    command: `habit-verify check ${dump}`,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    seed: 0,
    provider,
    gates: ['check'],
    results: [
      {
        property: 'check/fixed-data',
        gate: 'check',
        tags: ['phase-0'],
        description: `Round trip, accounting, constraint validation and drift on ${dump}`,
        verdict: passed ? 'passed' : 'failed',
        seed: 0,
        runs: r.legacyRows,
        shrinks: 0,
        regressionsReplayed: 0,
        durationMs: Math.round(r.backfill.ms),
        ...(passed ? {} : { failure: { message: r.failure ? failureLine(r.failure) : `${r.roundTripMismatches} round-trip mismatch(es), ${r.accountingProblems} accounting problem(s), ${r.driftRows} drift row(s)`, details: { diffs: r.details.diffs, problems: r.details.problems } } }),
      },
    ],
    quarantine: quarantineSection(r),
    drift: r.details.drift,
  };
}
