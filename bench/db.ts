// npm run bench:db — not a test. Measures, in one run:
//   1. cold start of the embedded provider: empty cache (initdb) vs cached cluster (copy + start);
//   2. per-case isolation, N cases over 10 tables holding a few rows each:
//      one TRUNCATE … RESTART IDENTITY CASCADE (resetDatabase) vs CREATE DATABASE … TEMPLATE + DROP
//      (both strategies), plus DELETE + setval for comparison.
// Prints milliseconds and ratios; writes reports/bench-db.json.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { connect } from '../src/db/connect.ts';
import { PROJECT_ROOT } from '../src/db/project-paths.ts';
import { withDatabase } from '../src/db/redact-uri.ts';
import { resetDatabase } from '../src/db/reset.ts';
import { startPostgres } from '../src/db/start-postgres.ts';
import type { StartTimings } from '../src/db/types.ts';

const CASES = 50;
const CACHED_STARTS = 5;
const EXTRA_TABLES = 8; // + habit_tracker and auth.users = 10 tables
const ROWS_PER_TABLE = 5;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const round = (x: number): number => Math.round(x * 100) / 100;

async function coldStart(): Promise<{ empty: StartTimings; cached: StartTimings[] }> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'hv-bench-cache-'));
  try {
    const first = await startPostgres({ provider: 'embedded', cacheDir });
    const empty = first.timings!;
    await first.close();
    const cached: StartTimings[] = [];
    for (let i = 0; i < CACHED_STARTS; i++) {
      const pg = await startPostgres({ provider: 'embedded', cacheDir });
      cached.push(pg.timings!);
      await pg.close();
    }
    return { empty, cached };
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

async function addTables(client: pg.Client): Promise<void> {
  for (let t = 0; t < EXTRA_TABLES; t++) {
    await client.query(
      `CREATE TABLE public.bench_${t} (id bigserial PRIMARY KEY, owner uuid, label text NOT NULL, day date, payload jsonb)`,
    );
  }
}

async function fill(client: pg.Client): Promise<void> {
  const uid = '11111111-2222-4333-8444-555555555555';
  const statements = [
    `INSERT INTO auth.users (id, email) VALUES ('${uid}', 'bench@example.com')`,
    `INSERT INTO habit_tracker (user_id, child_name, week_start_date)
       SELECT '${uid}', 'child ' || g, DATE '2025-10-13' + g * 7 FROM generate_series(1, ${ROWS_PER_TABLE}) g`,
    ...Array.from(
      { length: EXTRA_TABLES },
      (_, t) => `INSERT INTO bench_${t} (owner, label, day, payload)
                   SELECT '${uid}', 'row ' || g, DATE '2025-01-01' + g, jsonb_build_object('g', g) FROM generate_series(1, ${ROWS_PER_TABLE}) g`,
    ),
  ];
  await client.query(statements.join(';\n'));
}

async function isolation(): Promise<Record<string, { perCaseMs: number[]; totalMs: number }>> {
  await using server = await startPostgres({ provider: 'embedded' });
  const db = await server.createDatabase('bench_truncate');
  const client = await connect(db.uri);
  await addTables(client);

  // A: one database, TRUNCATE between cases (time the reset only).
  const truncate: number[] = [];
  await resetDatabase(client, { refresh: true }); // reads the table list once, as a run does
  for (let i = 0; i < CASES; i++) {
    await fill(client);
    const t = performance.now();
    await resetDatabase(client);
    truncate.push(performance.now() - t);
  }

  // A': for comparison only — DELETE + setval (no new relfilenodes, unlike TRUNCATE / RESTART).
  const { rows: rels } = await client.query<{ t: string; s: string | null }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS t,
            (SELECT pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname)
               FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                AND pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) IS NOT NULL LIMIT 1) AS s
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ('public', 'auth') AND c.relkind = 'r'`,
  );
  const deleteAll = [
    ...rels.map((r) => `DELETE FROM ${r.t}`),
    ...rels.filter((r) => r.s !== null).map((r) => `SELECT setval('${r.s}', 1, false)`),
  ].join(';\n');
  const del: number[] = [];
  for (let i = 0; i < CASES; i++) {
    await fill(client);
    const t = performance.now();
    await client.query(deleteAll);
    del.push(performance.now() - t);
  }
  await client.end();

  // B: a database per case cloned from a template that has the same 10 tables (time create +
  // connect + disconnect + drop; the case's own inserts are not timed, as in A).
  const tmplDb = await server.createDatabase('bench_tmpl');
  const tc = await connect(tmplDb.uri);
  await addTables(tc);
  await tc.end();
  const admin = await connect(server.adminUri);
  const template = tmplDb.name;
  const perStrategy: Record<string, number[]> = {};
  for (const strategy of ['WAL_LOG', 'FILE_COPY'] as const) {
    const times: number[] = [];
    for (let i = 0; i < CASES; i++) {
      const name = `hv_bench_case_${randomBytes(6).toString('hex')}`;
      let t = performance.now();
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY ${strategy}`);
      const c = await connect(withDatabase(server.adminUri, name));
      let elapsed = performance.now() - t;
      await fill(c);
      t = performance.now();
      await c.end();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      elapsed += performance.now() - t;
      times.push(elapsed);
    }
    perStrategy[strategy] = times;
  }
  await admin.end();
  await tmplDb.drop();
  await db.drop();

  const out: Record<string, { perCaseMs: number[]; totalMs: number }> = {
    truncate: { perCaseMs: truncate, totalMs: sum(truncate) },
    delete_setval: { perCaseMs: del, totalMs: sum(del) },
  };
  for (const [k, v] of Object.entries(perStrategy)) out[`template_${k.toLowerCase()}`] = { perCaseMs: v, totalMs: sum(v) };
  return out;
}

