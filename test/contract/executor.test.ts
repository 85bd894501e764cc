/**
 * The step executor itself, on real Postgres: steps in order and their downs in reverse, each
 * committed before onStep sees it; a lock timeout retried while another session holds the lock, and
 * reported (55P03) once the retries are spent; a failing step rolled back whole, naming the step and
 * keeping Postgres's code (the session's lock_timeout reset after it, as after success); CONCURRENTLY steps outside any transaction, an INVALID leftover of a failed
 * build dropped before the next.
 */
import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { runSteps } from '../../src/contract/executor.ts';
import { MigrationError } from '../../src/contract/migration-error.ts';
import type { Step } from '../../src/contract/step.ts';
import { attachPostgres } from '../../src/db/attach-postgres.ts';
import { connect } from '../../src/db/connect.ts';
import type { StartedPostgres } from '../../src/db/types.ts';

const logged = (name: string): Step => ({
  name,
  why: 'test',
  up: `INSERT INTO public.hv_test_log (what) VALUES ('up ${name}')`,
  down: `INSERT INTO public.hv_test_log (what) VALUES ('down ${name}')`,
});

describe('runSteps', () => {
  let server: StartedPostgres;
  let uri: string;
  let db: pg.Client;
  let other: pg.Client;
  beforeAll(async () => {
    server = await attachPostgres(inject('pgAdminUri'));
    uri = (await server.createDatabase('executor')).uri;
    [db, other] = [await connect(uri), await connect(uri)];
  });
  afterAll(async () => {
    await db?.end();
    await other?.end();
    await server?.close();
  });
  beforeEach(async () => {
    await db.query('DROP TABLE IF EXISTS public.hv_test_log, public.hv_test_t; CREATE TABLE public.hv_test_log (n serial, what text)');
  });
  const log = async () => (await other.query<{ what: string }>('SELECT what FROM public.hv_test_log ORDER BY n')).rows.map((r) => r.what);

  it('runs the ups in order and the downs in reverse, skipping a step with no down; onStep sees each step committed', async () => {
    const steps = [logged('a'), { ...logged('b'), down: undefined }, logged('c')];
    const seen: string[][] = [];
    const up = await runSteps(db, steps, 'up', { onStep: async () => void seen.push(await log()) });
    expect(up.map((r) => [r.name, r.direction, r.attempts])).toEqual([['a', 'up', 1], ['b', 'up', 1], ['c', 'up', 1]]);
    expect(seen).toEqual([['up a'], ['up a', 'up b'], ['up a', 'up b', 'up c']]);
    const down = await runSteps(db, steps, 'down');
    expect(down.map((r) => r.name)).toEqual(['c', 'a']);
    expect(await log()).toEqual(['up a', 'up b', 'up c', 'down c', 'down a']);
  });

  it('a failing step is rolled back whole and stops the run: MigrationError naming the step, with the SQLSTATE', async () => {
    const bad: Step = { name: 'bad', why: 'test', up: `INSERT INTO public.hv_test_log (what) VALUES ('half'); SELECT 1 / 0` };
    const err = await runSteps(db, [logged('a'), bad, logged('c')], 'up').then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect(err).toMatchObject({ step: 'bad', code: '22012', message: expect.stringMatching(/^step bad \(up\) failed: division by zero/) });
    expect(await log()).toEqual(['up a']);
    expect(db.getTransactionStatus()).toBe('I');
  });

  it('retries a step that hit lock_timeout while another session holds the lock, and reports 55P03 once the retries are spent', async () => {
    await db.query('CREATE TABLE public.hv_test_t (x int)');
    const alter: Step = { name: 'alter', why: 'test', up: 'ALTER TABLE public.hv_test_t ADD COLUMN IF NOT EXISTS y int' };
    await other.query('BEGIN; LOCK TABLE public.hv_test_t IN ACCESS SHARE MODE');
    expect((await db.query<{ lock_timeout: string }>('SHOW lock_timeout')).rows[0]!.lock_timeout).toBe('0');
    const released = new Promise((r) => setTimeout(r, 150)).then(() => other.query('COMMIT'));
    const [result] = await runSteps(db, [alter], 'up', { lockTimeoutMs: 20, lockRetries: 20 });
    await released;
    expect(result!.attempts).toBeGreaterThan(1);

    await other.query('BEGIN; LOCK TABLE public.hv_test_t IN ACCESS SHARE MODE');
    try {
      const err = await runSteps(db, [{ ...alter, up: 'ALTER TABLE public.hv_test_t ADD COLUMN IF NOT EXISTS z int' }], 'up', { lockTimeoutMs: 20, lockRetries: 2 }).then(() => undefined, (e: unknown) => e);
      expect(err).toMatchObject({ step: 'alter', code: '55P03' });
    } finally {
      await other.query('COMMIT');
    }
    const { rows } = await db.query<{ lock_timeout: string }>('SHOW lock_timeout');
    expect(rows[0]!.lock_timeout).toBe('0'); // reset after a failed run too
  });

  it('runs a non-transactional step outside any transaction; inside one, CONCURRENTLY fails (25001)', async () => {
    await db.query('CREATE TABLE public.hv_test_t (x int)');
    const index: Step = { name: 'index', why: 'test', up: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS hv_test_i ON public.hv_test_t (x)', down: 'DROP INDEX CONCURRENTLY IF EXISTS public.hv_test_i' };
    await expect(runSteps(db, [{ ...index, transactional: true }], 'up')).rejects.toMatchObject({ step: 'index', code: '25001' });
    await runSteps(db, [{ ...index, transactional: false }], 'up');
    expect((await db.query(`SELECT to_regclass('public.hv_test_i') AS i`)).rows[0].i).toBe('hv_test_i');
    await runSteps(db, [{ ...index, transactional: false }], 'down');
    expect((await db.query(`SELECT to_regclass('public.hv_test_i') AS i`)).rows[0].i).toBeNull();
  });

  it('drops the INVALID leftover of a failed CONCURRENTLY build before building again (IF NOT EXISTS would keep it)', async () => {
    await db.query('CREATE TABLE public.hv_test_t (x int); INSERT INTO public.hv_test_t VALUES (1), (1)');
    const unique: Step = { name: 'unique', why: 'test', up: 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS hv_test_u ON public.hv_test_t (x)', transactional: false, concurrentIndex: 'hv_test_u' };
    await expect(runSteps(db, [unique], 'up')).rejects.toMatchObject({ code: '23505' });
    const valid = async () => (await db.query<{ v: boolean }>(`SELECT indisvalid AS v FROM pg_index WHERE indexrelid = 'public.hv_test_u'::regclass`)).rows[0]!.v;
    expect(await valid()).toBe(false);
    await db.query('DELETE FROM public.hv_test_t WHERE ctid = (SELECT min(ctid) FROM public.hv_test_t)');
    await runSteps(db, [unique], 'up');
    expect(await valid()).toBe(true);
  });
});
