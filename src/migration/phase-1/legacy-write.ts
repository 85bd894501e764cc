/**
 * The plpgsql around every legacy statement of the dual-write API: hv.dual_write is on for that
 * statement only (transaction-local, and switched off right after), so the backup trigger does not
 * re-derive what the API writes to the new schema itself — and a later raw write in the same
 * transaction is still synced. An error in the legacy statement fails the whole request.
 */
export function legacyWrite(statement: string): string {
  return `PERFORM set_config('hv.dual_write', 'on', true);
    ${statement};
    PERFORM set_config('hv.dual_write', 'off', true);`;
}
