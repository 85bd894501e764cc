/** Phase 2 — the read switch: the public API of src/migration/phase-2. */
export { phase2, phase2Steps, invokerTriggers, type Phase2Status, type Phase2Options } from './phase-2.ts';
export { BUCKETS, ALL_LEGACY, bucketOf, thresholdOf, readsFromNew, type ReadFlags } from './router.ts';
export { readWeekLegacy, listWeeksLegacy } from './read-legacy.ts';
export { readWeekNew, listWeeksNew } from './read-new.ts';
export { readWeek, listWeeks, DEFAULT_READERS, type ReadRequest, type Served, type WeekReaders, type ReadOptions } from './read-week.ts';
export { experiment, type ReadMismatch, type ExperimentOptions, type ExperimentResult } from './experiment.ts';
export { toLegacyWeek, weeksEqual, stableJson, describeKey, type LegacyWeek, type LegacyHabit, type WeekKey, type Status } from './legacy-week.ts';
export { PHASE0_NOT_VALID_CONSTRAINTS, validateConstraintSteps } from './validate-constraints.ts';
export { RLS_TABLES, BOOKKEEPING_PATTERN, RLS_PRIVILEGES_STEP, type RlsTable } from './rls-privileges.ts';
export { rlsPolicySteps, rlsEnableSteps, legacyViewInvokerStep, policyName } from './rls-policies.ts';
export { MISMATCH_LOG_STEP } from './mismatch-log.ts';
