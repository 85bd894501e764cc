/**
 * Phase 2 must not break the legacy write path. A sync trigger on habit_tracker that runs as the
 * writer (SECURITY INVOKER) makes a signed-in parent's legacy write sync under RLS and without the
 * bookkeeping: validate refuses it. A SECURITY DEFINER one keeps working under Phase 2.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachPostgres } from '../../../src/db/attach-postgres.ts';
import { connect } from '../../../src/db/connect.ts';
import { withClaims } from '../../../src/db/as-user.ts';
import type { StartedPostgres } from '../../../src/db/types.ts';
import { phase0 } from '../../../src/migration/phase-0/phase-0.ts';
import { runBackfill } from '../../../src/migration/phase-0/backfill.ts';
import { phase2, invokerTriggers } from '../../../src/migration/phase-2/index.ts';

const USER = '0f0f0f0f-0000-4000-8000-000000000001';

/** A stand-in for Phase 1's backup sync: re-derives the row through the backfill's own function. */
const syncTrigger = (definer: boolean) => `
  CREATE OR REPLACE FUNCTION public.hv_test_sync() RETURNS trigger LANGUAGE plpgsql
  ${definer ? "SECURITY DEFINER SET search_path = ''" : ''} AS $$
  BEGIN
    PERFORM public.hv_migrate_range(NEW.id - 1, NEW.id);
    RETURN NULL;
  END $$;
  DROP TRIGGER IF EXISTS hv_test_sync ON public.habit_tracker;
  CREATE TRIGGER hv_test_sync AFTER INSERT ON public.habit_tracker FOR EACH ROW EXECUTE FUNCTION public.hv_test_sync();`;

describe('phase-2 and the legacy write path', () => {
  let server: StartedPostgres;
  let client: pg.Client;
  beforeAll(async () => {
    server = await attachPostgres(inject('pgAdminUri'));
    client = await connect((await server.createDatabase('phase2_writers')).uri);
    await phase0.apply(client);
    await client.query(`INSERT INTO auth.users (id, email) VALUES ($1, 'p@example.com')`, [USER]);
    await runBackfill(client);
  });
  afterAll(async () => {
    await client?.end();
    await server?.close();
  });

  const legacyInsert = (week: string) =>
    withClaims(client, { sub: USER, role: 'authenticated' }, 'authenticated', (c) =>
      c.query(`INSERT INTO public.habit_tracker (user_id, child_name, week_start_date, habits, reflection)
               VALUES ($1, '하준', $2, '[{"name": "양치", "times": ["green"]}]', '{}')`, [USER, week]),
    );

  it('validate refuses an invoker sync trigger, naming it and the way out', async () => {
    await client.query(syncTrigger(false));
    expect(await invokerTriggers(client)).toEqual(['trigger hv_test_sync (function hv_test_sync())']);
    await expect(phase2.validate(client)).rejects.toThrow(/hv_test_sync.*SECURITY DEFINER.*legacyWritersBypassRls/s);
    await expect(phase2.validate(client, { legacyWritersBypassRls: true })).resolves.toBeUndefined();
  });

  it('with a definer sync trigger, a signed-in parent still writes the legacy table under Phase 2, and the week reaches the new schema', async () => {
    await client.query(syncTrigger(true));
    expect(await invokerTriggers(client)).toEqual([]);
    await phase2.apply(client);
    await legacyInsert('2025-10-13');
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM public.weeks w JOIN public.children c ON c.id = w.child_id
                                          WHERE c.user_id = $1 AND w.week_start_date = '2025-10-13'`, [USER]);
    expect(rows[0].n).toBe(1);
    const q = await client.query('SELECT count(*)::int AS n FROM public.migration_quarantine');
    expect(q.rows[0].n).toBe(0);
  });

  it('the same trigger as invoker fails that write under Phase 2 (what validate prevents)', async () => {
    await client.query(syncTrigger(false));
    await expect(legacyInsert('2025-10-20')).rejects.toMatchObject({ code: '42501' });
  });
});
