import { jsonEqual } from '../../../src/check/round-trip.ts';
import type { LegacyModel, Outcome, Prediction, Write } from './model.ts';
import type { Executed } from './operations.ts';

/** A write whose outcome in the database is not what the model says, applied in the same order. */
export interface ModelMismatch {
  client: number;
  seq: number | undefined;
  write: Write;
  model: Prediction;
  database: Outcome | string;
}

/**
 * Applies what ran to the model in write-number order (observe.writeNumber) (replayed requests apply nothing: their original
 * did) and returns every write the database answered differently. Writes without a number (rejected
 * by validation before taking one) do not depend on the order: checked against the final model.
 * Failures that are neither answers nor rejections are mismatches too.
 */
export function replayInModel(model: LegacyModel, executed: readonly Executed[]): ModelMismatch[] {
  const out: ModelMismatch[] = [];
  for (const e of executed) {
    if (e.outcome === undefined) out.push({ client: e.client, seq: e.seq, write: e.write, model: { ok: true }, database: e.error ?? 'error' });
  }
  const numbered = executed.filter((e) => e.outcome !== undefined && e.seq !== undefined).sort((a, b) => a.seq! - b.seq!);
  for (const e of numbered) {
    const o = e.outcome!;
    if ('replayed' in o && o.replayed) continue;
    const p = model.apply(e.write, o);
    if (!agrees(p, o)) out.push({ client: e.client, seq: e.seq, write: e.write, model: p, database: o });
  }
  for (const e of executed.filter((x) => x.outcome !== undefined && x.seq === undefined)) {
    const p = model.clone().apply(e.write, e.outcome!);
    if (!agrees(p, e.outcome!)) out.push({ client: e.client, seq: undefined, write: e.write, model: p, database: e.outcome! });
  }
  return out;
}

function agrees(p: Prediction, o: Outcome): boolean {
  if ('rowCount' in o) return p.ok && p.response?.rowCount === o.rowCount;
  if (!o.ok) return !p.ok && p.rejection === o.rejection;
  if (!p.ok) return false;
  return Object.entries(p.response ?? {}).every(([k, v]) => jsonEqual(o.response[k], v));
}
