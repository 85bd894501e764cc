/**
 * Issue 15: one bad row must not send its batch to quarantine. Two valid legacy rows in one batch, a
 * fault on weeks for legacy id 1 only: row 1 is quarantined as unexpected_error with the fault's
 * SQLSTATE, row 2 migrates; a rerun without the fault migrates row 1. (Before the fix, the per-row
 * fallback itself failed with 42702 `column reference "migrated" is ambiguous` and both rows went to
 * quarantine.)
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachPostgres } from '../../../src/db/attach-postgres.ts';
import { connect } from '../../../src/db/connect.ts';
import { loadDataset } from '../../../src/db/load-dataset.ts';
import type { StartedPostgres } from '../../../src/db/types.ts';
import { ourMigration } from '../../../src/migration/implementation.ts';
import { installInsertFault, removeInsertFault } from '../../../properties/support/insert-fault.ts';

const OWNER = '11111111-1111-4111-8111-111111111111';
const row = (id: number, child: string) => ({
  id,
  user_id: OWNER,
  child_name: child,
  week_period: '2025년 10월 13일 ~ 2025년 10월 19일',
  week_start_date: '2025-10-13',
  theme: null,
  habits: [{ name: '양치하기', times: ['green', null, 'red'] }],
  reflection: {},
  reward: null,
  created_at: '2025-10-13T00:00:00.000Z',
  updated_at: '2025-10-13T00:00:00.000Z',
});

describe('the backfill fallback (issue 15)', () => {
  let server: StartedPostgres;
  let client: pg.Client;

  beforeAll(async () => {
    server = await attachPostgres(inject('pgAdminUri'));
    client = await connect((await server.createDatabase('backfill_fallback')).uri);
    await loadDataset(client, { users: [{ id: OWNER, email: 'a@example.com' }], rows: [row(1, '서연'), row(2, '민준')] });
    await ourMigration.phases['phase-0'].apply(client);
  });
  afterAll(async () => {
    await client?.end();
    await server?.close();
  });

  it('quarantines the failing row alone, with its SQLSTATE and original row, and a rerun retries it', async () => {
    await installInsertFault(client, { table: 'weeks', legacyIds: [1], sqlstate: 'P0001' });
    const first = await ourMigration.backfill.run(client).finally(() => removeInsertFault(client));
    expect({ migrated: first.migrated, quarantined: first.quarantined }).toEqual({ migrated: 1, quarantined: 1 });
    const quarantine = await ourMigration.observe.quarantine(client);
    expect(quarantine.map((q) => [q.legacy_id, q.reason, q.detail?.sqlstate, q.original.child_name])).toEqual([[1, 'unexpected_error', 'P0001', '서연']]);
    expect((await ourMigration.observe.legacyView(client)).map((r) => r.id)).toEqual([2]);

    const rerun = await ourMigration.backfill.run(client, { restart: true });
    expect({ migrated: rerun.migrated, quarantined: rerun.quarantined }).toEqual({ migrated: 1, quarantined: 0 });
    expect(await ourMigration.observe.quarantine(client)).toEqual([]);
    expect((await ourMigration.observe.legacyView(client)).map((r) => r.id)).toEqual([1, 2]);
  });
});
