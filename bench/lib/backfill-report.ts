import type { BackfillBenchResult } from './backfill-bench.ts';
import { textTable } from './table.ts';

export const BACKFILL_AIMS = { ratioToRaw: 1.1, roundTripsPer1000: 5, flatness: 1.2 } as const;

/** The backfill figures as terminal lines (also used by bench/index.ts). */
export function backfillTable(r: BackfillBenchResult): string {
  const rows: Array<Array<string | number>> = r.sizes.map((s) => [
    `ours, ${s.rows.toLocaleString('en')} rows (${s.data.source})`,
    s.medianBackfillMs.toFixed(0),
    s.medianRawMs.toFixed(0),
    `${s.ratioToRaw.toFixed(2)}x / ${s.ratioToRawPaired.toFixed(2)}x`,
    s.usPerRow.toFixed(1),
    `${s.roundTrips.clientCounted} / ${s.roundTrips.serverCounted ?? '–'}`,
    s.roundTrips.per1000Rows.toFixed(2),
  ]);
  if (r.plan) {
    rows.push([
      `plan-style, ${r.plan.rows.toLocaleString('en')} rows (measured)`,
      r.plan.ms.toFixed(0),
      '',
      '',
      r.plan.usPerRow.toFixed(1),
      `${r.plan.roundTrips.clientCounted} / ${r.plan.roundTrips.serverCounted ?? '–'}`,
      r.plan.roundTrips.per1000Rows.toFixed(0),
    ]);
    for (const e of r.planExtrapolated.filter((x) => x.rows !== r.plan!.rows)) {
      rows.push([`plan-style, ${e.rows.toLocaleString('en')} rows (extrapolated)`, e.ms.toFixed(0), '', '', r.plan.usPerRow.toFixed(1), `${e.roundTrips}`, r.plan.roundTrips.per1000Rows.toFixed(0)]);
    }
  }
  const lines = [textTable(['run', 'backfill ms', 'raw ms', 'ratio (medians / paired)', 'µs/row', 'stmts (client / pg_stat)', 'stmts/1000 rows'], rows)];
  for (const f of r.flatness) lines.push(`per-row cost ${f.to.toLocaleString('en')} / ${f.from.toLocaleString('en')} rows: ${f.ratio.toFixed(2)}x (aim ≤ ${BACKFILL_AIMS.flatness}); raw INSERT…SELECT limit: ${f.rawRatio.toFixed(2)}x`);
  if (r.plan) lines.push(`plan-style / ours on ${r.plan.rows.toLocaleString('en')} rows: ${r.plan.ratioToOurs}x the time; ${r.plan.note}`);
  return lines.join('\n');
}

