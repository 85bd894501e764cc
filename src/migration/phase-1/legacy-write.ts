import { type MigrationOptions, variant } from '../migration-options.ts';

/**
 * The plpgsql around every legacy statement of the dual-write API: hv.dual_write is on for that
 * statement only (transaction-local, and switched off right after), so the backup trigger does not
 * re-derive what the API writes to the new schema itself — and a later raw write in the same
 * transaction is still synced. An error in the legacy statement fails the whole request.
 */
export function legacyWrite(opts: MigrationOptions | undefined, statement: string): string {
  const flag = variant(
    opts,
    'trigger-double-apply',
    // broken: the plan marks rows source_version = 'dual_write' but its trigger never reads it
    'off',
    'on',
  );
  const body = variant(
    opts,
    'legacy-write-failure-ignored',
    // broken: the plan's createWeekDualWrite — if (oldError) console.error(...); // 계속 진행
    `BEGIN
      ${statement};
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'old schema write failed: % (SQLSTATE %)', SQLERRM, SQLSTATE;
    END;`,
    `${statement};`,
  );
  return `PERFORM set_config('hv.dual_write', '${flag}', true);
    ${body}
    PERFORM set_config('hv.dual_write', 'off', true);`;
}
