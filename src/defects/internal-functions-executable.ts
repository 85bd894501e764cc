import type { Defect } from './defect.ts';
import { StaleDefectError } from './defect.ts';
import { patchSql, patchSteps } from './transform.ts';

const ID = 'internal-functions-executable';

/**
 * Phase 1's internal functions keep the EXECUTE that PostgreSQL gives PUBLIC (and older projects give
 * the API roles): any client with the anon key can call hv_resync, hv_reconcile or the dual write's
 * helpers over PostgREST RPC.
 */
export const internalFunctionsExecutable: Defect = {
  id: ID,
  phases: ['phase-1'],
  description: "Phase 1's internal functions (the sync, the dual write's helpers) are left executable by PUBLIC: reachable through the Data API's RPC with the anon key.",
  planReference: 'Phase 1: the trigger function and the API are created with no REVOKE (CREATE OR REPLACE FUNCTION sync_to_new_schema …)',
  expectedKillers: ['phase-1/exposure'],
  apply: (impl) =>
    patchSteps(ID, impl, 'phase-1', /^create-(sync-functions|dual-write-request-helpers|dual-write-operations)$/, (step) => {
      const revoke = /\nREVOKE ALL ON FUNCTION [^\n]*FROM PUBLIC, anon, authenticated, service_role;/.exec(step.up)?.[0];
      if (!revoke) throw new StaleDefectError(ID, `step ${step.name} no longer closes its functions with one REVOKE ALL ON FUNCTION … line`);
      return patchSql(ID, step, 'up', [[revoke, '']]);
    }),
};
