/**
 * Phase 0's backfill as a psql script: not DDL but a loop of batches, each committed on its own (a crash
 * loses at most the batch in flight; running the script again resumes), around the implementation's
 * one-batch query (Backfill.batchSql). A DO block may COMMIT only when psql runs it outside a
 * transaction block — so never with --single-transaction, and never as a Supabase migration (the CLI runs
 * each migration file in one transaction).
 */
export function backfillFile(implementation: string, batchSql: string): string {
  return `-- ${implementation}: phase-0, the backfill (after Phase 0's apply, before Phase 1)
-- Not a migration file: run it with psql outside any transaction, and wait for it to finish:
--   psql "$DATABASE_URL" -X -v ON_ERROR_STOP=1 -f backfill.sql
-- One batch per transaction; interrupted, run it again: it resumes where the last committed batch ended.
-- Each batch is the implementation's own query (backfill.batchSql), repeated until its row says done.
DO $$
DECLARE
  batch record;
BEGIN
  LOOP
    SELECT * INTO batch FROM (${batchSql}) AS b;
    EXIT WHEN batch.done;
    COMMIT;
  END LOOP;
END
$$;
`;
}
