import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachPostgres } from '../../../src/db/attach-postgres.ts';
import { connect } from '../../../src/db/connect.ts';
import type { StartedPostgres } from '../../../src/db/types.ts';
import { phase0 } from '../../../src/migration/phase-0/phase-0.ts';
import { MISMATCH_LOG_STEP, experiment } from '../../../src/migration/phase-2/index.ts';
import { runSteps } from '../../../src/contract/executor.ts';

describe('experiment (compare mode)', () => {
  let server: StartedPostgres;
  let client: pg.Client;
  const opts = { operation: 'read_week', key: { legacyId: 1 } };
  const logged = async () => (await client.query('SELECT kind, error FROM public.read_mismatches ORDER BY id')).rows;

  beforeAll(async () => {
    server = await attachPostgres(inject('pgAdminUri'));
    client = await connect((await server.createDatabase('phase2_experiment')).uri);
    await phase0.apply(client);
    await runSteps(client, [MISMATCH_LOG_STEP], 'up');
  });
  afterAll(async () => {
    await client?.end();
    await server?.close();
  });

  it('a control error propagates and the candidate does not run', async () => {
    let ran = false;
    const boom = new Error('legacy read failed');
    await expect(experiment(client, async () => { throw boom; }, async () => { ran = true; return 1; }, opts)).rejects.toBe(boom);
    expect(ran).toBe(false);
  });

  it('autocommit: a failing candidate is recorded with its SQLSTATE and the control is served', async () => {
    await client.query('TRUNCATE public.read_mismatches');
    const r = await experiment(client, async () => 'legacy', async () => (await client.query('SELECT 1 / 0')).rows[0], opts);
    expect(r.value).toBe('legacy');
    expect(r.mismatch).toMatchObject({ kind: 'error', error: { code: '22012' }, recorded: true });
    expect(await logged()).toEqual([{ kind: 'error', error: { message: 'division by zero', code: '22012' } }]);
  });

  it('equal values record nothing', async () => {
    await client.query('TRUNCATE public.read_mismatches');
    const r = await experiment(client, async () => ({ a: 1, b: [2] }), async () => ({ b: [2], a: 1 }), opts);
    expect(r.mismatch).toBeUndefined();
    expect(await logged()).toEqual([]);
  });

  it('in a transaction, a recorder that fails leaves the read served and the transaction usable', async () => {
    await client.query('DROP FUNCTION public.hv_record_read_mismatch(text, jsonb, text, jsonb, jsonb, jsonb)');
    await client.query('BEGIN');
    try {
      const r = await experiment(client, async () => 'legacy', async () => (await client.query('SELECT 1 / 0')).rows[0], opts);
      expect(r).toMatchObject({ value: 'legacy', mismatch: { kind: 'error', recorded: false } });
      expect((await client.query('SELECT 42 AS still_usable')).rows[0].still_usable).toBe(42);
    } finally {
      await client.query('ROLLBACK');
      await runSteps(client, [MISMATCH_LOG_STEP], 'up');
    }
  });
});
