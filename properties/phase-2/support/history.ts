/**
 * A generated history of writes after the backfill: raw legacy writes, as old app versions make them
 * — as the signed-in parent — (Phase 1's trigger keeps the new schema in step), and dual-write API
 * calls (Phase 1), interleaved.
 */
import fc from 'fast-check';
import type pg from 'pg';
import type { MigrationImplementation } from '../../../src/contract/implementation.ts';
import { applyLegacyWrites, legacyWriteArbitrary, type LegacyWrite } from './legacy-writes.ts';
import { applyApiWrites, apiWriteArbitrary, type ApiWrite } from './api-writes.ts';

export type HistoryStep = { via: 'legacy'; write: LegacyWrite } | { via: 'api'; call: ApiWrite };

export function historyArbitrary(maxLength = 8): fc.Arbitrary<HistoryStep[]> {
  const step = fc.oneof(
    legacyWriteArbitrary().map((write): HistoryStep => ({ via: 'legacy', write })),
    apiWriteArbitrary().map((call): HistoryStep => ({ via: 'api', call })),
  );
  return fc.array(step, { maxLength });
}

export interface HistoryOutcome {
  legacy: number;
  api: number;
  refused: number;
}

/**
 * Applies the steps in order: legacy writes as the row's owner (authenticated, under Phase 2's RLS,
 * synced by Phase 1's trigger), API calls on the harness's own connection (see api-writes.ts).
 */
export async function applyHistory(client: pg.ClientBase, steps: readonly HistoryStep[], impl: MigrationImplementation): Promise<HistoryOutcome> {
  const out: HistoryOutcome = { legacy: 0, api: 0, refused: 0 };
  for (const [i, s] of steps.entries()) {
    if (s.via === 'legacy') out.legacy += await applyLegacyWrites(client, [s.write], { asOwner: true });
    else {
      const r = await applyApiWrites(client, [s.call], `history-${i}`, impl);
      out.api += r.applied;
      out.refused += r.refused;
    }
  }
  return out;
}
