/**
 * The dual-write API's contract, case by case: malformed or impossible requests are typed rejections
 * that write nothing (not even the key), a key reused for another request is refused, and Phase 1 goes
 * start → rollback → start → complete (pgroll's cycle) with the trigger Phase 2 accepts.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachPostgres } from '../../../src/db/attach-postgres.ts';
import { connect } from '../../../src/db/connect.ts';
import { withClaims } from '../../../src/db/as-user.ts';
import type { StartedPostgres } from '../../../src/db/types.ts';
import { phase0 } from '../../../src/migration/phase-0/phase-0.ts';
import { runBackfill } from '../../../src/migration/phase-0/backfill.ts';
import { phase1 } from '../../../src/migration/phase-1/phase-1.ts';
import { dualWrite } from '../../../src/migration/phase-1/dual-write-api.ts';
import type { DualWriteOp, DualWriteRequests } from '../../../src/contract/dual-write.ts';
import { DualWriteError, type DualWriteRejection } from '../../../src/contract/dual-write-error.ts';
import { invokerTriggers } from '../../../src/migration/phase-2/index.ts';
import { fingerprint } from '../../../src/check/fingerprint.ts';

const USER = '0f0f0f0f-0000-4000-8000-0000000000a1';
const HABITS = JSON.stringify([{ name: '양치', times: ['green'] }, { name: '숙제', times: [] }]);

describe('phase-1 dual-write API', () => {
  let server: StartedPostgres;
  let client: pg.Client;
  beforeAll(async () => {
    server = await attachPostgres(inject('pgAdminUri'));
    client = await connect((await server.createDatabase('phase1_api')).uri);
    await phase0.apply(client);
    await client.query(`INSERT INTO auth.users (id, email) VALUES ($1, 'p@example.com')`, [USER]);
    await client.query(
      `INSERT INTO public.habit_tracker (id, user_id, child_name, week_start_date, habits) VALUES
         (1, $1, '하준', '2025-10-13', $2), (2, $1, '하준', '2025-10-20', '[{"name": "x", "times": ["blue"]}]')`,
      [USER, HABITS],
    );
    await runBackfill(client);
  });
  afterAll(async () => {
    await client?.end();
    await server?.close();
  });

  it('refuses to start before the backfill is complete, then starts', async () => {
    await client.query(`UPDATE public.backfill_progress SET status = 'running'`);
    await expect(phase1.apply(client)).rejects.toThrow(/completed backfill/);
    await client.query(`UPDATE public.backfill_progress SET status = 'completed'`);
    await phase1.apply(client);
    await phase1.complete(client);
  });

  const rejections: Array<[string, DualWriteOp, Record<string, unknown>, DualWriteRejection]> = [
    ['a legacy id that is not a number', 'addHabit', { legacyId: 'one', name: 'x' }, 'invalid_request'],
    ['a week that does not exist', 'addHabit', { legacyId: 99, name: 'x' }, 'week_not_found'],
    ['a quarantined week', 'setTheme', { legacyId: 2, theme: 'x' }, 'week_quarantined'],
    ['a habit index past the end', 'removeHabit', { legacyId: 1, habitIndex: 2 }, 'habit_not_found'],
    ['an unknown status', 'setStatus', { legacyId: 1, habitIndex: 0, day: 0, status: 'blue' }, 'invalid_request'],
    ['an eighth day', 'setStatus', { legacyId: 1, habitIndex: 0, day: 7, status: 'red' }, 'invalid_request'],
    ['an order that is not a permutation', 'reorderHabits', { legacyId: 1, order: [0, 0] }, 'invalid_request'],
    ['a reflection that is not an object', 'setReflection', { legacyId: 1, reflection: [1] }, 'invalid_request'],
    ['a week that does not start on a Monday', 'createWeek', { userId: USER, childName: '하준', weekStartDate: '2025-10-15' }, 'invalid_request'],
    ['a date that is not a date', 'createWeek', { userId: USER, childName: '하준', weekStartDate: '2025-02-30' }, 'invalid_request'],
    ['an account that does not exist', 'createWeek', { userId: '0f0f0f0f-0000-4000-8000-00000000ffff', childName: '하준', weekStartDate: '2025-10-27' }, 'invalid_request'],
    ['a child name of 101 characters', 'createWeek', { userId: USER, childName: 'ㄱ'.repeat(101), weekStartDate: '2025-10-27' }, 'invalid_request'],
    ['a template child the new schema does not have', 'createTemplate', { userId: USER, name: 't', habits: [], childName: '없음' }, 'invalid_request'],
  ];
  it.each(rejections)('rejects %s, writing nothing', async (_what, op, request, code) => {
    const before = await fingerprint(client, STATE);
    const err = await dualWrite(client, `reject-${op}-${code}`, op, request as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DualWriteError);
    expect((err as DualWriteError).code).toBe(code);
    expect(await fingerprint(client, STATE)).toEqual(before);
  });

  it('answers a repeated key from the log and refuses it for another request', async () => {
    const req: DualWriteRequests['addHabit'] = { legacyId: 1, name: '독서' };
    const first = await dualWrite(client, 'same-key', 'addHabit', req);
    const again = await dualWrite(client, 'same-key', 'addHabit', req);
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ response: first.response, replayed: true });
    const err = await dualWrite(client, 'same-key', 'addHabit', { ...req, name: '운동' }).catch((e: unknown) => e);
    expect((err as DualWriteError).code).toBe('idempotency_key_reused');
    const { rows } = await client.query(`SELECT habits -> 2 ->> 'name' AS name, jsonb_array_length(habits) AS n FROM public.habit_tracker WHERE id = 1`);
    expect(rows[0]).toEqual({ name: '독서', n: 3 });
  });

  it('is callable by service_role only', async () => {
    const asRole = (role: string) =>
      withClaims(client, null, role as never, (c) => dualWrite(c, `as-${role}`, 'setTheme', { legacyId: 1, theme: role })).then(
        () => 'ok',
        (e: unknown) => (e as { code?: string }).code,
      );
    expect(await asRole('service_role')).toBe('ok');
    expect(await asRole('authenticated')).toBe('42501');
    expect(await asRole('anon')).toBe('42501');
  });

  it('start → rollback → start → complete, with a trigger Phase 2 accepts', async () => {
    expect(await invokerTriggers(client)).toEqual([]);
    await dualWrite(client, 'template', 'createTemplate', { userId: USER, name: '평일', habits: ['양치'] });
    const rolled = await phase1.rollback(client);
    expect(rolled.kept?.habit_templates).toBe(1);
    expect((await client.query(`SELECT to_regproc('public.hv_dual_write') AS f`)).rows[0].f).toBeNull();
    await client.query(`UPDATE public.habit_tracker SET theme = 'while rolled back' WHERE id = 1`);
    await expect(phase1.complete(client)).rejects.toThrow(/not installed/);
    await phase1.apply(client);
    await phase1.complete(client);
    expect((await client.query(`SELECT theme FROM public.weeks WHERE legacy_id = 1`)).rows[0].theme).toBe('while rolled back');
  });
});

const STATE = {
  habit_tracker: 'SELECT * FROM public.habit_tracker',
  weeks: 'SELECT * FROM public.weeks',
  habits: 'SELECT * FROM public.habits',
  habit_records: 'SELECT * FROM public.habit_records',
  habit_templates: 'SELECT * FROM public.habit_templates',
  idempotency_log: 'SELECT * FROM public.idempotency_log',
};
