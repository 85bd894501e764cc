/**
 * The defect catalogue: broken variants of an implementation, each reproducing one defect of the plan
 * as written (or a classic migration bug), each a transformation in a file of its own. Every property
 * of the harness must be shown to fail on at least one of them; `habit-verify mutants` runs the gates
 * against each and records which property kills it. Select one with `--defect <id>`.
 */
import type { Defect } from './defect.ts';
import { childIdentityByName } from './child-identity-by-name.ts';
import { nullOwnerZeroUuid } from './null-owner-zero-uuid.ts';
import { coerceUnknownStatus } from './coerce-unknown-status.ts';
import { recordsOnlyForPresentTimes } from './records-only-for-present-times.ts';
import { weekEndOffByOne } from './week-end-off-by-one.ts';
import { fkChecksOffForSpeed } from './fk-checks-off-for-speed.ts';
import { rerunReprocessesRows } from './rerun-reprocesses-rows.ts';
import { dedupeWithinBatchOnly } from './dedupe-within-batch-only.ts';
import { recordDateSessionTz } from './record-date-session-tz.ts';
import { progressBeforeBatch } from './progress-before-batch.ts';
import { driftHabitsOnly } from './drift-habits-only.ts';
import { driftCountAndSample } from './drift-count-and-sample.ts';
import { driftIgnoresReward } from './drift-ignores-reward.ts';
import { driftNullBlind } from './drift-null-blind.ts';
import { reconcileNeverRetriesErrors } from './reconcile-never-retries-errors.ts';
import { triggerQuarantinesErrors } from './trigger-quarantines-errors.ts';
import { reverseSyncSwallowsErrors } from './reverse-sync-swallows-errors.ts';
import { routerFlagIgnoresPercentage } from './router-flag-ignores-percentage.ts';
import { routerRandomPerRequest } from './router-random-per-request.ts';
import { routerPercentInclusive } from './router-percent-inclusive.ts';
import { rlsWithCheckTrue } from './rls-with-check-true.ts';
import { rlsParentTablesOnly } from './rls-parent-tables-only.ts';
import { rlsWeekChildUnchecked } from './rls-week-child-unchecked.ts';
import { legacyViewBypassesRls } from './legacy-view-bypasses-rls.ts';
import { readTimesByRecordOrder } from './read-times-by-record-order.ts';
import { compareCandidateNoSavepoint } from './compare-candidate-no-savepoint.ts';
import { validateByReadd } from './validate-by-readd.ts';
import { readOnlySetUnlogged } from './read-only-set-unlogged.ts';
import { phase0RollbackAsPlanned } from './phase0-rollback-as-planned.ts';
import { phase3RollbackNoReverseSync } from './phase3-rollback-no-reverse-sync.ts';
import { archiveFlagUpdate } from './archive-flag-update.ts';
import { dropWithoutGrace } from './drop-without-grace.ts';
import { dropCascade } from './drop-cascade.ts';
import { ddlWithoutLockTimeout } from './ddl-without-lock-timeout.ts';
import { idempotencyCheckThenLog } from './idempotency-check-then-log.ts';
import { legacyWriteFailureIgnored } from './legacy-write-failure-ignored.ts';
import { dualWriteTwoTransactions } from './dual-write-two-transactions.ts';
import { triggerInsertOnly } from './trigger-insert-only.ts';
import { triggerChildByName } from './trigger-child-by-name.ts';
import { triggerDoubleApply } from './trigger-double-apply.ts';
import { resyncEveryRow } from './resync-every-row.ts';
import { orderDuplicatesAccepted } from './order-duplicates-accepted.ts';
import { upsertOnDeferrableUnique } from './upsert-on-deferrable-unique.ts';
import { rollbackDropsNewOnlyData } from './rollback-drops-new-only-data.ts';
import { shadowTablesOpen } from './shadow-tables-open.ts';
import { internalFunctionsExecutable } from './internal-functions-executable.ts';
import { dualWriteImplicitGrant } from './dual-write-implicit-grant.ts';
import { grantsBeforeRls } from './grants-before-rls.ts';
import { definerSearchPathUnpinned } from './definer-search-path-unpinned.ts';
import { compareLogNotGranted } from './compare-log-not-granted.ts';
import { backfillNoRowFallback } from './backfill-no-row-fallback.ts';
import { unexpectedErrorNeverRetried } from './unexpected-error-never-retried.ts';
import { displayOrderOneBased } from './display-order-one-based.ts';
import { quarantineOriginalEmpty } from './quarantine-original-empty.ts';
import { backfillTrimsTheme } from './backfill-trims-theme.ts';
import { nameCheckBytes } from './name-check-bytes.ts';
import { keptIdWithinBatch } from './kept-id-within-batch.ts';
import { batchRowsAsBatchSize } from './batch-rows-as-batch-size.ts';
import { driftReportNullStatus } from './drift-report-null-status.ts';
import { progressCountsNotKept } from './progress-counts-not-kept.ts';
import { fallbackBeyondPage } from './fallback-beyond-page.ts';
import { phase2RollbackKeepsGrants } from './phase2-rollback-keeps-grants.ts';
import { phase2RollbackRevokesEarlierGrants } from './phase2-rollback-revokes-earlier-grants.ts';
import { reverseSyncMissesHabitDeletes } from './reverse-sync-misses-habit-deletes.ts';

