/** Phase 2 — the read switch: the public API of src/migration/phase-2. */
export { phase2, phase2Status, invokerTriggers, type Phase2Status } from './phase-2.ts';
export { BUCKETS, ALL_LEGACY, bucketOf, thresholdOf, readsFromNew, type ReadFlags } from './router.ts';
export { readWeekLegacy, listWeeksLegacy } from '../../contract/legacy-read.ts';
export { readWeekNew, listWeeksNew, newReader, NEW_WEEK_SELECT } from './read-new.ts';
export { ourReadPath, READ_PATH_PARTS, type OurReadPath, type ReadPathParts } from './read-path.ts';
export { experiment, type ReadMismatch, type ExperimentOptions, type ExperimentResult } from './experiment.ts';
export {
  PHASE2_STEPS,
  PHASE0_NOT_VALID_CONSTRAINTS,
  VALIDATE_CONSTRAINT_STEPS,
  RLS_TABLES,
  BOOKKEEPING_PATTERN,
  RLS_PRIVILEGES_STEP,
  type RlsTable,
  RLS_POLICY_STEPS,
  RLS_ENABLE_STEPS,
  policyName,
  MISMATCH_LOG_STEP,
} from './steps.ts';
