/**
 * Every property, by gate. A gate runs its properties in this order; `all` runs every phase in order,
 * then rollback.
 */
import type { AnyProperty } from '../src/runner/property.ts';
import { roundTrip } from './phase-0/round-trip.ts';
import { accounting } from './phase-0/accounting.ts';
import { constraintValidity } from './phase-0/constraint-validity.ts';
import { idempotency } from './phase-0/idempotency.ts';
import { resumability } from './phase-0/resumability.ts';
import { batchSizeIndependence } from './phase-0/batch-size-independence.ts';
import { timeZoneIndependence } from './phase-0/time-zone-independence.ts';
import { driftDetector } from './phase-0/drift-detector.ts';
import { backfillFaults } from './phase-0/backfill-faults.ts';
import { writeLocality } from './phase-1/write-locality.ts';
import { requestValidation } from './phase-1/request-validation.ts';
import { syncFaults } from './phase-1/sync-faults.ts';
import { reverseSyncFaults } from './phase-3/reverse-sync-faults.ts';
import { newSchemaRows } from './phase-0/new-schema-rows.ts';
import { edgeRows } from './phase-0/edge-rows.ts';
import { convergence } from './phase-1/convergence.ts';
import { idempotencyKeys } from './phase-1/idempotency-keys.ts';
import { atomicity } from './phase-1/atomicity.ts';
import { rollback as phase1Rollback } from './phase-1/rollback.ts';
import { readEquivalence } from './phase-2/read-equivalence.ts';
import { router } from './phase-2/router.ts';
import { rlsIsolation } from './phase-2/rls-isolation.ts';
import { constraintValidation } from './phase-2/constraint-validation.ts';
import { compareMode } from './phase-2/compare-mode.ts';
import { readOnlyWeek } from './phase-3/read-only-week.ts';
import { crashDuringRetirement } from './phase-3/crash-during-retirement.ts';
import { completeGuard } from './phase-3/complete-guard.ts';
import { zeroDowntime } from './phase-3/zero-downtime.ts';
import { phase0Cycle } from './rollback/phase-0-cycle.ts';
import { phase1Cycle } from './rollback/phase-1-cycle.ts';
import { phase2Cycle } from './rollback/phase-2-cycle.ts';
import { phase3Cycle } from './rollback/phase-3-cycle.ts';
import { phasesZeroDowntime } from './rollback/zero-downtime.ts';
import { exposure as exposure0 } from './phase-0/exposure.ts';
import { reachability as reachability0 } from './phase-0/reachability.ts';
import { exposure as exposure1 } from './phase-1/exposure.ts';
import { reachability as reachability1 } from './phase-1/reachability.ts';
import { exposure as exposure2 } from './phase-2/exposure.ts';
import { reachability as reachability2 } from './phase-2/reachability.ts';
import { exposure as exposure3 } from './phase-3/exposure.ts';
import { reachability as reachability3 } from './phase-3/reachability.ts';
import { exposure as exposureRollback } from './rollback/exposure.ts';
import { reachability as reachabilityRollback } from './rollback/reachability.ts';

export const GATES = {
  'phase-0': [roundTrip, newSchemaRows, edgeRows, accounting, constraintValidity, idempotency, resumability, batchSizeIndependence, timeZoneIndependence, driftDetector, backfillFaults, exposure0, reachability0],
  'phase-1': [convergence, writeLocality, requestValidation, idempotencyKeys, atomicity, phase1Rollback, syncFaults, exposure1, reachability1],
  'phase-2': [router, readEquivalence, compareMode, rlsIsolation, constraintValidation, exposure2, reachability2],
  'phase-3': [readOnlyWeek, reverseSyncFaults, crashDuringRetirement, completeGuard, zeroDowntime, exposure3, reachability3],
  rollback: [phase0Cycle, phase1Cycle, phase2Cycle, phase3Cycle, phasesZeroDowntime, exposureRollback, reachabilityRollback],
} satisfies Record<string, AnyProperty[]>;

export type GateName = keyof typeof GATES | 'all';
export const GATE_NAMES = [...Object.keys(GATES), 'all'] as GateName[];

/** `all` runs the gates in this order (phases first, then rollback), whatever order GATES lists them in. */
const GATE_ORDER = ['phase-0', 'phase-1', 'phase-2', 'phase-3', 'rollback'];
const rank = (g: string) => (GATE_ORDER.includes(g) ? GATE_ORDER.indexOf(g) : GATE_ORDER.length);

/** The properties of a gate, in order (`all`: every gate's). */
export function propertiesOf(gate: GateName): AnyProperty[] {
  if (gate === 'all') {
    const gates = Object.keys(GATES).sort((a, b) => rank(a) - rank(b)) as Array<keyof typeof GATES>;
    return gates.flatMap((g): AnyProperty[] => [...GATES[g]]);
  }
  return GATES[gate];
}

/** The one gate a property belongs to: the GATES entry that lists it (every count in the reports is by it). */
export function gateOf(name: string): keyof typeof GATES | undefined {
  return (Object.keys(GATES) as Array<keyof typeof GATES>).find((g) => GATES[g].some((p) => p.name === name));
}

/** Every property by name. */
export function findProperty(name: string): AnyProperty | undefined {
  return Object.values(GATES).flat().find((p) => p.name === name);
}