const started = new Date().toISOString();
const cold = await coldStart();
const iso = await isolation();

const cachedReady = median(cold.cached.map((t) => t.readyMs));
const report = {
  started,
  machine: { cpus: cpus().length, node: process.version, tmpdir: tmpdir() },
  coldStart: {
    emptyCache: {
      readyMs: round(cold.empty.readyMs),
      initdbMs: round(cold.empty.initdbMs ?? 0),
      copyMs: round(cold.empty.copyMs ?? 0),
      startMs: round(cold.empty.startMs ?? 0),
    },
    cachedCluster: {
      starts: CACHED_STARTS,
      medianReadyMs: round(cachedReady),
      medianCopyMs: round(median(cold.cached.map((t) => t.copyMs ?? 0))),
      medianStartMs: round(median(cold.cached.map((t) => t.startMs ?? 0))),
      readyMs: cold.cached.map((t) => round(t.readyMs)),
    },
    ratioEmptyOverCached: round(cold.empty.readyMs / cachedReady),
  },
  isolation: {
    cases: CASES,
    tables: EXTRA_TABLES + 2,
    rowsPerTable: ROWS_PER_TABLE,
    methods: Object.fromEntries(
      Object.entries(iso).map(([k, v]) => [k, { totalMs: round(v.totalMs), medianPerCaseMs: round(median(v.perCaseMs)) }]),
    ),
    ratioOverTruncate: Object.fromEntries(
      Object.entries(iso)
        .filter(([k]) => k !== 'truncate')
        .map(([k, v]) => [k, round(v.totalMs / iso.truncate!.totalMs)]),
    ),
  },
};

const line = (label: string, value: string) => console.log(`${label.padEnd(44)} ${value}`);
console.log(`bench:db (${report.machine.cpus} cpus, ${report.machine.node}, tmpdir ${report.machine.tmpdir})`);
line('cold start, empty cache (initdb) ready', `${report.coldStart.emptyCache.readyMs} ms (initdb ${report.coldStart.emptyCache.initdbMs} ms)`);
line(`cold start, cached cluster ready (median of ${CACHED_STARTS})`, `${report.coldStart.cachedCluster.medianReadyMs} ms (copy ${report.coldStart.cachedCluster.medianCopyMs} ms, start ${report.coldStart.cachedCluster.medianStartMs} ms)`);
line('  ratio empty / cached', `${report.coldStart.ratioEmptyOverCached}x`);
for (const [k, v] of Object.entries(report.isolation.methods)) {
  line(`isolation ${k}, ${CASES} cases`, `${v.totalMs} ms total, ${v.medianPerCaseMs} ms median per case`);
}
for (const [k, v] of Object.entries(report.isolation.ratioOverTruncate)) line(`  ratio ${k} / truncate`, `${v}x`);

const out = join(PROJECT_ROOT, 'reports', 'bench-db.json');
await mkdir(join(PROJECT_ROOT, 'reports'), { recursive: true });
await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${out}`);
