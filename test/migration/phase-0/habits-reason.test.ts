/**
 * The backfill's habits rules in SQL (hv_habits_reasons: one pass, statuses by position, a fast path
 * for stored statuses) against the TypeScript oracle (rowReasons) on adversarial habits arrays: the
 * first reason, or none, must agree — through the scalar and through the batch's inlined row rules.
 */
import type pg from 'pg';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachPostgres } from '../../../src/db/attach-postgres.ts';
import { connect } from '../../../src/db/connect.ts';
import type { StartedPostgres } from '../../../src/db/types.ts';
import { rowReasons } from '../../../src/check/canonical.ts';
import { ourMigration } from '../../../src/migration/implementation.ts';

const USER = '11111111-2222-4333-8444-555555555555';

const status = fc.oneof(
  fc.constantFrom('green', 'yellow', 'red', 'none', 'GREEN', 'Yellow', 'nOnE', 'blue', '', ' green', 'green ', 'İ', 'gréen', 'RED\n'),
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.constantFrom([], ['green'], {}, { green: 1 }),
  fc.string({ maxLength: 6 }),
);
const times = fc.oneof(
  { weight: 6, arbitrary: fc.array(status, { maxLength: 9 }) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom('green', 'yellow', 'red', 'none', null), { minLength: 7, maxLength: 7 }) },
  fc.constantFrom(null, 'green', 3, {}, undefined),
);
const stringStatus = fc.constantFrom('green', 'yellow', 'red', 'none', 'GREEN', 'Yellow', 'nOnE', 'blue', '', ' green', 'İ', 'gréen', null);
const habit = fc.oneof(
  { weight: 6, arbitrary: fc.record({ name: fc.string({ maxLength: 5 }), times: fc.array(stringStatus, { maxLength: 7 }) }) },
  { weight: 6, arbitrary: fc.record({ name: fc.oneof(fc.string({ maxLength: 5 }), fc.constant(null), fc.integer()), times }, { requiredKeys: ['name'] }) },
  { weight: 1, arbitrary: fc.record({ name: fc.string({ maxLength: 5 }), times, note: fc.constantFrom('x', null, 1) }) },
  { weight: 1, arbitrary: fc.record({ times }) },
  fc.constantFrom('habit', 1, null, [], [{ name: 'a' }]),
);
const habitsArrays = fc.array(fc.array(habit, { maxLength: 5 }), { minLength: 600, maxLength: 600 });

describe('hv_habits_reasons agrees with the TypeScript rules', () => {
  let server: StartedPostgres;
  let client: pg.Client;

  beforeAll(async () => {
    server = await attachPostgres(inject('pgAdminUri'));
    client = await connect((await server.createDatabase('habits_reason')).uri);
    await ourMigration.phases['phase-0'].apply(client);
  });
  afterAll(async () => {
    await client?.end();
    await server?.close();
  });

  it('first reason (or none) on adversarial habits arrays, as a scalar and inlined in the row rules', async () => {
    const [batch] = fc.sample(habitsArrays, { seed: 16, numRuns: 1 }) as [unknown[][]];
    const json = batch.map((h) => JSON.parse(JSON.stringify(h)) as unknown[]);
    const { rows } = await client.query<{ scalar: string | null; inlined: string | null }>(
      `SELECT public.hv_habits_reason(x.h) AS scalar, (SELECT y.reason FROM public.hv_habits_reasons(x.h) AS y) AS inlined
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(h, i) ORDER BY x.i`,
      [JSON.stringify(json)],
    );
    const expected = json.map(
      (habits) =>
        rowReasons(
          { id: 1, user_id: USER, child_name: 'a', week_period: null, week_start_date: '2025-10-13', theme: null, habits, reflection: null, reward: null, created_at: '2025-10-13T00:00:00Z', updated_at: '2025-10-13T00:00:00Z' },
          new Set([USER]),
        )[0] ?? null,
    );
    expect(rows.map((r) => r.scalar)).toEqual(expected);
    expect(rows.map((r) => r.inlined)).toEqual(expected);
    // the sample reaches every habits rule and the fast path
    for (const reason of ['habit_not_object', 'habit_name_invalid', 'habit_unknown_keys', 'times_not_array', 'times_too_long', 'status_not_string', 'status_unknown', null]) {
      expect(expected, String(reason)).toContain(reason);
    }
  });
});
