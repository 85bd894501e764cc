import { describe, expect, inject, test } from 'vitest';
import { attachPostgres } from '../../src/db/start-postgres.ts';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './support.ts';

describe('habit-verify exit codes', () => {
  test('usage errors exit 2 with a message naming the flag', async () => {
    const r = await cli(['gate', 'phase-9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown gate "phase-9"/);
    const r2 = await cli(['gate', 'phase-0', '--runs', 'many']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--runs "many"/);
    const r3 = await cli(['gate', 'phase-0', '--defect', 'no-such-defect']);
    expect(r3.code).toBe(2);
    const r4 = await cli(['frobnicate']);
    expect(r4.code).toBe(2);
  });

  test('no Postgres reachable exits 3, names host:port, never the password', async () => {
    const r = await cli(['gate', 'phase-0', '--pg', 'url'], { DATABASE_URL: 'postgres://hv:s3cret-pw@127.0.0.1:1/x' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/127\.0\.0\.1:1/);
    expect(r.stderr + r.stdout).not.toContain('s3cret-pw');
  });

  test('no container runtime exits 3 with a one-line hint to use embedded', async () => {
    const r = await cli(['gate', 'phase-0', '--pg', 'testcontainers'], { DOCKER_HOST: 'unix:///nonexistent.sock' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/embedded/);
  });

  test('load rejects a malformed dump with exit 2, naming file and line, and loads a generated one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hv-cli-'));
    try {
      const bad = join(dir, 'bad.sql');
      await writeFile(bad, "INSERT INTO habit_tracker (child_name, week_start_date) VALUES ('a', '2025-10-13');\nINSERT INTO habit_tracker (child_name, week_start_date) VALUES ('b', 'not a date');\n");
      const r = await cli(['load', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('bad.sql: line 2');
      for (const [name, text] of [['empty.sql', '-- only a comment\n'], ['empty.json', '']] as const) {
        await writeFile(join(dir, name), text);
        const empty = await cli(['check', join(dir, name), '--report-dir', join(dir, 'reports')]);
        expect(empty.code, name).toBe(2);
        expect(empty.stderr).toMatch(new RegExp(`${name.replace('.', '\\.')}: file: empty: .*\n  what to do: .*pg_dump --data-only`));
      }
      const gen = await cli(['generate', '--seed', '3', '--rows', '12', '--mode', 'adversarial', '--format', 'sql']);
      expect(gen.code).toBe(0);
      const good = join(dir, 'good.sql');
      await writeFile(good, gen.stdout);
      const ok = await cli(['load', good, '--json']);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ legacyRows: 12 });
      const json = await cli(['generate', '--seed', '3', '--rows', '12', '--mode', 'adversarial', '--format', 'json']);
      const goodJson = join(dir, 'good.json');
      await writeFile(goodJson, json.stdout);
      const check = await cli(['check', goodJson, '--json', '--report-dir', join(dir, 'reports')]);
      expect(check.code).toBe(0);
      const out = JSON.parse(check.stdout);
      expect(out.legacyRows).toBe(12);
      expect(out.migratedRows + out.quarantinedRows).toBe(12);
      expect(out).toMatchObject({ roundTripMismatches: 0, driftRows: 0, constraintsValidated: true });
      // each part's wall time, for the bench's rehearsal
      expect(Object.keys(out.stageMs)).toEqual(['load', 'phase0', 'backfill', 'roundTrip', 'constraints', 'drift']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('--pg-version', () => {
  test('against a --pg url server of another major: exit 2, naming both majors, before any work', async () => {
    const uri = inject('pgAdminUri');
    const server = await attachPostgres(uri);
    await server.close();
    const other = server.serverVersion === 15 ? 16 : 15;
    const r = await cli(['load', 'no-such-dump.sql', '--pg', 'url', '--pg-version', String(other)], { DATABASE_URL: uri });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--pg-version ${other} asked for PostgreSQL ${other}, but the server at 127.0.0.1:`);
    expect(r.stderr).toContain(`runs PostgreSQL ${server.serverVersion}`);
    expect(r.stderr + r.stdout).not.toContain(new URL(uri).password);
  });

  test('an unknown major is a usage error', async () => {
    const r = await cli(['gate', 'phase-0', '--pg-version', '14']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--pg-version "14": expected one of 15, 16, 17, 18/);
  });
});

describe('safety on a shared server', () => {
  test('destructive gates against --pg url need --allow-destructive (exit 2 before connecting)', async () => {
    const r = await cli(['gate', 'rollback', '--pg', 'url'], { DATABASE_URL: 'postgres://hv:pw@127.0.0.1:1/x' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--allow-destructive');
  });
});
