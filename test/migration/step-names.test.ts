/**
 * The names the TypeScript side relies on (a trigger it checks for, a setting it sets, a lock it takes,
 * the operations it sends) are the names the step SQL files use: the files write them out, so a rename
 * on one side only would pass the typecheck and break at run time.
 */
import { describe, expect, it } from 'vitest';
import type { Step } from '../../src/contract/step.ts';
import { DUAL_WRITE_OPS } from '../../src/contract/dual-write.ts';
import { ourMigration } from '../../src/migration/implementation.ts';
import { JOB } from '../../src/migration/phase-0/backfill.ts';
import { NEW_TABLES } from '../../src/migration/phase-0/steps.ts';
import { SYNC_TRIGGER } from '../../src/migration/phase-1/steps.ts';
import { BOOKKEEPING_PATTERN, PHASE0_NOT_VALID_CONSTRAINTS, RLS_TABLES, policyName } from '../../src/migration/phase-2/steps.ts';
import * as p3 from '../../src/migration/phase-3/names.ts';

const stepOf = (id: keyof typeof ourMigration.phases, name: string): Step => {
  const phase = ourMigration.phases[id];
  const s = [...phase.steps, ...phase.completeSteps].find((x) => x.name === name);
  if (!s) throw new Error(`${id} has no step ${name}`);
  return s;
};
const phase0Sql = ourMigration.phases['phase-0'].steps.map((s) => s.up).join('\n');

describe('phase 0', () => {
  it('creates every table of NEW_TABLES, and every constraint Phase 2 validates NOT VALID', () => {
    for (const t of NEW_TABLES) expect(phase0Sql).toContain(`CREATE TABLE IF NOT EXISTS public.${t} (`);
    for (const [table, name] of PHASE0_NOT_VALID_CONSTRAINTS) {
      expect(phase0Sql).toMatch(new RegExp(`ALTER TABLE public\\.${table} ADD CONSTRAINT ${name}\\b[^;]*NOT VALID;`));
    }
  });
  it("the batch function's default job is the backfill's JOB", () => {
    expect(stepOf('phase-0', 'create-backfill-functions').up).toContain(`hv_backfill_batch(p_batch_size integer, p_job text DEFAULT '${JOB}')`);
  });
});

describe('phase 1', () => {
  it('the trigger phase-1 checks for is the one the step creates and drops', () => {
    const s = stepOf('phase-1', 'create-sync-trigger');
    expect(s.up).toContain(`CREATE TRIGGER ${SYNC_TRIGGER}\n`);
    expect(s.down).toContain(`DROP TRIGGER IF EXISTS ${SYNC_TRIGGER} ON public.habit_tracker;`);
  });
  it('hv_dual_write accepts exactly the operations of the contract', () => {
    expect(stepOf('phase-1', 'create-dual-write-dispatcher').up).toContain(`p_op NOT IN (${DUAL_WRITE_OPS.map((o) => `'${o}'`).join(', ')})`);
  });
});

describe('phase 2', () => {
  it('one policy per RLS table, named by policyName; the bookkeeping pattern as the privileges step writes it', () => {
    for (const t of RLS_TABLES) expect(stepOf('phase-2', `rls-policy-${t.replace(/_/g, '-')}`).up).toContain(`CREATE POLICY ${policyName(t)} ON public.${t} `);
    expect(stepOf('phase-2', 'rls-privileges').up).toContain(`c.relname ~ '${BOOKKEEPING_PATTERN}'`);
  });
});

describe('phase 3', () => {
  it('the retirement log, its lock, the sync flag, the sequence, the tables and the grace setting', () => {
    const record = stepOf('phase-3', 'record-retirement').up;
    expect(record).toContain(`pg_advisory_xact_lock(${p3.WRITE_PATH_LOCK[0]}, ${p3.WRITE_PATH_LOCK[1]})`);
    expect(record).toContain(`CREATE TABLE IF NOT EXISTS public.${p3.RETIREMENT_TABLE} (`);
    const functions = stepOf('phase-3', 'create-retirement-functions').up;
    expect(functions).toContain(`nextval('${p3.LEGACY_ID_SEQUENCE}')`);
    expect(functions).toContain(`set_config('${p3.REVERSE_SYNC_GUC}', 'on', true)`);
    expect(functions).toContain(`INSERT INTO public.${p3.LEGACY_TABLE} AS h`);
    expect(p3.READ_ONLY_SQLSTATE).toBe('25006');
    expect(functions).toContain(`ERRCODE = 'read_only_sql_transaction'`);
    const sw = stepOf('phase-3', 'switch-writes-to-new').up;
    for (const t of p3.SYNCED_TABLES) expect(sw).toMatch(new RegExp(`TRIGGER hv_p3_sync_\\w+ AFTER \\w+ ON public\\.${t}\\b`));
    expect(stepOf('phase-3', 'rename-legacy').up).toContain(`ALTER TABLE IF EXISTS public.${p3.LEGACY_TABLE} RENAME TO ${p3.RETIRED_TABLE};`);
    const drop = stepOf('phase-3', 'drop-legacy').up;
    expect(drop).toContain(`current_setting('${p3.GRACE_SETTING}', true)`);
    expect(drop).toContain(`, ${p3.DEFAULT_GRACE_DAYS * 86400});`);
    expect(drop).toContain(`ERRCODE = 'object_not_in_prerequisite_state'`); // GRACE_NOT_OVER_SQLSTATE 55000
    expect(p3.GRACE_NOT_OVER_SQLSTATE).toBe('55000');
    expect(drop).toContain(`DROP TABLE public.${p3.RETIRED_TABLE} RESTRICT;`);
    expect(stepOf('phase-3', 'analyze-new-tables').up).toBe(`ANALYZE ${p3.NEW_SCHEMA_TABLES.map((t) => `public.${t}`).join(', ')};`);
  });
});
