/**
 * This project's migration as one implementation of the contract (src/contract): the four phases,
 * the backfill, the dual-write API, the read path and what the oracles observe.
 */
import type { MigrationImplementation } from '../contract/implementation.ts';
import { phase0 } from './phase-0/phase-0.ts';
import { BACKFILL_BATCH_SQL, runBackfill } from './phase-0/backfill.ts';
import { phase1 } from './phase-1/phase-1.ts';
import { dualWrite } from './phase-1/dual-write-api.ts';
import { phase2 } from './phase-2/phase-2.ts';
import { ourReadPath, type OurReadPath } from './phase-2/read-path.ts';
import { phase3 } from './phase-3/phase-3.ts';
import { observation } from './observation.ts';

/** Our implementation, with the parts a broken variant may replace typed as ours. */
export interface OurMigration extends MigrationImplementation {
  readonly reads: OurReadPath;
}

export const ourMigration: OurMigration = {
  name: 'habit-verify',
  description: "this project's implementation of the plan's intent (src/migration)",
  phases: { 'phase-0': phase0, 'phase-1': phase1, 'phase-2': phase2, 'phase-3': phase3 },
  backfill: { run: runBackfill, batchSql: BACKFILL_BATCH_SQL },
  dualWrite: { call: dualWrite },
  reads: ourReadPath(),
  observe: observation,
  entryPoints: [
    { signature: 'hv_dual_write(text,text,jsonb)', roles: ['service_role'], from: 'phase-1', why: "the dual-write API (the Edge Function's one call per request)" },
    {
      signature: 'hv_record_read_mismatch(text,jsonb,text,jsonb,jsonb,jsonb)',
      roles: ['authenticated', 'service_role'],
      from: 'phase-2',
      why: 'compare mode: the reading client records a difference it saw',
    },
    { signature: 'hv_p3_write_path()', roles: ['authenticated', 'service_role'], from: 'phase-3', why: 'the app asks where to write during the read-only week' },
  ],
};