export type { Defect } from './defect.ts';

export const DEFECTS: readonly Defect[] = [
  childIdentityByName,
  nullOwnerZeroUuid,
  coerceUnknownStatus,
  recordsOnlyForPresentTimes,
  weekEndOffByOne,
  fkChecksOffForSpeed,
  rerunReprocessesRows,
  dedupeWithinBatchOnly,
  recordDateSessionTz,
  progressBeforeBatch,
  driftHabitsOnly,
  driftCountAndSample,
  driftIgnoresReward,
  driftNullBlind,
  reconcileNeverRetriesErrors,
  triggerQuarantinesErrors,
  reverseSyncSwallowsErrors,
  routerFlagIgnoresPercentage,
  routerRandomPerRequest,
  routerPercentInclusive,
  rlsWithCheckTrue,
  rlsParentTablesOnly,
  rlsWeekChildUnchecked,
  legacyViewBypassesRls,
  readTimesByRecordOrder,
  compareCandidateNoSavepoint,
  validateByReadd,
  readOnlySetUnlogged,
  phase0RollbackAsPlanned,
  phase3RollbackNoReverseSync,
  archiveFlagUpdate,
  dropWithoutGrace,
  dropCascade,
  ddlWithoutLockTimeout,
  idempotencyCheckThenLog,
  legacyWriteFailureIgnored,
  dualWriteTwoTransactions,
  triggerInsertOnly,
  triggerChildByName,
  triggerDoubleApply,
  resyncEveryRow,
  orderDuplicatesAccepted,
  upsertOnDeferrableUnique,
  rollbackDropsNewOnlyData,
  shadowTablesOpen,
  internalFunctionsExecutable,
  dualWriteImplicitGrant,
  grantsBeforeRls,
  definerSearchPathUnpinned,
  compareLogNotGranted,
  backfillNoRowFallback,
  unexpectedErrorNeverRetried,
  displayOrderOneBased,
  quarantineOriginalEmpty,
  backfillTrimsTheme,
  nameCheckBytes,
  keptIdWithinBatch,
  batchRowsAsBatchSize,
  driftReportNullStatus,
  progressCountsNotKept,
  fallbackBeyondPage,
  phase2RollbackKeepsGrants,
  phase2RollbackRevokesEarlierGrants,
  reverseSyncMissesHabitDeletes,
];

export type DefectId = string;

/** Looks a defect up by id; undefined when unknown (the CLI turns that into a usage error). */
export function findDefect(id: string): Defect | undefined {
  return DEFECTS.find((d) => d.id === id);
}
