/**
 * `--impl plan-v2` loads the plan's port and it passes the shape check; its Phase 0 fails on real
 * Postgres as the plan's script does (25001) and leaves the session usable. Past Phase 0 — on the
 * plan's tables created one statement at a time, which the plan does not do — the port behaves as the
 * plan's code: the backfill migrates nothing, the backup trigger refuses every legacy insert, the Edge
 * Function knows two actions and is gone after Phase 1's rollback.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { implementationOf, shapeProblems } from '../../src/cli/implementation-from-flags.ts';
import { attachPostgres } from '../../src/db/attach-postgres.ts';
import { connect } from '../../src/db/connect.ts';
import type { StartedPostgres } from '../../src/db/types.ts';
import { MigrationError } from '../../src/contract/migration-error.ts';
import { planV2 } from '../../src/plan-v2/implementation.ts';
import { SHADOW_SCHEMA_SQL } from '../../src/plan-v2/plan-sql.ts';
import { EdgeFunctionError } from '../../src/plan-v2/edge-function-error.ts';

const USER = '0f0f0f0f-0000-4000-8000-0000000000a1';

describe('plan-v2', () => {
  let server: StartedPostgres;
  let db: pg.Client;
  beforeAll(async () => {
    server = await attachPostgres(inject('pgAdminUri'));
    db = await connect((await server.createDatabase('plan_v2')).uri);
  });
  afterAll(async () => {
    await db?.end();
    await server?.close();
  });

  it('--impl plan-v2 loads the built-in port, which passes the shape check', async () => {
    const { impl, replayFlags } = await implementationOf('plan-v2', undefined);
    expect(impl.name).toBe('plan-v2');
    expect(shapeProblems(impl)).toEqual([]);
    expect(replayFlags).toBe(' --impl plan-v2');
  });

  it("Phase 0 fails as the plan's script does: CREATE INDEX CONCURRENTLY inside its BEGIN (25001); nothing created, the session usable", async () => {
    const err = await planV2.phases['phase-0'].apply(db).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect(err).toMatchObject({ step: 'shadow-schema', code: '25001' });
    expect(db.getTransactionStatus()).toBe('I');
    expect((await db.query(`SELECT to_regclass('public.children') AS t`)).rows[0].t).toBeNull();
  });

  it("past Phase 0: the backfill migrates nothing, the trigger refuses legacy inserts, the Edge Function knows two actions", async () => {
    // the plan's script one statement at a time, without its BEGIN … COMMIT (not what the plan does)
    const statements = SHADOW_SCHEMA_SQL.replace(/^(BEGIN|COMMIT);$/gm, '').split(/;\s*$/m).map((s) => s.replace(/^\s*--.*$/gm, '').trim());
    for (const s of statements.filter(Boolean)) await db.query(s);
    await db.query(`INSERT INTO auth.users (id, email) VALUES ($1, 'p@example.com')`, [USER]);
    await db.query(`INSERT INTO habit_tracker (user_id, child_name, week_start_date, habits) VALUES ($1, '하준', '2025-10-13', '[{"name": "양치", "times": ["green"]}]')`, [USER]);

    // children.upsert(…, { onConflict: 'name' }) has no unique constraint to use (42P10): no child, no week
    expect(await planV2.backfill.run(db)).toMatchObject({ rows: 1, migrated: 0, quarantined: 0, done: true });
    expect((await db.query('SELECT (SELECT count(*) FROM children) + (SELECT count(*) FROM weeks) AS n')).rows[0].n).toBe('0');
    expect(await planV2.observe.legacyView(db)).toEqual([]);

    await planV2.phases['phase-1'].apply(db);
    // ON CONFLICT (child_id, week_start_date) on the DEFERRABLE unique_child_week
    await expect(db.query(`INSERT INTO habit_tracker (user_id, child_name, week_start_date) VALUES ($1, '서연', '2025-10-13')`, [USER])).rejects.toMatchObject({ code: '55000' });
    await expect(planV2.dualWrite.call(db, 'k1', 'addHabit', { legacyId: 1, name: 'x' })).rejects.toThrow(/answered 500: Unknown action: add_habit/);
    await expect(planV2.dualWrite.call(db, 'k2', 'setTheme', { legacyId: 1, theme: null })).rejects.toBeInstanceOf(EdgeFunctionError);
    expect((await db.query('SELECT count(*)::int AS n FROM idempotency_log')).rows[0].n).toBe(0);

    await planV2.phases['phase-1'].rollback(db);
    await expect(planV2.dualWrite.call(db, 'k3', 'createWeek', { userId: USER, childName: '하준', weekStartDate: '2025-10-20' })).rejects.toMatchObject({ status: 404 });
  });
});
